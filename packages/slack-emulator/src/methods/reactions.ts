/** reactions.add, reactions.remove, reactions.get (messages only). */
import { type ApiArgs, optionalString } from '../args.ts';
import { messageToApi } from '../bot-messages.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import type { Message } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import { messageOrThrow } from './chat.ts';
import type { MethodTable } from './context.ts';

function reactionName(args: ApiArgs): string {
  const raw = optionalString(args, 'name');
  if (raw === undefined) throw new SlackApiError('invalid_name');
  const name = raw.replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackApiError('invalid_name');
  return name;
}

function targetMessage(
  workspace: Workspace,
  args: ApiArgs,
  requireMember: boolean,
): { channelId: string; message: Message } {
  const channelRef = optionalString(args, 'channel');
  const ts = optionalString(args, 'timestamp');
  if (channelRef === undefined || ts === undefined) throw new SlackApiError('no_item_specified');
  const channel = channelForBot(workspace, channelRef, { member: requireMember, archivedOk: !requireMember });
  return { channelId: channel.id, message: messageOrThrow(workspace, channel.id, ts) };
}

/** reactions.* handlers. */
export const reactionMethods: MethodTable = {
  'reactions.add': ({ workspace }, args) => {
    const name = reactionName(args);
    const { message } = targetMessage(workspace, args, true);
    if (!workspace.store.addReaction(message, name, workspace.identity.botUserId))
      throw new SlackApiError('already_reacted');
    return {};
  },

  'reactions.remove': ({ workspace }, args) => {
    const name = reactionName(args);
    const { message } = targetMessage(workspace, args, true);
    if (!workspace.store.removeReaction(message, name, workspace.identity.botUserId))
      throw new SlackApiError('no_reaction');
    return {};
  },

  'reactions.get': ({ workspace }, args) => {
    const { channelId, message } = targetMessage(workspace, args, false);
    return { type: 'message', channel: channelId, message: messageToApi(message, false) };
  },
};
