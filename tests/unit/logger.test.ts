import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeError, serializeError } from '../../src/platform/log-errors.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { fakeSecrets } from '../support/fake-secrets.ts';

const payload = '{"type":"event_callback","event":{"text":"the customer list is at s3://acme-private/exports"}}';

// What drizzle throws when a batched insert fails: the bound parameters (here, a request's payload)
// are in its message and on the error, and the driver's error (with its own query) is the cause.
function failedBatchInsert(): Error {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "inbox_team_key"'), {
    name: 'error',
    code: '23505',
    constraint: 'inbox_team_key',
    table: 'inbox',
    detail: `Key (team_id, dedupe_key)=(T1, ${payload}) already exists.`,
    query: 'insert into "inbox" ("team_id", "payload") values ($1, $2)',
    parameters: ['T1', payload],
  });
  const query = 'insert into "inbox" ("team_id", "payload") values ($1, $2)';
  const params = ['T1', payload];
  return Object.assign(new Error(`Failed query: ${query}\nparams: ${params}`), {
    name: 'DrizzleQueryError',
    query,
    params,
    cause: driverError,
    payload,
  });
}

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  write(createLogger('debug', sink as never));
  return lines.join('');
}

describe('the error serializer', () => {
  it('keeps type, message, code, constraint and the cause chain', () => {
    const serialized = serializeError(failedBatchInsert());
    expect(serialized).toMatchObject({
      type: 'DrizzleQueryError',
      message: 'Failed query: insert into "inbox" ("team_id", "payload") values ($1, $2)\nparams: [omitted]',
      cause: {
        type: 'error',
        code: '23505',
        constraint: 'inbox_team_key',
        table: 'inbox',
        message: 'duplicate key value violates unique constraint "inbox_team_key"',
      },
    });
    expect(Object.keys(serialized).sort()).toEqual(['cause', 'message', 'stack', 'type']);
  });

  it('never copies parameters, queries, details or payloads', () => {
    const json = JSON.stringify(serializeError(failedBatchInsert()));
    expect(json).not.toContain('s3://acme-private');
    for (const key of ['"params"', '"parameters"', '"query"', '"payload"', '"detail"']) expect(json).not.toContain(key);
  });

  it('redacts secrets in the message and the rebuilt stack', () => {
    const serialized = serializeError(new Error(`GitHub refused ${fakeSecrets.githubPat}`));
    expect(serialized.message).toBe('GitHub refused [REDACTED]');
    expect(serialized.stack).toMatch(/^Error: GitHub refused \[REDACTED\]\n\s+at /);
  });

  it('stops a cause cycle', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = error;
    expect(() => JSON.stringify(serializeError(error))).not.toThrow();
  });

  it('describes an error and its causes on one line, without parameters', () => {
    expect(describeError(failedBatchInsert())).toBe(
      'DrizzleQueryError: Failed query: insert into "inbox" ("team_id", "payload") values ($1, $2) params: [omitted] ← error: duplicate key value violates unique constraint "inbox_team_key" (23505)',
    );
  });
});

describe('the logger', () => {
  it('logs a failed batch write with ids and cause, never the payload', () => {
    const output = logged((logger) =>
      logger.warn({ err: failedBatchInsert(), inboxIds: [4, 5] }, 'inbox: batched store failed'),
    );
    expect(output).toContain('"inboxIds":[4,5]');
    expect(output).toContain('"code":"23505"');
    expect(output).toContain('DrizzleQueryError');
    expect(output).not.toContain('s3://acme-private');
    expect(output).not.toContain('"parameters"');
  });

  it('serializes an error passed as the first argument the same way', () => {
    const output = logged((logger) => logger.error(failedBatchInsert(), 'write failed'));
    expect(output).toContain('"type":"DrizzleQueryError"');
    expect(output).not.toContain('s3://acme-private');
  });
});
