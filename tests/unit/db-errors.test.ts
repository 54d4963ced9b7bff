import { describe, expect, it } from 'vitest';
import { classifyDbFailure, describeDbFailure, isDatabaseDown } from '../../src/platform/db-errors.ts';

/** What drizzle throws: its own message repeating the query and parameters, the driver's error in `cause`. */
const wrapped = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Failed query: INSERT INTO inbox … params: {"text":"xoxb-secret"}'), {
    cause: Object.assign(new Error(String(cause.message ?? '')), cause),
  });

describe('what a failed statement tells', () => {
  it('no connection could be opened: nothing was written, and the database is down', () => {
    for (const code of ['ECONNREFUSED', 'CONNECT_TIMEOUT', '57P03']) {
      expect(classifyDbFailure(wrapped({ code })), code).toBe('unreachable');
      expect(isDatabaseDown(wrapped({ code })), code).toBe(true);
    }
  });

  it('the connection broke under the statement: the outcome is unknown', () => {
    for (const code of ['CONNECTION_CLOSED', 'ECONNRESET', '57P01']) {
      expect(classifyDbFailure(wrapped({ code })), code).toBe('lost');
      expect(isDatabaseDown(wrapped({ code })), code).toBe(true);
    }
  });

  it('the server refused the statement: nothing was written, and the request is to blame', () => {
    expect(classifyDbFailure(wrapped({ code: '22P05', message: 'unsupported Unicode escape sequence' }))).toBe(
      'refused',
    );
    expect(isDatabaseDown(wrapped({ code: '22P05' }))).toBe(false);
  });

  it('an error that says neither is taken as unknown, and not as the database being down', () => {
    expect(classifyDbFailure(new TypeError('boom'))).toBe('lost');
    expect(isDatabaseDown(new TypeError('boom'))).toBe(false);
  });

  it('describes the cause by the driver code and message, never the query, its parameters or a quoted value', () => {
    const described = describeDbFailure(
      wrapped({ code: '22P02', message: 'invalid input syntax for type json: "xoxb-secret"' }),
    );
    expect(described).toEqual({ code: '22P02', message: 'invalid input syntax for type json: "…"' });
    expect(describeDbFailure(new Error('Failed query: INSERT … params: xoxb-secret')).message).toBe('query failed');
  });
});
