import { redactSecrets } from './secrets.ts';

// Any Slack token, however short (the shared patterns want six characters after the prefix), keeping
// its kind so a log still says which token was involved.
const tokenPattern = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** A log string with anything token-shaped, then every other secret the timeline knows (keys, URL passwords, …), replaced. */
export function redactLogText(text: string): string {
  return redactSecrets(text.replace(tokenPattern, '$1-[redacted]')).text;
}

export type SerializedError = {
  type: string;
  message: string;
  code?: string | number;
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SerializedError;
  errors?: SerializedError[];
};

const maxDepth = 5;

// Drizzle's query errors repeat every bound parameter in their message ("Failed query: …\nparams: …"),
// and a batched insert's parameters are the requests' payloads: the list never reaches a log.
const paramsTail = /\n\s*params:[\s\S]*$/;

/**
 * An error as a log field: its type, redacted message, code and (for PostgreSQL) the constraint, table
 * and column it names, its stack frames and its cause chain. Nothing else an error carries (query
 * parameters, payloads, response bodies, details quoting row values) is copied.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null))
    return { type: typeof error, message: redactLogText(String(error)) };
  const source = error as Error & Record<string, unknown>;
  const type = typeof source.name === 'string' && source.name ? source.name : (source.constructor?.name ?? 'Error');
  const message = cleanMessage(source.message);
  const out: SerializedError = { type, message };
  if (typeof source.code === 'string' || typeof source.code === 'number') out.code = source.code;
  for (const key of ['constraint', 'table', 'column'] as const)
    if (typeof source[key] === 'string') out[key] = source[key] as string;
  if (typeof source.stack === 'string') out.stack = [`${type}: ${message}`, ...stackFrames(source.stack)].join('\n');
  if (depth < maxDepth && source.cause !== undefined) out.cause = serializeError(source.cause, depth + 1);
  if (depth < maxDepth && Array.isArray(source.errors))
    out.errors = source.errors.slice(0, 5).map((inner) => serializeError(inner, depth + 1));
  return out;
}

/** One line naming an error and its causes ("DrizzleQueryError: Failed query: … ← error: duplicate key … (23505)"), with no payloads. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: SerializedError | undefined = serializeError(error);
  while (current) {
    parts.push(
      `${current.type}: ${current.message.replace(/\s*\n\s*/g, ' ')}${current.code !== undefined ? ` (${current.code})` : ''}`,
    );
    current = current.cause;
  }
  return parts.join(' ← ');
}

function cleanMessage(message: unknown): string {
  return typeof message === 'string' ? redactLogText(message.replace(paramsTail, '\nparams: [omitted]')) : '';
}

// Frames only: the stack's first lines repeat the message (parameters and all), which is rebuilt cleaned.
function stackFrames(stack: string): string[] {
  return stack.split('\n').filter((line) => /^\s+at /.test(line));
}
