type Element = Record<string, unknown> & { type: string; action_id: string };
type Block = { type: string; block_id?: string; optional?: boolean; element?: Element };
type Option = { value: string };

/** The key of a state entry that carries what a person chose in an element of this type. */
export function valueKeyOf(type: string): string {
  const keys: Record<string, string> = {
    static_select: 'selected_option',
    radio_buttons: 'selected_option',
    multi_static_select: 'selected_options',
    checkboxes: 'selected_options',
    users_select: 'selected_user',
    multi_users_select: 'selected_users',
    datepicker: 'selected_date',
    timepicker: 'selected_time',
    datetimepicker: 'selected_date_time',
    conversations_select: 'selected_conversation',
  };
  return keys[type] ?? 'value';
}

function chosen(element: Element, picked: unknown): unknown {
  const options = (element.options ?? []) as Option[];
  const option = (value: unknown) => options.find((candidate) => candidate.value === value) ?? null;
  switch (element.type) {
    case 'static_select':
    case 'radio_buttons':
      return picked === undefined ? (element.initial_option ?? null) : option(picked);
    case 'multi_static_select':
    case 'checkboxes':
      return picked === undefined ? (element.initial_options ?? []) : [picked].flat().map(option);
    case 'users_select':
      return picked ?? element.initial_user ?? null;
    case 'datepicker':
      return picked ?? element.initial_date ?? null;
    case 'timepicker':
      return picked ?? element.initial_time ?? null;
    case 'datetimepicker':
      return picked ?? element.initial_date_time ?? null;
    default:
      return picked === undefined ? (element.initial_value ?? null) : String(picked);
  }
}

/** A view's state as Slack would submit it with `values` (by action_id) chosen and every other input left as it opened. */
export function formState(blocks: unknown[], values: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of blocks as Block[]) {
    if (block.type !== 'input' || !block.element || !block.block_id) continue;
    const { element } = block;
    state[block.block_id] = {
      [element.action_id]: {
        type: element.type,
        [valueKeyOf(element.type)]: chosen(element, values[element.action_id]),
      },
    };
  }
  return state;
}
