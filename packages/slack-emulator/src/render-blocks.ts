/** Block Kit as plain text for transcripts: headers, sections, fields, context, buttons, inputs. */
import { resolveMrkdwn } from './mrkdwn.ts';
import type { Block, JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

function textOf(value: unknown, workspace: Workspace): string {
  if (typeof value !== 'object' || value === null) return '';
  const text = (value as JsonObject).text;
  return typeof text === 'string' ? resolveMrkdwn(text, workspace) : '';
}

/** One element as text: `[Button]`, `[Pick a severity ▾]`, `[date: 2024-01-01]`, … */
export function renderElement(element: unknown, workspace: Workspace): string {
  if (typeof element !== 'object' || element === null) return '';
  const record = element as JsonObject;
  const type = String(record.type);
  const placeholder = textOf(record.placeholder, workspace);
  if (type === 'button') return `[${textOf(record.text, workspace)}]`;
  if (type === 'overflow') return '[⋯]';
  if (type === 'image') return `[image: ${String(record.alt_text ?? '')}]`;
  if (type.endsWith('select')) {
    const initial = textOf((record.initial_option as JsonObject | undefined)?.text, workspace);
    return `[${initial || placeholder || type} ▾]`;
  }
  if (type === 'checkboxes' || type === 'radio_buttons') {
    const options = Array.isArray(record.options) ? (record.options as JsonObject[]) : [];
    return options.map((option) => `${type === 'checkboxes' ? '☐' : '○'} ${textOf(option.text, workspace)}`).join('  ');
  }
  if (type === 'datepicker') return `[date: ${String(record.initial_date ?? placeholder ?? '')}]`;
  if (type === 'timepicker') return `[time: ${String(record.initial_time ?? placeholder ?? '')}]`;
  const initial = typeof record.initial_value === 'string' ? record.initial_value : '';
  return `[${initial || placeholder || type}${record.multiline ? ' ¶' : ''}]`;
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

/** Renders blocks as lines (without indentation); `errors` maps input block_ids to shown errors. */
export function renderBlocks(blocks: Block[], workspace: Workspace, errors: Record<string, string> = {}): string[] {
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
        lines.push(`${textOf(block.label, workspace)}${optional}: ${renderElement(block.element, workspace)}`);
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
