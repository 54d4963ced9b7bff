/**
 * Reading message content from API arguments (text, blocks, attachments, metadata) with Slack's checks,
 * and storing messages posted by the bot.
 */
import { type ApiArgs, optionalJson, optionalString } from './args.ts';
import { validateBlocks, withGeneratedIds } from './block-kit.ts';
import { SlackApiError } from './errors.ts';
import type { Block, JsonObject, Message, MessageMetadata } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Longest message text Slack keeps; longer text is truncated, not rejected. */
export const MAX_MESSAGE_TEXT = 40_000;

/** Text, blocks and attachments of a message. */
export interface MessageContent {
  text?: string;
  blocks?: Block[];
  attachments?: JsonObject[];
}

/** Throws `invalid_blocks` with Slack's problem list when `blocks` is not valid for a message. */
export function assertValidMessageBlocks(blocks: unknown, pointer = '/blocks'): asserts blocks is Block[] {
  const problems = validateBlocks(blocks, 'message', pointer);
  if (problems.length > 0)
    throw new SlackApiError('invalid_blocks', { errors: problems, response_metadata: { messages: problems } });
}

/**
 * Reads text/blocks/attachments. Malformed blocks JSON → `invalid_blocks_format`; invalid blocks →
 * `invalid_blocks`; when `required` and there is nothing to show → `no_text`.
 */
export function readMessageContent(args: ApiArgs, required: boolean): MessageContent {
  const content: MessageContent = {};
  const text = optionalString(args, 'text');
  if (text !== undefined) content.text = text.slice(0, MAX_MESSAGE_TEXT);
  const blocks = optionalJson(args, 'blocks', 'invalid_blocks_format');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
    assertValidMessageBlocks(blocks);
    content.blocks = blocks;
  }
  const attachments = optionalJson(args, 'attachments', 'invalid_attachments');
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) throw new SlackApiError('invalid_attachments');
    if (attachments.length > 100) throw new SlackApiError('too_many_attachments');
    content.attachments = attachments as JsonObject[];
  }
  const empty = content.text === undefined && !content.blocks?.length && !content.attachments?.length;
  if (required && empty) throw new SlackApiError('no_text');
  return content;
}

/** Reads the `metadata` argument (`{event_type, event_payload}`); malformed → `invalid_metadata_format`. */
export function readMetadata(args: ApiArgs): MessageMetadata | undefined {
  const metadata = optionalJson(args, 'metadata', 'invalid_metadata_format');
  if (metadata === undefined) return undefined;
  const record = metadata as JsonObject;
  const valid =
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof record.event_type === 'string' &&
    record.event_type !== '' &&
    typeof record.event_payload === 'object' &&
    record.event_payload !== null &&
    !Array.isArray(record.event_payload);
  if (!valid) throw new SlackApiError('invalid_metadata_format');
  return { event_type: record.event_type as string, event_payload: record.event_payload as JsonObject };
}

/**
 * Resolves `thread_ts` for a new reply: unknown → `thread_not_found`; a reply's ts is mapped to its
 * parent like Slack does.
 */
export function resolveThreadTs(
  workspace: Workspace,
  channelId: string,
  threadTs: string | undefined,
): string | undefined {
  if (threadTs === undefined) return undefined;
  const target = workspace.store.find(channelId, threadTs);
  if (!target || target.subtype === 'tombstone') throw new SlackApiError('thread_not_found');
  return target.thread_ts ?? target.ts;
}

/** Options for `storeBotMessage`. */
export interface BotMessageOptions {
  threadTs?: string;
  broadcast?: boolean;
  metadata?: MessageMetadata;
  files?: JsonObject[];
}

/** Stores a message authored by the app's bot user and returns the live record. */
export function storeBotMessage(
  workspace: Workspace,
  channelId: string,
  content: MessageContent,
  opts: BotMessageOptions = {},
): Message {
  const { identity } = workspace;
  const ts = workspace.nextTs();
  const message: Message = {
    type: 'message',
    ts,
    user: identity.botUserId,
    bot_id: identity.botId,
    app_id: identity.appId,
    text: content.text ?? '',
    team: identity.teamId,
  };
  if (content.blocks) message.blocks = withGeneratedIds(content.blocks, `${channelId}:${ts}`);
  if (content.attachments) message.attachments = structuredClone(content.attachments);
  if (opts.threadTs !== undefined) message.thread_ts = opts.threadTs;
  if (opts.threadTs !== undefined && opts.broadcast) message.subtype = 'thread_broadcast';
  if (opts.metadata) message.metadata = opts.metadata;
  if (opts.files) {
    message.files = opts.files;
    message.upload = true;
  }
  return workspace.store.insert(channelId, message);
}

/** Applies new content to an existing message the way chat.update does (omitted blocks are kept). */
export function applyMessageUpdate(
  workspace: Workspace,
  channelId: string,
  message: Message,
  content: MessageContent,
  editorId: string,
): void {
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) {
    if (content.blocks.length === 0) delete message.blocks;
    else message.blocks = withGeneratedIds(content.blocks, `${channelId}:${message.ts}:edited`);
  }
  if (content.attachments !== undefined) message.attachments = structuredClone(content.attachments);
  message.edited = { user: editorId, ts: workspace.nextTs() };
}

/** The message as the Web API returns it (metadata only when asked for). */
export function messageToApi(message: Message, includeMetadata: boolean): JsonObject {
  const copy: JsonObject = structuredClone(message) as unknown as JsonObject;
  if (!includeMetadata) delete copy.metadata;
  return copy;
}
