/**
 * Views (modals and Home tabs): reading the `view` argument, creating and updating stored views with
 * Slack's bookkeeping (hash, root/previous view), and the per-user modal stack (at most 3 views).
 */
import { createHash } from 'node:crypto';
import { type ApiArgs, optionalJson } from './args.ts';
import { validateView, withGeneratedIds } from './block-kit.ts';
import { SlackApiError } from './errors.ts';
import type { Block, JsonObject, View } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Slack's limit on stacked modals. */
export const MAX_MODAL_STACK = 3;

/** Reads and validates the `view` argument; problems → `invalid_arguments` with Slack-style messages. */
export function readViewArgument(args: ApiArgs, expectedType?: 'modal' | 'home'): JsonObject {
  const view = optionalJson(args, 'view');
  if (view === undefined)
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] missing required field: view'] },
    });
  const problems = validateView(view);
  if (problems.length === 0 && expectedType && (view as JsonObject).type !== expectedType) {
    problems.push(`[ERROR] must be a valid enum value (${expectedType}) [json-pointer:/view/type]`);
  }
  if (problems.length > 0) throw new SlackApiError('invalid_arguments', { response_metadata: { messages: problems } });
  return view as JsonObject;
}

function newHash(workspace: Workspace, seed: string): string {
  return `${workspace.nowSeconds()}.${createHash('sha256')
    .update(`${seed}:${workspace.newId('hash')}`)
    .digest('hex')
    .slice(0, 8)}`;
}

function checkExternalId(workspace: Workspace, payload: JsonObject, exceptViewId?: string): void {
  const externalId = typeof payload.external_id === 'string' ? payload.external_id : '';
  if (externalId === '') return;
  for (const view of workspace.viewsById.values()) {
    if (view.external_id === externalId && view.id !== exceptViewId) throw new SlackApiError('duplicate_external_id');
  }
}

function applyPayload(workspace: Workspace, view: View, payload: JsonObject): void {
  const str = (value: unknown): string => (typeof value === 'string' ? value : '');
  view.type = payload.type === 'home' ? 'home' : 'modal';
  if (payload.title !== undefined) view.title = structuredClone(payload.title as JsonObject);
  else delete view.title;
  view.submit = (payload.submit as JsonObject | undefined) ?? null;
  view.close = (payload.close as JsonObject | undefined) ?? null;
  view.blocks = withGeneratedIds((payload.blocks as Block[]) ?? [], `${view.id}:${view.hash}`);
  view.private_metadata = str(payload.private_metadata);
  view.callback_id = str(payload.callback_id);
  view.external_id = str(payload.external_id);
  view.clear_on_close = payload.clear_on_close === true;
  view.notify_on_close = payload.notify_on_close === true;
  view.state = { values: {} };
  view.hash = newHash(workspace, view.id);
  delete view.errors;
}

/** Creates and stores a view for `userId` from a validated payload. Returns the live record. */
export function createView(
  workspace: Workspace,
  payload: JsonObject,
  userId: string,
  stack: { rootViewId?: string; previousViewId?: string } = {},
): View {
  checkExternalId(workspace, payload);
  const { identity } = workspace;
  const id = workspace.newId('V');
  const view: View = {
    id,
    team_id: identity.teamId,
    type: 'modal',
    blocks: [],
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    hash: '',
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: stack.rootViewId ?? id,
    previous_view_id: stack.previousViewId ?? null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
    userId,
    isOpen: true,
  };
  applyPayload(workspace, view, payload);
  workspace.viewsById.set(id, view);
  return view;
}

/**
 * Replaces a view's content (same id, new hash), like views.update: what the person typed or picked
 * stays in every input whose block_id and action_id (and element type) the new view still has, as
 * Slack preserves input entry; the rest of the state is cleared.
 */
export function replaceViewContent(workspace: Workspace, view: View, payload: JsonObject): void {
  checkExternalId(workspace, payload, view.id);
  const typed = view.state.values;
  applyPayload(workspace, view, payload);
  view.state = { values: preservedInputs(typed, view.blocks) };
}

function preservedInputs(values: View['state']['values'], blocks: readonly Block[]): View['state']['values'] {
  const kept: View['state']['values'] = {};
  for (const block of blocks) {
    if (block.type !== 'input' || typeof block.block_id !== 'string') continue;
    const element = block.element as JsonObject | undefined;
    const actionId = typeof element?.action_id === 'string' ? element.action_id : '';
    const value = values[block.block_id]?.[actionId];
    if (value && value.type === element?.type) kept[block.block_id] = { [actionId]: structuredClone(value) };
  }
  return kept;
}

/** The user's Home tab as the app last published it (the live record), or undefined before the first views.publish. */
export function homeView(workspace: Workspace, userId: string): View | undefined {
  return [...workspace.viewsById.values()].find((view) => view.type === 'home' && view.userId === userId);
}

/** The user's open modals, root first. */
export function modalStack(workspace: Workspace, userId: string): View[] {
  const ids = workspace.modalStacks.get(userId) ?? [];
  return ids.map((id) => workspace.viewsById.get(id)).filter((view): view is View => view?.isOpen === true);
}

/** Opens `view` as a new root modal, closing whatever modals the user had open. */
export function openRootModal(workspace: Workspace, view: View): void {
  closeModalStack(workspace, view.userId);
  workspace.modalStacks.set(view.userId, [view.id]);
}

/** Pushes `view` onto the user's modal stack. */
export function pushModal(workspace: Workspace, view: View): void {
  const ids = modalStack(workspace, view.userId).map((open) => open.id);
  workspace.modalStacks.set(view.userId, [...ids, view.id]);
}

/** Closes the top modal of the user's stack (the view under it becomes visible again). */
export function popModal(workspace: Workspace, userId: string): void {
  const stack = modalStack(workspace, userId);
  const top = stack.pop();
  if (top) top.isOpen = false;
  workspace.modalStacks.set(
    userId,
    stack.map((view) => view.id),
  );
}

/** Closes every modal of the user. */
export function closeModalStack(workspace: Workspace, userId: string): void {
  for (const view of modalStack(workspace, userId)) view.isOpen = false;
  workspace.modalStacks.set(userId, []);
}

/** The view as the Web API returns it (without emulator bookkeeping). */
export function viewToApi(view: View): JsonObject {
  const { userId: _userId, isOpen: _isOpen, errors: _errors, ...apiView } = structuredClone(view);
  return apiView as unknown as JsonObject;
}
