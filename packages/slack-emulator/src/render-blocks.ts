/** Block Kit as plain text for transcripts: headers, sections, fields, context, buttons, inputs. */
import { resolveMrkdwn } from './mrkdwn.ts';
import type { Block, JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

function textOf(value: unknown, workspace: Workspace): string {
  if (typeof value !== 'object' || value === null) return '';
  const text = (value as JsonObject).text;
  return typeof text === 'string' ? resolveMrkdwn(text, workspace) : '';
}

// What Slack's client shows in an empty element that has no placeholder of its own.
const defaultPlaceholders: Record<string, string> = {
  static_select: 'Select an item',
  external_select: 'Select an item',
  users_select: 'Select a user',
  conversations_select: 'Select a conversation',
  channels_select: 'Select a channel',
  multi_static_select: 'Select items',
  multi_external_select: 'Select items',
  multi_users_select: 'Select users',
  multi_conversations_select: 'Select conversations',
  multi_channels_select: 'Select channels',
  datepicker: 'Select a date',
  timepicker: 'Select time',
  datetimepicker: 'Pick a date and time',
};

/** A placeholder as a person tells it from a typed value: greyed in Slack, `_in italics_` here. */
function asPlaceholder(text: string): string {
  return text === '' ? ' ' : `_${text}_`;
}

function initialSelection(record: JsonObject, workspace: Workspace): string {
  const option = textOf((record.initial_option as JsonObject | undefined)?.text, workspace);
  if (option) return option;
  const options = Array.isArray(record.initial_options) ? (record.initial_options as JsonObject[]) : [];
  if (options.length > 0) return options.map((o) => textOf(o.text, workspace)).join(', ');
  const users = typeof record.initial_user === 'string' ? [record.initial_user] : (record.initial_users ?? []);
  if (Array.isArray(users) && users.length > 0)
    return users.map((id) => `@${workspace.user(String(id))?.name ?? String(id)}`).join(', ');
  const conversation = record.initial_conversation ?? record.initial_channel;
  if (typeof conversation === 'string') return `#${workspace.channel(conversation)?.name ?? conversation}`;
  return '';
}

/**
 * One element as text: `[Button]`, `[SEV2 ▾]` (a chosen option), `[date: 2024-01-01]`, a typed value
 * `[Checkout is down]`; an empty field shows its placeholder in italics (`[_What is broken?_]`,
 * `[_Select a user_ ▾]`) or, without one, an empty box `[ ]`.
 */
export function renderElement(element: unknown, workspace: Workspace): string {
  if (typeof element !== 'object' || element === null) return '';
  const record = element as JsonObject;
  const type = String(record.type);
  const placeholder = asPlaceholder(textOf(record.placeholder, workspace) || (defaultPlaceholders[type] ?? ''));
  if (type === 'button') return `[${textOf(record.text, workspace)}]`;
  if (type === 'overflow') return '[⋯]';
  if (type === 'image') return `[image: ${String(record.alt_text ?? '')}]`;
  if (type.endsWith('select')) return `[${initialSelection(record, workspace) || placeholder} ▾]`;
  if (type === 'checkboxes' || type === 'radio_buttons') {
    const options = Array.isArray(record.options) ? (record.options as JsonObject[]) : [];
    const chosen = new Set(
      [
        ...(Array.isArray(record.initial_options) ? (record.initial_options as JsonObject[]) : []),
        ...(record.initial_option ? [record.initial_option as JsonObject] : []),
      ].map((option) => String(option.value)),
    );
    const mark = (on: boolean) => (type === 'checkboxes' ? (on ? '☑' : '☐') : on ? '◉' : '○');
    return options
      .map((option) => `${mark(chosen.has(String(option.value)))} ${textOf(option.text, workspace)}`)
      .join('  ');
  }
  if (type === 'datepicker')
    return `[date: ${typeof record.initial_date === 'string' ? record.initial_date : placeholder}]`;
  if (type === 'timepicker')
    return `[time: ${typeof record.initial_time === 'string' ? record.initial_time : placeholder}]`;
  if (type === 'datetimepicker') {
    const initial = typeof record.initial_date_time === 'number' ? record.initial_date_time : undefined;
    return `[${initial === undefined ? placeholder : `date and time: ${new Date(initial * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`}]`;
  }
  const initial =
    typeof record.initial_value === 'string' || typeof record.initial_value === 'number'
      ? String(record.initial_value)
      : '';
  return `[${initial || placeholder}${record.multiline ? ' ¶' : ''}]`;
}

function richText(value: unknown, workspace: Workspace): string {
  if (Array.isArray(value)) return value.map((item) => richText(item, workspace)).join('');
  if (typeof value !== 'object' || value === null) return '';
  const record = value as JsonObject;
  if (record.type === 'text') return String(record.text ?? '');
  if (record.type === 'user') return `@${workspace.user(String(record.user_id))?.name ?? String(record.user_id)}`;
  if (record.type === 'channel')
    return `#${workspace.channel(String(record.channel_id))?.name ?? String(record.channel_id)}`;
  if (record.type === 'link') return String(record.text ?? record.url ?? '');
  if (record.type === 'emoji') return `:${String(record.name)}:`;
  const inner = richText(record.elements, workspace);
  return record.type === 'rich_text_list' ||
    record.type === 'rich_text_section' ||
    record.type === 'rich_text_preformatted'
    ? `${inner}\n`
    : inner;
}

// A state value (what the person typed or picked) → the element's initial_* field that draws it.
const stateToInitial: Record<string, string> = {
  value: 'initial_value',
  selected_option: 'initial_option',
  selected_options: 'initial_options',
  selected_user: 'initial_user',
  selected_users: 'initial_users',
  selected_conversation: 'initial_conversation',
  selected_conversations: 'initial_conversations',
  selected_channel: 'initial_channel',
  selected_channels: 'initial_channels',
  selected_date: 'initial_date',
  selected_time: 'initial_time',
  selected_date_time: 'initial_date_time',
};

/** The element as the person left it: their typed or picked value in place of the initial one. */
function asFilledIn(element: unknown, state: JsonObject | undefined): unknown {
  if (!state || typeof element !== 'object' || element === null) return element;
  const filled: JsonObject = { ...(element as JsonObject) };
  for (const [field, initial] of Object.entries(stateToInitial)) {
    if (!(field in state)) continue;
    const value = state[field];
    if (value === null || value === undefined || value === '') delete filled[initial];
    else filled[initial] = value;
  }
  return filled;
}

/**
 * Renders blocks as lines (without indentation); `errors` maps input block_ids to shown errors, `state`
 * (a view's `state.values`) holds what the person typed or picked, drawn in place of initial values.
 */
export function renderBlocks(
  blocks: Block[],
  workspace: Workspace,
  errors: Record<string, string> = {},
  state: Record<string, Record<string, JsonObject>> = {},
): string[] {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`== ${textOf(block.text, workspace)} ==`);
        break;
      case 'section': {
        const accessory = block.accessory ? `  ${renderElement(block.accessory, workspace)}` : '';
        if (block.text) lines.push(`${textOf(block.text, workspace)}${accessory}`);
        const fields = Array.isArray(block.fields)
          ? block.fields.map((field) => textOf(field, workspace).replace(/\n/g, ' '))
          : [];
        if (fields.length > 0) lines.push(fields.join(' | ') + (block.text ? '' : accessory));
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? (block.elements as JsonObject[]) : [];
        lines.push(
          elements
            .map((element) =>
              element.type === 'image' ? `[image: ${String(element.alt_text ?? '')}]` : textOf(element, workspace),
            )
            .join(' · '),
        );
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        lines.push(elements.map((element) => renderElement(element, workspace)).join(' '));
        break;
      }
      case 'divider':
        lines.push('───');
        break;
      case 'input': {
        const optional = block.optional === true ? ' (optional)' : '';
        const actionId = String((block.element as JsonObject | undefined)?.action_id ?? '');
        const element = asFilledIn(block.element, state[String(block.block_id)]?.[actionId]);
        lines.push(`${textOf(block.label, workspace)}${optional}: ${renderElement(element, workspace)}`);
        const error = errors[String(block.block_id)];
        if (error) lines.push(`  ⚠ ${error}`);
        break;
      }
      case 'image':
        lines.push(`[image: ${String(block.alt_text ?? '')}]`);
        break;
      case 'rich_text':
        lines.push(richText(block.elements, workspace).replace(/\n$/, ''));
        break;
      case 'markdown':
        lines.push(String(block.text ?? ''));
        break;
      default:
        lines.push(`[${String(block.type)}]`);
    }
  }
  return lines.flatMap((line) => line.split('\n'));
}
