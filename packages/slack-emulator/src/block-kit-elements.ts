/**
 * Block Kit composition objects and elements: text objects, options, buttons, selects, inputs.
 * Problems are collected as Slack formats them: `[ERROR] <what> [json-pointer:/blocks/0/text/text]`.
 */
import type { JsonObject } from './types.ts';

/** Single-selection menus (state key `selected_option` / `selected_user` / …). */
export const SELECT_TYPES = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
];
/** Multi-selection menus. */
export const MULTI_SELECT_TYPES = SELECT_TYPES.map((type) => `multi_${type}`);
/** Elements allowed in an actions block. */
const ACTIONS_ELEMENTS = [
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  'rich_text_input',
  ...SELECT_TYPES,
  ...MULTI_SELECT_TYPES,
];
/** Elements allowed as a section accessory. */
const ACCESSORY_ELEMENTS = [
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECT_TYPES,
  ...MULTI_SELECT_TYPES,
];
/** Elements allowed in an input block. */
const INPUT_ELEMENTS = [
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECT_TYPES,
  ...MULTI_SELECT_TYPES,
];

/** Where an element sits, which decides the element types allowed. */
export type ElementSlot = 'actions' | 'accessory' | 'input';

const ALLOWED: Record<ElementSlot, string[]> = {
  actions: ACTIONS_ELEMENTS,
  accessory: ACCESSORY_ELEMENTS,
  input: INPUT_ELEMENTS,
};

/** Collects Block Kit problems with their JSON pointers. */
export class BlockKitChecker {
  readonly problems: string[] = [];

  /** Records one problem. */
  error(pointer: string, message: string): void {
    this.problems.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }

  /** Checks `value` is a JSON object. */
  object(value: unknown, pointer: string): value is JsonObject {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.error(pointer, 'must provide an object');
    return false;
  }

  /** Checks an optional/required string field and its length. */
  string(
    parent: JsonObject,
    field: string,
    pointer: string,
    opts: { max: number; required?: boolean; min?: number },
  ): void {
    const value = parent[field];
    if (value === undefined || value === null) {
      if (opts.required) this.error(pointer, `missing required field: ${field}`);
      return;
    }
    if (typeof value !== 'string') {
      this.error(`${pointer}/${field}`, 'must provide a string');
      return;
    }
    if (value.length < (opts.min ?? 0))
      this.error(`${pointer}/${field}`, `must be more than ${(opts.min ?? 1) - 1} characters`);
    if (value.length > opts.max) this.error(`${pointer}/${field}`, `must be less than ${opts.max + 1} characters`);
  }

  /** Checks an array field and its item count; returns the array (or undefined). */
  array(
    parent: JsonObject,
    field: string,
    pointer: string,
    opts: { max: number; min?: number; required?: boolean },
  ): unknown[] | undefined {
    const value = parent[field];
    if (value === undefined || value === null) {
      if (opts.required) this.error(pointer, `missing required field: ${field}`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.error(`${pointer}/${field}`, 'must provide an array');
      return undefined;
    }
    if (value.length < (opts.min ?? 0)) this.error(`${pointer}/${field}`, `must provide at least ${opts.min} items`);
    if (value.length > opts.max) this.error(`${pointer}/${field}`, `no more than ${opts.max} items allowed`);
    return value;
  }

  /** Checks a text object field (`{type: plain_text|mrkdwn, text}`). */
  text(
    parent: JsonObject,
    field: string,
    pointer: string,
    opts: { max: number; plainOnly?: boolean; required?: boolean },
  ): void {
    const value = parent[field];
    if (value === undefined || value === null) {
      if (opts.required) this.error(pointer, `missing required field: ${field}`);
      return;
    }
    this.textObject(value, `${pointer}/${field}`, opts);
  }

  /** Checks a text object value. */
  textObject(value: unknown, pointer: string, opts: { max: number; plainOnly?: boolean }): void {
    if (!this.object(value, pointer)) return;
    const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (!allowed.includes(String(value.type)))
      this.error(`${pointer}/type`, `must be a valid enum value (${allowed.join(', ')})`);
    this.string(value, 'text', pointer, { max: opts.max, required: true, min: 1 });
  }
}

/** Validates one interactive or input element placed in `slot`. */
export function checkElement(check: BlockKitChecker, element: unknown, pointer: string, slot: ElementSlot): void {
  if (!check.object(element, pointer)) return;
  const type = String(element.type);
  if (!ALLOWED[slot].includes(type)) {
    check.error(`${pointer}/type`, `element type '${type}' is not allowed here`);
    return;
  }
  check.string(element, 'action_id', pointer, { max: 255 });
  check.text(element, 'placeholder', pointer, { max: 150, plainOnly: true });
  if (element.confirm !== undefined) checkConfirm(check, element.confirm, `${pointer}/confirm`);
  switch (type) {
    case 'button':
      check.text(element, 'text', pointer, { max: 75, plainOnly: true, required: true });
      check.string(element, 'value', pointer, { max: 2000 });
      check.string(element, 'url', pointer, { max: 3000 });
      check.string(element, 'accessibility_label', pointer, { max: 75 });
      if (element.style !== undefined && !['primary', 'danger'].includes(String(element.style))) {
        check.error(`${pointer}/style`, 'must be a valid enum value (primary, danger)');
      }
      return;
    case 'static_select':
    case 'multi_static_select':
      checkOptionSource(check, element, pointer);
      return;
    case 'overflow':
      checkOptions(check, element, 'options', pointer, { min: 2, max: 5, plainOnly: true });
      return;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(check, element, 'options', pointer, { min: 1, max: 10, plainOnly: false, required: true });
      return;
    case 'datepicker':
      if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date)))
        check.error(`${pointer}/initial_date`, 'must be in YYYY-MM-DD format');
      return;
    case 'timepicker':
      if (element.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(element.initial_time)))
        check.error(`${pointer}/initial_time`, 'must be in HH:mm format');
      return;
    case 'plain_text_input':
      check.string(element, 'initial_value', pointer, { max: 3000 });
      for (const field of ['min_length', 'max_length']) {
        const value = element[field];
        if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 3000))
          check.error(`${pointer}/${field}`, 'must be a number between 0 and 3000');
      }
      return;
    case 'number_input':
      if (typeof element.is_decimal_allowed !== 'boolean')
        check.error(pointer, 'missing required field: is_decimal_allowed');
      return;
    case 'image':
      checkImage(check, element, pointer);
      return;
    default:
      return;
  }
}

/** Validates an image element or image block's image fields. */
export function checkImage(check: BlockKitChecker, image: JsonObject, pointer: string): void {
  if (image.image_url === undefined && image.slack_file === undefined)
    check.error(pointer, 'missing required field: image_url');
  check.string(image, 'image_url', pointer, { max: 3000 });
  check.string(image, 'alt_text', pointer, { max: 2000, required: true, min: 1 });
}

function checkConfirm(check: BlockKitChecker, confirm: unknown, pointer: string): void {
  if (!check.object(confirm, pointer)) return;
  check.text(confirm, 'title', pointer, { max: 100, plainOnly: true, required: true });
  check.text(confirm, 'text', pointer, { max: 300, required: true });
  check.text(confirm, 'confirm', pointer, { max: 30, plainOnly: true, required: true });
  check.text(confirm, 'deny', pointer, { max: 30, plainOnly: true, required: true });
}

function checkOptionSource(check: BlockKitChecker, element: JsonObject, pointer: string): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    check.error(pointer, 'must provide exactly one of options or option_groups');
    return;
  }
  if (hasOptions) {
    checkOptions(check, element, 'options', pointer, { min: 1, max: 100, plainOnly: true });
    return;
  }
  const groups = check.array(element, 'option_groups', pointer, { min: 1, max: 100 }) ?? [];
  groups.forEach((group, index) => {
    const groupPointer = `${pointer}/option_groups/${index}`;
    if (!check.object(group, groupPointer)) return;
    check.text(group, 'label', groupPointer, { max: 75, plainOnly: true, required: true });
    checkOptions(check, group, 'options', groupPointer, { min: 1, max: 100, plainOnly: true, required: true });
  });
}

function checkOptions(
  check: BlockKitChecker,
  parent: JsonObject,
  field: string,
  pointer: string,
  opts: { min: number; max: number; plainOnly: boolean; required?: boolean },
): void {
  const options =
    check.array(parent, field, pointer, { min: opts.min, max: opts.max, required: opts.required ?? true }) ?? [];
  options.forEach((option, index) => {
    const optionPointer = `${pointer}/${field}/${index}`;
    if (!check.object(option, optionPointer)) return;
    check.text(option, 'text', optionPointer, { max: 75, plainOnly: opts.plainOnly, required: true });
    check.string(option, 'value', optionPointer, { max: 150, required: true, min: 1 });
    check.text(option, 'description', optionPointer, { max: 75, plainOnly: opts.plainOnly });
  });
}
