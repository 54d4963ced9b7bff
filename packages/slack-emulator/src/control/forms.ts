/**
 * Modals as a person sees them: input fields by label (with their type, options and current value),
 * a person's answer turned into what the view drivers take (option label → value, user name → id, …),
 * and Slack's field errors keyed by label instead of block_id.
 */
import type { JsonObject, View } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import { resolveChannel, resolveUser } from './addressing.ts';
import { ControlError } from './body.ts';
import { optionsOf, pickByLabel, textOf } from './labels.ts';

/** One input of a modal, as a person sees it. */
export interface FormField {
  label: string;
  type: string;
  required: boolean;
  /** What the field shows now (what the person filled in, else its initial value). */
  value: unknown;
  options?: string[];
  /** `block_id.action_id`: the key the view drivers take. */
  key: string;
}

/** What a person filled in a modal so far, per view id: driver-ready value and what they typed. */
export type PendingValues = Map<string, Record<string, { value: unknown; shown: unknown }>>;

type Input = { label: string; key: string; element: JsonObject; required: boolean };

function inputsOf(view: View): Input[] {
  return view.blocks
    .filter((block) => block.type === 'input' && typeof block.element === 'object' && block.element !== null)
    .map((block) => {
      const element = block.element as JsonObject;
      return {
        label: textOf(block.label),
        key: `${String(block.block_id)}.${String(element.action_id)}`,
        element,
        required: block.optional !== true,
      };
    });
}

function initialShown(workspace: Workspace, element: JsonObject): unknown {
  const user = (id: unknown) => (typeof id === 'string' ? (workspace.user(id)?.name ?? id) : null);
  if (element.initial_option) return textOf((element.initial_option as JsonObject).text);
  if (Array.isArray(element.initial_options))
    return (element.initial_options as JsonObject[]).map((option) => textOf(option.text));
  if (element.initial_user) return user(element.initial_user);
  if (Array.isArray(element.initial_users)) return (element.initial_users as unknown[]).map(user);
  return element.initial_value ?? element.initial_date ?? element.initial_time ?? element.initial_date_time ?? null;
}

/** The modal's inputs with what each shows now. */
export function formFields(workspace: Workspace, view: View, pending: PendingValues): FormField[] {
  const filled = pending.get(view.id) ?? {};
  return inputsOf(view).map(({ label, key, element, required }) => {
    const options = optionsOf(element).map((option) => textOf(option.text));
    return {
      label,
      type: String(element.type),
      required,
      value: key in filled ? filled[key]?.shown : initialShown(workspace, element),
      ...(options.length > 0 ? { options } : {}),
      key,
    };
  });
}

function list(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (typeof input === 'string')
    return input
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return [input];
}

function optionValue(element: JsonObject, input: unknown, where: string): unknown {
  const options = optionsOf(element);
  const byValue = options.find((option) => option.value === input);
  if (byValue) return byValue.value;
  const candidates = options.map((option) => ({ label: textOf(option.text), item: option.value }));
  return pickByLabel(candidates, String(input), 'option', where);
}

function dateTimeSeconds(input: unknown, where: string): number {
  if (typeof input === 'number' && Number.isInteger(input)) return input;
  const text = typeof input === 'string' ? input.trim().replace(' ', 'T') : '';
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(text) ? text : `${text}Z`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(ms))
    throw new ControlError(`${where}: give a date and time such as "2026-12-02 14:30" (UTC) or unix seconds`);
  return Math.floor(ms / 1000);
}

/** A person's answer for a field turned into what the view drivers take. */
export function driverValue(workspace: Workspace, element: JsonObject, input: unknown, where: string): unknown {
  const type = String(element.type);
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return optionValue(element, input, where);
    case 'multi_static_select':
    case 'checkboxes': {
      if (input === false) return [];
      if (input === true) return optionsOf(element).map((option) => option.value);
      return list(input).map((item) => optionValue(element, item, where));
    }
    case 'users_select':
      return resolveUser(workspace, input).id;
    case 'multi_users_select':
      return list(input).map((item) => resolveUser(workspace, item).id);
    case 'conversations_select':
    case 'channels_select':
      return resolveChannel(workspace, input).id;
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return list(input).map((item) => resolveChannel(workspace, item).id);
    case 'datetimepicker':
      return dateTimeSeconds(input, where);
    case 'number_input':
      if (!/^-?\d+(\.\d+)?$/.test(String(input).trim()))
        throw new ControlError(`${where}: '${String(input)}' is not a number`);
      return String(input).trim();
    default:
      if (typeof input === 'object' && input !== null)
        throw new ControlError(`${where}: give text, not ${JSON.stringify(input)}`);
      return String(input);
  }
}

/** Records `answers` (label → a person's value) as filled in the modal; errors list the modal's labels. */
export function fillForm(workspace: Workspace, view: View, answers: JsonObject, pending: PendingValues): void {
  const inputs = inputsOf(view);
  const filled = { ...(pending.get(view.id) ?? {}) };
  const title = textOf(view.title) || view.id;
  for (const [label, answer] of Object.entries(answers)) {
    const input = pickByLabel(
      inputs.map((item) => ({ label: item.label, item })),
      label,
      'field',
      `the '${title}' modal`,
    );
    const value = driverValue(workspace, input.element, answer, `field '${input.label}'`);
    filled[input.key] = { value, shown: answer };
  }
  pending.set(view.id, filled);
}

/** The filled values of a modal keyed for the view drivers (only inputs the view still has). */
export function filledValues(view: View, pending: PendingValues): Record<string, unknown> {
  const keys = new Set(inputsOf(view).map((input) => input.key));
  return Object.fromEntries(
    Object.entries(pending.get(view.id) ?? {})
      .filter(([key]) => keys.has(key))
      .map(([key, entry]) => [key, entry.value]),
  );
}

/** Field errors (block_id → message) keyed by the field's label. */
export function errorsByLabel(view: View, errors: Record<string, string> | undefined): Record<string, string> {
  const labels = new Map(inputsOf(view).map((input) => [input.key.split('.')[0], input.label]));
  return Object.fromEntries(
    Object.entries(errors ?? {}).map(([blockId, text]) => [labels.get(blockId) ?? blockId, text]),
  );
}
