/**
 * Reading Web API arguments. Form-encoded requests deliver every value as a string, JSON requests deliver
 * typed values; these helpers accept both, like Slack does.
 */
import { SlackApiError } from './errors.ts';
import type { JsonObject } from './types.ts';

/** Arguments of one Web API call (token removed). */
export type ApiArgs = JsonObject;

/** Returns a string argument, or undefined when absent or empty (Slack treats '' as missing). */
export function optionalString(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new SlackApiError('invalid_arguments', {
    response_metadata: { messages: [`[ERROR] must provide a string [json-pointer:/${name}]`] },
  });
}

/** Returns a string argument or throws `errorCode` (default `invalid_arguments`) when it is missing. */
export function requiredString(args: ApiArgs, name: string, errorCode = 'invalid_arguments'): string {
  const value = optionalString(args, name);
  if (value === undefined) {
    const extra =
      errorCode === 'invalid_arguments'
        ? { response_metadata: { messages: [`[ERROR] missing required field: ${name}`] } }
        : {};
    throw new SlackApiError(errorCode, extra);
  }
  return value;
}

/** Returns a boolean argument ('true'/'1'/true are true), or undefined when absent. */
export function optionalBoolean(args: ApiArgs, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return value === 'true' || value === '1' || value === 1;
}

/** Returns an integer argument or undefined; a non-numeric value is `invalid_arguments`. */
export function optionalInteger(args: ApiArgs, name: string): number | undefined {
  const raw = optionalString(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) {
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: [`[ERROR] must be an integer [json-pointer:/${name}]`] },
    });
  }
  return value;
}

/**
 * Returns an argument that carries JSON (form requests send it as a JSON string, JSON requests inline).
 * Unparseable JSON throws `errorCode`.
 */
export function optionalJson(args: ApiArgs, name: string, errorCode = 'invalid_arguments'): unknown {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError(errorCode, {
      response_metadata: { messages: [`[ERROR] invalid JSON [json-pointer:/${name}]`] },
    });
  }
}

/** Names of arguments that carry JSON; they are parsed when the call is logged. */
export const JSON_ARGUMENTS = [
  'blocks',
  'attachments',
  'view',
  'metadata',
  'files',
  'document_content',
  'changes',
  'criteria',
] as const;

/** Copy of `args` with JSON-string arguments parsed (unparseable ones left as strings), for the call log. */
export function argsForLog(args: ApiArgs): ApiArgs {
  const copy: ApiArgs = { ...args };
  for (const name of JSON_ARGUMENTS) {
    const value = copy[name];
    if (typeof value !== 'string') continue;
    try {
      copy[name] = JSON.parse(value);
    } catch {
      // keep the raw string: the handler reports the error
    }
  }
  return copy;
}

/** Encodes a pagination cursor the way Slack does (base64 of `key:value`). */
export function encodeCursor(key: string, value: string | number): string {
  return Buffer.from(`${key}:${value}`).toString('base64');
}

/** Decodes a cursor made by `encodeCursor`, returning the offset; `invalid_cursor` when malformed. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match?.[1]) throw new SlackApiError('invalid_cursor');
  return Number(match[1]);
}

/** Slices `items` for cursor pagination; `limit` 0/undefined uses `defaultLimit`, capped by `maxLimit`. */
export function paginate<T>(
  items: T[],
  args: ApiArgs,
  defaultLimit: number,
  maxLimit = 1000,
): { page: T[]; nextCursor: string } {
  const offset = decodeOffsetCursor(optionalString(args, 'cursor'));
  const requested = optionalInteger(args, 'limit');
  const limit = Math.min(requested && requested > 0 ? requested : defaultLimit, maxLimit);
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? encodeCursor('offset', offset + limit) : '';
  return { page, nextCursor: next };
}
