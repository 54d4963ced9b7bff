/** A person acting inside an open modal or Home tab: clicking, submitting, closing (see AppDriver for the rest). */

import type { AppDriver, InteractionResult } from './app-driver.ts';
import type { AppResponse, SendOptions } from './app-transport.ts';
import { InteractionError } from './element-values.ts';
import { blockAction, type ElementSelection, findElement } from './interaction-payloads.ts';
import type { JsonObject, View } from './types.ts';
import { closeModalStack, popModal, viewToApi } from './view-store.ts';
import { applySubmissionResponse, buildStateValues, type SubmitViewResult } from './view-submission.ts';

function openView(driver: AppDriver, userId: string, viewId: string): View {
  const view = driver.workspace.view(viewId);
  if (!view) throw new InteractionError(`view ${viewId} not found`);
  if (view.userId !== userId) throw new InteractionError(`view ${viewId} belongs to ${view.userId}, not ${userId}`);
  if (!view.isOpen) throw new InteractionError(`view ${viewId} is not open`);
  return view;
}

/** Clicks a button (or picks a value) inside an open modal or Home tab. `values` pre-fills inputs. */
export async function clickViewButton(
  driver: AppDriver,
  params: ElementSelection & { userId: string; viewId: string; values?: Record<string, unknown> },
  opts: SendOptions = {},
): Promise<InteractionResult> {
  const view = openView(driver, params.userId, params.viewId);
  const found = findElement(view.blocks, params, `view ${view.id}`);
  view.state.values = buildStateValues(driver.workspace, view, params.values ?? {}, { enforceRequired: false });
  // What the person typed is in the form now, as it would be in Slack's client.
  const live = driver.workspace.viewsById.get(view.id);
  if (live) live.state = structuredClone(view.state);
  const triggerId = driver.deps.triggers.issue({ userId: params.userId, viewId: view.id });
  const payload: JsonObject = {
    type: 'block_actions',
    ...driver.common(params.userId),
    container: { type: 'view', view_id: view.id },
    trigger_id: triggerId,
    view: viewToApi(view),
    actions: [blockAction(driver.workspace, found, params, driver.workspace.nextTs())],
  };
  return { ...(await driver.sendPayload(payload, opts)), triggerId };
}

/** Submits a modal with the given input values (keyed by action_id) and applies the app's answer. */
export async function submitView(
  driver: AppDriver,
  params: { userId: string; viewId: string; values?: Record<string, unknown> },
  opts: SendOptions = {},
): Promise<SubmitViewResult & { triggerId: string }> {
  const view = openView(driver, params.userId, params.viewId);
  if (view.type !== 'modal') throw new InteractionError(`view ${view.id} is a ${view.type} view, not a modal`);
  if (!view.submit) throw new InteractionError(`view ${view.id} has no submit button`);
  view.state.values = buildStateValues(driver.workspace, view, params.values ?? {});
  const live = driver.workspace.viewsById.get(view.id);
  if (live) live.state = structuredClone(view.state);
  const triggerId = driver.deps.triggers.issue({ userId: params.userId, viewId: view.id });
  const payload: JsonObject = {
    type: 'view_submission',
    ...driver.common(params.userId),
    trigger_id: triggerId,
    view: viewToApi(view),
    response_urls: [],
  };
  const response = await driver.sendPayload(payload, opts);
  return { ...response, ...applySubmissionResponse(driver.workspace, view, response), triggerId };
}

/** The user closes a modal (✕ / Cancel); sends view_closed when the view asked for notify_on_close. */
export async function closeView(
  driver: AppDriver,
  params: { userId: string; viewId: string },
  opts: SendOptions = {},
): Promise<AppResponse | null> {
  const view = openView(driver, params.userId, params.viewId);
  if (view.clear_on_close) closeModalStack(driver.workspace, params.userId);
  else popModal(driver.workspace, params.userId);
  if (!view.notify_on_close) return null;
  return driver.sendPayload(
    { type: 'view_closed', ...driver.common(params.userId), view: viewToApi(view), is_cleared: view.clear_on_close },
    opts,
  );
}
