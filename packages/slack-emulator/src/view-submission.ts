/**
 * view_submission: building `view.state.values` from what the test says the user entered, and applying
 * the app's answer like Slack (close, errors, update, push, clear).
 */
import type { AppResponse } from './app-transport.ts';
import { validateView } from './block-kit.ts';
import { elementState, InteractionError, isEmptyState } from './element-values.ts';
import type { JsonObject, View } from './types.ts';
import {
  closeModalStack,
  createView,
  MAX_MODAL_STACK,
  modalStack,
  popModal,
  pushModal,
  replaceViewContent,
} from './view-store.ts';
import type { Workspace } from './workspace.ts';

/** How the modal ended up after the app answered a submission. */
export type SubmissionOutcome = 'closed' | 'errors' | 'updated' | 'pushed' | 'cleared' | 'failed';

/** Result of `emulator.submitView`: the app's HTTP answer plus what Slack did with it. */
export interface SubmitViewResult extends AppResponse {
  outcome: SubmissionOutcome;
  /** Field errors shown in the modal (`response_action: errors`). */
  errors?: Record<string, string>;
  /** Why Slack would show its generic "trouble connecting" error (outcome 'failed'). */
  problem?: string;
  /** The view the user sees now (undefined when no modal is open). */
  view?: View;
}

/**
 * `view.state.values` for a submission. `values` is keyed by action_id (or `block_id.action_id` when an
 * action_id repeats). Input elements not given keep their initial value or Slack's empty value. Throws
 * InteractionError for unknown keys, impossible selections and empty required inputs (Slack's client
 * would not submit).
 */
export function buildStateValues(
  workspace: Workspace,
  view: View,
  values: Record<string, unknown>,
  opts: { enforceRequired?: boolean } = {},
): View['state']['values'] {
  const state: View['state']['values'] = {};
  const used = new Set<string>();
  for (const block of view.blocks) {
    const element = block.element as JsonObject | undefined;
    if (block.type !== 'input' || !element) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const key = [`${blockId}.${actionId}`, actionId].find((candidate) => candidate in values);
    if (key !== undefined) used.add(key);
    const picked = elementState(workspace, element, key === undefined ? undefined : values[key]);
    const entry: JsonObject = { type: element.type, ...picked };
    if ((opts.enforceRequired ?? true) && block.optional !== true && isEmptyState(picked)) {
      throw new InteractionError(
        `required input '${blockId}' (${actionId}) is empty: Slack would not let the user submit`,
      );
    }
    const text = entry.value;
    if (typeof text === 'string' && element.type === 'plain_text_input') {
      if (typeof element.max_length === 'number' && text.length > element.max_length)
        throw new InteractionError(`input '${actionId}' is longer than max_length ${element.max_length}`);
      if (typeof element.min_length === 'number' && text.length < element.min_length)
        throw new InteractionError(`input '${actionId}' is shorter than min_length ${element.min_length}`);
    }
    state[blockId] = { [actionId]: entry };
  }
  const unknown = Object.keys(values).filter((key) => !used.has(key));
  if (unknown.length > 0)
    throw new InteractionError(
      `view ${view.id} has no input with action_id ${unknown.map((key) => `'${key}'`).join(', ')}`,
    );
  return state;
}

function modalPayloadProblems(payload: unknown): string[] {
  const problems = validateView(payload);
  if (problems.length === 0 && (payload as JsonObject).type !== 'modal')
    problems.push('[ERROR] must be a valid enum value (modal) [json-pointer:/view/type]');
  return problems;
}

function topView(workspace: Workspace, userId: string): View | undefined {
  const stack = modalStack(workspace, userId);
  const top = stack[stack.length - 1];
  return top && structuredClone(top);
}

/** Applies the app's answer to a view_submission to the user's modal stack. */
export function applySubmissionResponse(
  workspace: Workspace,
  view: View,
  response: AppResponse,
): Omit<SubmitViewResult, keyof AppResponse> {
  const failed = (problem: string) => ({ outcome: 'failed' as const, problem, view: topView(workspace, view.userId) });
  if (response.timedOut) return failed('operation_timeout: the app did not answer within 3 seconds');
  if (response.status !== 200) return failed(`the app answered HTTP ${response.status}`);
  if (response.body.trim() === '') {
    popModal(workspace, view.userId);
    return { outcome: 'closed', view: topView(workspace, view.userId) };
  }
  const answer = response.json as JsonObject | undefined;
  if (typeof answer !== 'object' || answer === null) return failed('the app answered with a body that is not JSON');
  switch (answer.response_action) {
    case 'errors': {
      const errors = (answer.errors ?? {}) as Record<string, string>;
      const inputIds = new Set(
        view.blocks.filter((block) => block.type === 'input').map((block) => String(block.block_id)),
      );
      const wrong = Object.keys(errors).filter((blockId) => !inputIds.has(blockId));
      if (wrong.length > 0 || Object.keys(errors).length === 0) {
        return failed(
          `response_action errors must name input block_ids of the view; not input blocks: ${wrong.join(', ') || '(none given)'}`,
        );
      }
      const live = workspace.viewsById.get(view.id);
      if (live) live.errors = { ...errors };
      return { outcome: 'errors', errors: { ...errors }, view: topView(workspace, view.userId) };
    }
    case 'update': {
      const problems = modalPayloadProblems(answer.view);
      const live = workspace.viewsById.get(view.id);
      if (problems.length > 0 || !live) return failed(`invalid view in response_action update: ${problems.join('; ')}`);
      replaceViewContent(workspace, live, answer.view as JsonObject);
      return { outcome: 'updated', view: topView(workspace, view.userId) };
    }
    case 'push': {
      const problems = modalPayloadProblems(answer.view);
      if (problems.length > 0) return failed(`invalid view in response_action push: ${problems.join('; ')}`);
      if (modalStack(workspace, view.userId).length >= MAX_MODAL_STACK)
        return failed('push_limit_reached: at most 3 stacked modals');
      const pushed = createView(workspace, answer.view as JsonObject, view.userId, {
        rootViewId: view.root_view_id,
        previousViewId: view.id,
      });
      pushModal(workspace, pushed);
      return { outcome: 'pushed', view: topView(workspace, view.userId) };
    }
    case 'clear':
      closeModalStack(workspace, view.userId);
      return { outcome: 'cleared' };
    default:
      return failed(`unknown response_action '${String(answer.response_action)}'`);
  }
}
