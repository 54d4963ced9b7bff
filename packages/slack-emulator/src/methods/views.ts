/** views.open, views.push, views.update, views.publish. */
import { optionalString } from '../args.ts';
import { SlackApiError } from '../errors.ts';
import {
  createView,
  homeView,
  MAX_MODAL_STACK,
  modalStack,
  openRootModal,
  pushModal,
  readViewArgument,
  replaceViewContent,
  viewToApi,
} from '../view-store.ts';
import type { MethodTable } from './context.ts';

function requireTriggerArgument(trigger: string | undefined): string {
  if (trigger === undefined)
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] missing required field: trigger_id'] },
    });
  return trigger;
}

/** views.* handlers. */
export const viewMethods: MethodTable = {
  'views.open': ({ workspace, triggers }, args) => {
    const triggerId = requireTriggerArgument(optionalString(args, 'trigger_id'));
    const payload = readViewArgument(args, 'modal');
    const origin = triggers.exchange(triggerId);
    const view = createView(workspace, payload, origin.userId);
    openRootModal(workspace, view);
    return { view: viewToApi(view) };
  },

  'views.push': ({ workspace, triggers }, args) => {
    const triggerId = requireTriggerArgument(optionalString(args, 'trigger_id'));
    const payload = readViewArgument(args, 'modal');
    const origin = triggers.exchange(triggerId);
    const stack = modalStack(workspace, origin.userId);
    if (stack.length >= MAX_MODAL_STACK) throw new SlackApiError('push_limit_reached');
    const top = stack[stack.length - 1];
    const view = createView(
      workspace,
      payload,
      origin.userId,
      top ? { rootViewId: top.root_view_id, previousViewId: top.id } : {},
    );
    if (top) pushModal(workspace, view);
    else openRootModal(workspace, view);
    return { view: viewToApi(view) };
  },

  'views.update': ({ workspace }, args) => {
    const viewId = optionalString(args, 'view_id');
    const externalId = optionalString(args, 'external_id');
    if (viewId === undefined && externalId === undefined) {
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] either view_id or external_id is required'] },
      });
    }
    const payload = readViewArgument(args);
    const view = [...workspace.viewsById.values()].find((candidate) =>
      viewId !== undefined ? candidate.id === viewId : candidate.external_id === externalId,
    );
    if (!view?.isOpen) throw new SlackApiError('not_found');
    if (payload.type !== view.type)
      throw new SlackApiError('invalid_arguments', {
        response_metadata: {
          messages: [`[ERROR] must be a valid enum value (${view.type}) [json-pointer:/view/type]`],
        },
      });
    const hash = optionalString(args, 'hash');
    if (hash !== undefined && hash !== view.hash) throw new SlackApiError('hash_conflict');
    replaceViewContent(workspace, view, payload);
    return { view: viewToApi(view) };
  },

  'views.publish': ({ workspace }, args) => {
    const userId = optionalString(args, 'user_id');
    if (userId === undefined || !workspace.user(userId)) throw new SlackApiError('user_not_found');
    const payload = readViewArgument(args, 'home');
    const existing = homeView(workspace, userId);
    const hash = optionalString(args, 'hash');
    if (existing && hash !== undefined && hash !== existing.hash) throw new SlackApiError('hash_conflict');
    if (existing) {
      replaceViewContent(workspace, existing, payload);
      return { view: viewToApi(existing) };
    }
    return { view: viewToApi(createView(workspace, payload, userId)) };
  },
};
