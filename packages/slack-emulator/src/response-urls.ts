/**
 * response_url handling: URLs issued with slash commands and interactions point at the emulator
 * (`/response/<id>`). What the app POSTs there is applied like Slack (ephemeral reply, in-channel message,
 * replace/delete the original message) and recorded in `workspace.responses()`. At most 5 uses within
 * 30 minutes per URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateBlocks } from './block-kit.ts';
import { applyMessageUpdate, storeBotMessage } from './bot-messages.ts';
import { sendJson } from './http-body.ts';
import type { Block, Clock, JsonObject, ResponseDelivery } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Uses allowed per response_url. */
export const RESPONSE_URL_MAX_USES = 5;
/** Lifetime of a response_url in ms (30 min). */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** Where a response_url came from. */
export interface ResponseOrigin {
  userId: string;
  channelId: string;
  /** The message the interaction happened on (for replace_original / delete_original). */
  messageTs?: string;
}

interface IssuedUrl extends ResponseOrigin {
  issuedAt: number;
  uses: number;
}

/** Result of applying an app response. */
export interface ApplyResult {
  status: number;
  body: JsonObject;
}

/**
 * Applies a message response from the app (response_url POST or slash-command ack body) to the workspace
 * and records it. Returns the HTTP answer Slack would give.
 */
export function applyMessageResponse(
  workspace: Workspace,
  clock: Clock,
  origin: ResponseOrigin,
  body: JsonObject,
  source: { via: ResponseDelivery['via']; urlId: string | null; url: string | null },
): ApplyResult {
  const blocks = body.blocks;
  if (blocks !== undefined) {
    const problems = validateBlocks(blocks, 'message');
    if (problems.length > 0)
      return { status: 400, body: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } } };
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  const deleteOriginal = body.delete_original === true || body.delete_original === 'true';
  const replaceOriginal = body.replace_original === true || body.replace_original === 'true';
  if (!deleteOriginal && text === undefined && !(Array.isArray(blocks) && blocks.length > 0))
    return { status: 400, body: { ok: false, error: 'no_text' } };
  const responseType = body.response_type === 'in_channel' ? 'in_channel' : 'ephemeral';
  const content = {
    ...(text !== undefined ? { text } : {}),
    ...(Array.isArray(blocks) ? { blocks: blocks as Block[] } : {}),
  };
  const original =
    origin.messageTs === undefined ? undefined : workspace.store.find(origin.channelId, origin.messageTs);
  const ownsOriginal = original !== undefined && original.user === workspace.identity.botUserId;
  let ts: string | undefined;
  if (deleteOriginal) {
    if (!ownsOriginal) return { status: 404, body: { ok: false, error: 'message_not_found' } };
    workspace.store.remove(origin.channelId, original.ts);
    ts = original.ts;
  } else if (replaceOriginal && ownsOriginal) {
    // replace_original replaces the whole message: blocks not given are removed (unlike chat.update)
    applyMessageUpdate(
      workspace,
      origin.channelId,
      original,
      { text: text ?? '', blocks: Array.isArray(blocks) ? (blocks as Block[]) : [] },
      workspace.identity.botUserId,
    );
    ts = original.ts;
  } else if (responseType === 'in_channel') {
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    ts = storeBotMessage(workspace, origin.channelId, content, threadTs ? { threadTs } : {}).ts;
  }
  workspace.responseLog.push({
    urlId: source.urlId,
    url: source.url,
    via: source.via,
    userId: origin.userId,
    channelId: origin.channelId,
    responseType,
    replaceOriginal,
    deleteOriginal,
    ...content,
    ...(ts !== undefined ? { ts } : {}),
    body: structuredClone(body),
    at: clock(),
  });
  return { status: 200, body: { ok: true } };
}

/** Issues response_urls and serves `POST /response/<id>`. */
export class ResponseUrlRegistry {
  private readonly issued = new Map<string, IssuedUrl>();

  constructor(
    private readonly workspace: Workspace,
    private readonly clock: Clock,
    private readonly baseUrl: () => string,
  ) {}

  /** A new response_url for an interaction. */
  issue(origin: ResponseOrigin): string {
    const id = this.workspace.newId('R');
    this.issued.set(id, { ...origin, issuedAt: this.clock(), uses: 0 });
    return `${this.baseUrl()}/response/${id}`;
  }

  /** Route handler for `/response/<id>`. */
  readonly handle = (_req: IncomingMessage, res: ServerResponse, id: string, raw: Buffer): void => {
    const issued = this.issued.get(id);
    if (!issued) {
      sendJson(res, 404, { ok: false, error: 'invalid_url' });
      return;
    }
    if (this.clock() - issued.issuedAt > RESPONSE_URL_LIFETIME_MS) {
      sendJson(res, 404, { ok: false, error: 'expired_url' });
      return;
    }
    if (issued.uses >= RESPONSE_URL_MAX_USES) {
      sendJson(res, 404, { ok: false, error: 'used_url' });
      return;
    }
    const body = parseResponseBody(raw.toString('utf8'));
    if (!body) {
      sendJson(res, 400, { ok: false, error: 'invalid_payload' });
      return;
    }
    issued.uses += 1;
    const result = applyMessageResponse(this.workspace, this.clock, issued, body, {
      via: 'response_url',
      urlId: id,
      url: `${this.baseUrl()}/response/${id}`,
    });
    sendJson(res, result.status, result.body);
  };
}

function parseResponseBody(raw: string): JsonObject | undefined {
  const tryJson = (text: string): JsonObject | undefined => {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as JsonObject)
        : undefined;
    } catch {
      return undefined;
    }
  };
  const direct = tryJson(raw);
  if (direct) return direct;
  const payload = new URLSearchParams(raw).get('payload');
  return payload === null ? undefined : tryJson(payload);
}
