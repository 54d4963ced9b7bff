import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InboxWriter } from '../../src/inbox/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const row = (key: string, teamId = 'T1') => ({ teamId, dedupeKey: key, kind: 'event', payload: { key } });

describe('inbox group commit', () => {
  it('stores concurrent requests once each and reports retries as duplicates', async () => {
    const writer = new InboxWriter(database.db, pino({ level: 'silent' }));
    const keys = Array.from({ length: 300 }, (_, i) => `event:${i % 200}`);
    const ids = await Promise.all(keys.map((key) => writer.insert(row(key))));
    expect(ids.filter((id) => id !== undefined)).toHaveLength(200);
    expect(new Set(ids.filter((id) => id !== undefined)).size).toBe(200);
    expect(await writer.insert(row('event:5'))).toBeUndefined();
    expect(await writer.insert(row('event:5', 'T2'))).toBeTypeOf('number');
    const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox`);
    expect(count?.n).toBe(201);
  });

  it('marks handled in batches', async () => {
    const writer = new InboxWriter(database.db, pino({ level: 'silent' }));
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => writer.insert(row(`k${i}`))));
    await Promise.all(ids.map((id) => writer.markHandled(id!)));
    await writer.drain();
    const [open] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM inbox WHERE handled_at IS NULL`,
    );
    expect(open?.n).toBe(0);
  });

  it('stores every other request of a batch the database refuses because of one, and logs ids and the cause, never the payload', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const writer = new InboxWriter(database.db, pino({ level: 'warn' }, sink));
    // A NUL cannot be stored in jsonb: the batch holding it fails, as any row the database refuses would.
    const rows = Array.from({ length: 6 }, (_, i) => ({
      ...row(`event:Ev${i}`),
      payload: { text: i === 2 ? 'secret xoxb-123 \u0000' : `message ${i}` },
    }));
    const ids = await Promise.all(rows.map((request) => writer.insert(request).catch(() => 'refused' as const)));
    expect(ids.map((id) => (id === 'refused' ? id : typeof id))).toEqual([
      'number',
      'number',
      'refused',
      'number',
      'number',
      'number',
    ]);
    const [count] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox`);
    expect(count?.n).toBe(5);
    const warning = JSON.parse(lines.find((line) => line.includes('batched store failed')) ?? '{}') as {
      cause?: { code?: string };
      dedupeKeys?: string[];
    };
    expect(warning.cause?.code).toBe('22P05');
    expect(warning.dedupeKeys).toContain('event:Ev2');
    expect(lines.join('')).not.toContain('message 1');
    expect(lines.join('')).not.toContain('xoxb');
  });
});
