/**
 * What a failed statement tells about the database, for callers that must say truthfully whether
 * something was stored. drizzle wraps the driver's error in `cause`; its own message repeats the query
 * and its parameters (payloads, message texts), so only the driver's code and message are ever logged.
 */
export type DbFailure =
  /** The statement never reached the server (no connection could be opened): nothing was written. */
  | 'unreachable'
  /** The connection broke while the statement was out: it may or may not have committed. */
  | 'lost'
  /** The server answered with an error: the statement (autocommit) wrote nothing. */
  | 'refused';

// postgres.js and Node socket codes raised before a query is sent (the query waits for a connection).
const beforeSending = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_ENDED',
]);
const whileSending = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// SQLSTATEs a server sends while refusing a connection (starting up, shutting down, full, auth).
const refusedConnection = /^(57P03|53300|28...|08001|08004|3D000)$/;
// SQLSTATEs a server sends when it ends a session under a statement: the outcome is unknown.
const endedSession = /^(57P01|57P02|08...)$/;

/** The driver's error under drizzle's wrapper. */
function driverError(error: unknown): { code?: unknown; message?: unknown; severity?: unknown } {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return (cause ?? error ?? {}) as { code?: unknown; message?: unknown; severity?: unknown };
}

/** Classifies a failed statement: see DbFailure (an error that says neither is taken as `lost`: nothing is known). */
export function classifyDbFailure(error: unknown): DbFailure {
  const { code } = driverError(error);
  if (typeof code !== 'string') return 'lost';
  if (beforeSending.has(code) || refusedConnection.test(code)) return 'unreachable';
  if (whileSending.has(code) || endedSession.test(code)) return 'lost';
  // Any other five-character SQLSTATE is the server refusing the statement itself.
  return /^[0-9A-Z]{5}$/.test(code) ? 'refused' : 'lost';
}

/** True when the database could not be reached or a connection to it broke: no request is to blame. */
export function isDatabaseDown(error: unknown): boolean {
  const { code } = driverError(error);
  if (typeof code !== 'string') return false;
  return beforeSending.has(code) || refusedConnection.test(code) || whileSending.has(code) || endedSession.test(code);
}

/** The cause of a failed statement, safe to log: the driver's code and message, never the query or its values. */
export function describeDbFailure(error: unknown): { code: string | undefined; message: string } {
  const driver = driverError(error);
  const message = typeof driver.message === 'string' ? driver.message : String(driver.message ?? 'unknown error');
  // drizzle's own error (no driver cause) starts with the query and its parameters; a server message
  // quotes the value it could not read (`invalid input syntax for type json: "…"`): neither is kept.
  const safe = message.startsWith('Failed query') ? 'query failed' : message.replace(/"[^"]*"/g, '"…"').slice(0, 200);
  return { code: typeof driver.code === 'string' ? driver.code : undefined, message: safe };
}
