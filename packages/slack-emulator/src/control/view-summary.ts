/** A modal or Home tab summed up for a person: rendered as filled so far, its fields, buttons and errors by label. */
import { renderView } from '../render.ts';
import type { JsonObject, View } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import { errorsByLabel, formFields, type PendingValues } from './forms.ts';
import { normalizeLabel, optionsOf, textOf } from './labels.ts';

/** The view's blocks showing what the person filled in (as initial values, which is how the renderer reads them). */
function blocksAsFilled(view: View, pending: PendingValues): JsonObject[] {
  const filled = pending.get(view.id) ?? {};
  return view.blocks.map((block) => {
    const element = block.element as JsonObject | undefined;
    const entry = element && filled[`${String(block.block_id)}.${String(element.action_id)}`];
    if (!element || !entry) return block;
    const shown: JsonObject = { ...element };
    const option = optionsOf(element).find((candidate) => candidate.value === entry.value);
    if (option) shown.initial_option = option;
    else if (String(element.type) === 'datepicker') shown.initial_date = entry.value;
    else if (String(element.type) === 'timepicker') shown.initial_time = entry.value;
    else shown.initial_value = String(entry.shown);
    return { ...block, element: shown };
  });
}

/** A modal or Home tab as a person sees it: rendered text, fields, buttons and errors. */
export function describeView(workspace: Workspace, view: View, pending: PendingValues): JsonObject {
  const buttons = view.blocks.flatMap((block) => {
    const elements = [...(Array.isArray(block.elements) ? (block.elements as JsonObject[]) : []), block.accessory];
    return elements
      .filter((e): e is JsonObject => (e as JsonObject | undefined)?.type === 'button')
      .map((e) => textOf(e.text));
  });
  return {
    viewId: view.id,
    type: view.type,
    title: textOf(view.title),
    callbackId: view.callback_id,
    rendered: renderView(workspace, view.id, blocksAsFilled(view, pending)),
    fields: formFields(workspace, view, pending).map(({ key: _key, ...field }) => field),
    buttons,
    submit: textOf(view.submit) || null,
    close: view.type === 'modal' ? textOf(view.close) || 'Cancel' : null,
    errors: errorsByLabel(view, view.errors),
  };
}

/** Whether `label` names the modal's submit button. */
export function isSubmitLabel(view: View, label: string): boolean {
  return view.submit != null && normalizeLabel(textOf(view.submit)) === normalizeLabel(label);
}

/** Whether `label` names the modal's close button (Slack shows "Cancel" when the app gave none). */
export function isCloseLabel(view: View, label: string): boolean {
  return view.type === 'modal' && normalizeLabel(textOf(view.close) || 'Cancel') === normalizeLabel(label);
}
