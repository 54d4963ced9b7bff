import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

describe('a failed batched write, as the database driver reports it', () => {
  it('is logged with its code, constraint and cause, never the rows it carried', async () => {
    const payload = JSON.stringify({ event: { text: 'customer export at s3://acme-private/dump.csv' } });
    const failure = await database.db
      .execute(
        sql`INSERT INTO inbox (team_id, dedupe_key, kind, payload, received_at) VALUES ('T1', 'event:1', 'event', ${payload}::jsonb, now()), ('T1', 'event:1', 'event', ${payload}::jsonb, now())`,
      )
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger('info', sink as never).warn({ err: failure, inboxKeys: ['event:1'] }, 'inbox: batched store failed');
    const output = lines.join('');
    expect(output).not.toContain('acme-private');
    expect(output).toContain('23505');
    expect(output).toContain('"inboxKeys":["event:1"]');
  });
});
