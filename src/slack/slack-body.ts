import { parse as parseQueryString } from 'node:querystring';

export type SlackBodyCheck = { ok: true; parsed?: unknown } | { ok: false; reason: string };

/**
 * Says whether a request body parses, the way Bolt's HTTPReceiver will parse it, to a JSON object: a
 * form body (`payload=` JSON or plain fields) or a JSON body. Bolt reads `body.ssl_check` before any of
 * its own error handling, so `payload=null` or a JSON `null` would throw outside every catch and stop
 * the process; an array, number or string is no Slack request either. Unparseable JSON is left to
 * Bolt, which answers it 400 itself.
 */
export function checkSlackBodyShape(rawBody: Buffer, contentType: string | undefined): SlackBodyCheck {
  let parsed: unknown;
  try {
    parsed = parseLikeBolt(rawBody.toString(), contentType);
  } catch {
    return { ok: true };
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return { ok: true, parsed };
  const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
  return { ok: false, reason: `the request body must be a JSON object, not ${what}` };
}

// The same rules as Bolt's parseHTTPRequestBody (HTTPModuleFunctions), exact content-type match included.
function parseLikeBolt(text: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const fields = parseQueryString(text);
    return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
  }
  return JSON.parse(text);
}

// NUL and unpaired UTF-16 surrogates: PostgreSQL refuses both in text and jsonb.
const unstorablePattern = '\\u0000|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const hasUnstorable = new RegExp(unstorablePattern);
const everyUnstorable = new RegExp(unstorablePattern, 'g');

/**
 * Replaces, in place, every NUL character and unpaired surrogate in any string or key of a parsed body,
 * at any depth, by U+FFFD, and returns the body. PostgreSQL cannot store either, and requests arriving
 * together share one INSERT and one commit, so one such character would fail its neighbours too.
 * The body is the request's own freshly parsed copy; a clean body costs one regex test per string.
 */
export function sanitiseSlackBody<T>(body: T): T {
  // Over HTTP only objects get this far (checkSlackBodyShape); a Socket Mode payload is not checked before.
  if (typeof body === 'object' && body !== null) sanitiseIn(body as Record<string, unknown>);
  return body;
}

function clean(text: string): string {
  return hasUnstorable.test(text) ? text.replace(everyUnstorable, '\uFFFD') : text;
}

function sanitiseIn(container: Record<string, unknown> | unknown[]): void {
  for (const key of Object.keys(container)) {
    const record = container as Record<string, unknown>;
    const item = record[key];
    if (typeof item === 'string') record[key] = clean(item);
    else if (typeof item === 'object' && item !== null) sanitiseIn(item as Record<string, unknown>);
    if (Array.isArray(container)) continue;
    const cleanKey = clean(key);
    if (cleanKey !== key) {
      record[cleanKey] = record[key];
      delete record[key];
    }
  }
}

/** Whether a value of a request body is an object one may read fields of (not null). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Why Bolt cannot even route this body (undefined when it can). Bolt's getTypeAndConversation uses `in`
 * on an event, its `channel` and its `item`, and reads `channel.id` of an interaction, before any listener
 * or error handler runs: a body Slack never sends with a non-object there throws a TypeError out of Bolt
 * (a 500, and the inbox retrying a request no retry can read).
 */
export function unroutableByBolt(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback') {
    const event = body.event as Record<string, unknown> | undefined;
    if (!isObject(event)) return 'event is not an object';
    if (event.channel === null) return 'event.channel is null';
    // Bolt's buildSource reads event.user.id of an object user, and uses `in` on a channel that is no string.
    if (event.user === null) return 'event.user is null';
    if ('channel' in event && typeof event.channel !== 'string' && !isObject(event.channel))
      return 'event.channel is neither a string nor an object';
    if ('subteam' in event && !isObject(event.subteam)) return 'event.subteam is not an object';
    if ('item' in event && !isObject(event.item)) return 'event.item is not an object';
    return undefined;
  }
  // Bolt reads view.app_installed_team_id of every view submission or closing before any listener runs.
  if (
    (body.type === 'view_submission' || body.type === 'view_closed') &&
    (!isObject(body.view) || Array.isArray(body.view))
  )
    return `${body.type} whose view is not an object`;
  // Bolt takes actions[0] as the payload and reads its fields: anything but an array of objects throws or hangs there.
  if (body.type === 'block_actions' && !(Array.isArray(body.actions) && body.actions.every(isObject)))
    return 'block_actions whose actions is not an array of objects';
  const namesChannel = body.actions !== undefined || body.type === 'message_action' || body.name !== undefined;
  if (namesChannel && body.channel === null) return 'channel is null';
  return undefined;
}
