/** Reading HTTP request bodies and turning them into Web API arguments (form, JSON or multipart). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackApiError } from './errors.ts';
import type { JsonObject } from './types.ts';

/** Reads the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Parses Web API arguments from query string and body. JSON bodies must be objects (`invalid_json`);
 * multipart string fields become arguments, file parts are returned separately.
 */
export async function parseArguments(
  contentType: string | undefined,
  body: Buffer,
  query: URLSearchParams,
): Promise<{ args: JsonObject; fileParts: Buffer[] }> {
  const args: JsonObject = Object.fromEntries(query.entries());
  const fileParts: Buffer[] = [];
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return { args, fileParts };
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackApiError('invalid_json');
    return { args: { ...args, ...(parsed as JsonObject) }, fileParts };
  }
  if (type.includes('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://emulator.local/', {
        method: 'POST',
        headers: { 'content-type': contentType ?? '' },
        body,
      }).formData();
    } catch {
      throw new SlackApiError('invalid_form_data');
    }
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') args[key] = value;
      else fileParts.push(Buffer.from(await value.arrayBuffer()));
    }
    return { args, fileParts };
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8')).entries()) args[key] = value;
  return { args, fileParts };
}

/** Sends a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends a plain-text response. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
