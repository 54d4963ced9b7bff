/** conversations.history and conversations.replies, with Slack's ranges, ordering and pagination. */
import { type ApiArgs, optionalBoolean, optionalInteger, optionalString, paginate } from '../args.ts';
import { messageToApi } from '../bot-messages.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import { tsToMicros } from '../message-store.ts';
import type { Message } from '../types.ts';
import type { MethodTable } from './context.ts';

interface TsRange {
  oldest: number;
  latest: number;
  inclusive: boolean;
}

function readRange(args: ApiArgs): TsRange {
  const parse = (name: 'oldest' | 'latest', error: string, fallback: number): number => {
    const raw = optionalString(args, name);
    if (raw === undefined) return fallback;
    const micros = tsToMicros(raw);
    if (Number.isNaN(micros)) throw new SlackApiError(error);
    return micros;
  };
  return {
    oldest: parse('oldest', 'invalid_ts_oldest', 0),
    latest: parse('latest', 'invalid_ts_latest', Number.MAX_SAFE_INTEGER),
    inclusive: optionalBoolean(args, 'inclusive') ?? false,
  };
}

function inRange(message: Message, range: TsRange): boolean {
  const micros = tsToMicros(message.ts);
  if (range.inclusive) return micros >= range.oldest && micros <= range.latest;
  return micros > range.oldest && micros < range.latest;
}

function limitedPage(
  messages: Message[],
  args: ApiArgs,
  defaultLimit: number,
  cap: number,
  includeMetadata: boolean,
): Record<string, unknown> {
  const requested = optionalInteger(args, 'limit');
  const limit = Math.min(requested && requested > 0 ? requested : defaultLimit, cap);
  const { page, nextCursor } = paginate(messages, { ...args, limit }, limit, cap);
  const hasMore = nextCursor !== '';
  return {
    messages: page.map((message) => messageToApi(message, includeMetadata)),
    has_more: hasMore,
    ...(hasMore ? { response_metadata: { next_cursor: nextCursor } } : {}),
  };
}

/** conversations.history / conversations.replies handlers. */
export const historyMethods: MethodTable = {
  'conversations.history': ({ workspace, rateLimits }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true, archivedOk: true });
    const range = readRange(args);
    const newestFirst = workspace.store
      .topLevel(channel.id)
      .filter((message) => inRange(message, range))
      .reverse();
    const includeMetadata = optionalBoolean(args, 'include_all_metadata') ?? false;
    const pinCount = workspace.store.pinned(channel.id).length;
    return {
      ...limitedPage(newestFirst, args, 100, rateLimits.historyPageCap(), includeMetadata),
      pin_count: pinCount,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
  },

  'conversations.replies': ({ workspace, rateLimits }, args) => {
    const channel = channelForBot(workspace, optionalString(args, 'channel'), { member: true, archivedOk: true });
    const ts = optionalString(args, 'ts');
    const parent = ts === undefined ? undefined : workspace.store.find(channel.id, ts);
    if (!parent) throw new SlackApiError('thread_not_found');
    const threadTs = parent.thread_ts ?? parent.ts;
    const root = workspace.store.find(channel.id, threadTs) ?? parent;
    const range = readRange(args);
    const thread = [root, ...workspace.store.threadReplies(channel.id, threadTs)].filter(
      (message, index) => index === 0 || inRange(message, range),
    );
    const includeMetadata = optionalBoolean(args, 'include_all_metadata') ?? false;
    return limitedPage(thread, args, 1000, rateLimits.historyPageCap(), includeMetadata);
  },
};
