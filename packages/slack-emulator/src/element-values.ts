/**
 * What a user picked in a Block Kit element, in Slack's state/action shape: `value`, `selected_option`,
 * `selected_user`, `selected_date`, … Used for block_actions and view_submission payloads.
 */
import type { JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Raised when a test asks for a selection the UI could not make (unknown option, user, …). */
export class InteractionError extends Error {
  override name = 'InteractionError';
}

function options(element: JsonObject): JsonObject[] {
  const direct = Array.isArray(element.options) ? (element.options as JsonObject[]) : [];
  const grouped = Array.isArray(element.option_groups)
    ? (element.option_groups as JsonObject[]).flatMap((group) =>
        Array.isArray(group.options) ? (group.options as JsonObject[]) : [],
      )
    : [];
  return [...direct, ...grouped];
}

function optionFor(element: JsonObject, value: unknown): JsonObject {
  if (String(element.type).includes('external_select')) {
    if (typeof value === 'object' && value !== null) return structuredClone(value as JsonObject);
    return { text: { type: 'plain_text', text: String(value), emoji: true }, value: String(value) };
  }
  const option = options(element).find((candidate) => candidate.value === value);
  if (!option)
    throw new InteractionError(
      `${String(element.type)} '${String(element.action_id)}' has no option with value '${String(value)}'`,
    );
  return structuredClone(option);
}

function asList(picked: unknown): unknown[] {
  return Array.isArray(picked) ? picked : [picked];
}

function checkUser(workspace: Workspace, id: unknown): string {
  if (typeof id !== 'string' || !workspace.user(id)) throw new InteractionError(`unknown user '${String(id)}'`);
  return id;
}

function checkChannel(workspace: Workspace, id: unknown): string {
  if (typeof id !== 'string' || !workspace.channel(id))
    throw new InteractionError(`unknown conversation '${String(id)}'`);
  return id;
}

function checkFormat(value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new InteractionError(`${what} must match ${pattern}`);
  return value;
}

/**
 * State fields of `element` after the user picked `picked` (undefined = left untouched: the initial
 * value or Slack's empty value). Throws InteractionError for selections the UI does not offer.
 */
export function elementState(workspace: Workspace, element: JsonObject, picked: unknown): JsonObject {
  const type = String(element.type);
  const untouched = picked === undefined;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
      return { value: untouched ? (element.initial_value ?? null) : String(picked) };
    case 'number_input':
      return { value: untouched ? (element.initial_value ?? null) : String(picked) };
    case 'static_select':
    case 'external_select':
    case 'overflow':
    case 'radio_buttons':
      return { selected_option: untouched ? (element.initial_option ?? null) : optionFor(element, picked) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        selected_options: untouched
          ? (element.initial_options ?? [])
          : asList(picked).map((value) => optionFor(element, value)),
      };
    case 'users_select':
      return { selected_user: untouched ? (element.initial_user ?? null) : checkUser(workspace, picked) };
    case 'multi_users_select':
      return {
        selected_users: untouched
          ? (element.initial_users ?? [])
          : asList(picked).map((id) => checkUser(workspace, id)),
      };
    case 'conversations_select':
      return {
        selected_conversation: untouched ? (element.initial_conversation ?? null) : checkChannel(workspace, picked),
      };
    case 'multi_conversations_select':
      return {
        selected_conversations: untouched
          ? (element.initial_conversations ?? [])
          : asList(picked).map((id) => checkChannel(workspace, id)),
      };
    case 'channels_select':
      return { selected_channel: untouched ? (element.initial_channel ?? null) : checkChannel(workspace, picked) };
    case 'multi_channels_select':
      return {
        selected_channels: untouched
          ? (element.initial_channels ?? [])
          : asList(picked).map((id) => checkChannel(workspace, id)),
      };
    case 'datepicker':
      return {
        selected_date: untouched
          ? (element.initial_date ?? null)
          : checkFormat(picked, /^\d{4}-\d{2}-\d{2}$/, 'datepicker value'),
      };
    case 'timepicker':
      return {
        selected_time: untouched
          ? (element.initial_time ?? null)
          : checkFormat(picked, /^\d{2}:\d{2}$/, 'timepicker value'),
      };
    case 'datetimepicker':
      if (!untouched && !Number.isInteger(picked))
        throw new InteractionError('datetimepicker value must be unix seconds (integer)');
      return { selected_date_time: untouched ? (element.initial_date_time ?? null) : picked };
    case 'rich_text_input':
      return {
        rich_text_value: untouched
          ? (element.initial_value ?? null)
          : {
              type: 'rich_text',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: String(picked) }] }],
            },
      };
    default:
      if (!untouched) throw new InteractionError(`element type '${type}' cannot take a value in the emulator`);
      return {};
  }
}

/** Whether a state is empty (what Slack's client refuses for a required input). */
export function isEmptyState(state: JsonObject): boolean {
  return Object.values(state).every(
    (value) => value === null || value === '' || (Array.isArray(value) && value.length === 0),
  );
}
