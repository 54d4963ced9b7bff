/** Reading and checking control API request bodies by hand (the package uses Node built-ins only). */
import type { JsonObject } from '../types.ts';

/** A request the person should fix; the message says how. Answered with HTTP 400 (or `status`). */
export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The JSON object of a request body ({} when empty). */
export function parseBody(raw: Buffer): JsonObject {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ControlError(
      `the body is not JSON (${(error as Error).message}); send an object such as {"user":"alice","channel":"#general","text":"hi"}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ControlError('the body must be a JSON object such as {"user":"alice"}');
  return parsed as JsonObject;
}

/** A field description: its name and what a person puts there (shown when it is missing or wrong). */
export type FieldSpec = Record<string, string>;

/** Checks that `body` has only the fields `spec` knows, and every field not marked '?' in the spec. */
export function checkFields(body: JsonObject, spec: FieldSpec, endpoint: string): void {
  const names = Object.keys(spec).map((name) => name.replace(/\?$/, ''));
  const unknown = Object.keys(body).filter((name) => !names.includes(name));
  const usage = Object.entries(spec)
    .map(([name, hint]) => `${name}: ${hint}`)
    .join('; ');
  if (unknown.length > 0)
    throw new ControlError(`${endpoint}: unknown field ${unknown.map((n) => `'${n}'`).join(', ')}; it takes ${usage}`);
  for (const name of Object.keys(spec).filter((n) => !n.endsWith('?'))) {
    if (body[name] === undefined || body[name] === '')
      throw new ControlError(`${endpoint}: '${name}' is required (${spec[name]}); it takes ${usage}`);
  }
}

/** A string field (or undefined when optional and absent); anything else is a 400 naming the field. */
export function stringField(body: JsonObject, name: string, endpoint: string): string;
export function stringField(body: JsonObject, name: string, endpoint: string, optional: true): string | undefined;
export function stringField(body: JsonObject, name: string, endpoint: string, optional = false): string | undefined {
  const value = body[name];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ControlError(`${endpoint}: '${name}' must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}
