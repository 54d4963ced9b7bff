import { Writable } from 'node:stream';
import { type Emulator, signSlackRequest } from '@firebreak/slack-emulator';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { queryRows } from '../../src/platform/db.ts';
import type { TestDatabase } from './database.ts';

/** What Slack saw of one request: the status, the body, and whether it gave up waiting. */
export type SlackSaw = { status: number; json?: unknown; body: string; timedOut: boolean };

/**
 * POSTs a body as Slack does, signed with the emulator's secret, and waits as long as Slack waits
 * (the emulator's ackTimeoutMs, 3 s): an answer after that is a request Slack already gave up on.
 * For what the emulator's drivers will not send: a body without its team, user or trigger_id, another
 * team's, a trigger_id used before, or form fields repeated.
 */
export async function deliverAsSlack(
  emulator: Emulator,
  body: Record<string, unknown> | URLSearchParams,
): Promise<SlackSaw> {
  const raw =
    body instanceof URLSearchParams
      ? body.toString()
      : body.type === 'event_callback'
        ? JSON.stringify(body)
        : new URLSearchParams({ payload: JSON.stringify(body) }).toString();
  const timestamp = Math.floor(emulator.clock.now() / 1000);
  try {
    const response = await fetch(emulator.appUrl as string, {
      method: 'POST',
      headers: {
        'content-type':
          body instanceof URLSearchParams || body.type !== 'event_callback'
            ? 'application/x-www-form-urlencoded'
            : 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(emulator.signingSecret, timestamp, raw),
      },
      body: raw,
      signal: AbortSignal.timeout(emulator.ackTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text, json: parsedOrUndefined(text), timedOut: false };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return { status: 0, body: '', timedOut: true };
    throw error;
  }
}

function parsedOrUndefined(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A log line as pino writes it. */
export type LogLine = {
  level: number;
  msg: string;
  cause?: unknown;
  code?: unknown;
  err?: { type?: string; message?: string; stack?: string };
};

/** A pino logger whose lines (info and up) are kept, parsed, in `lines`. */
export function capturedLogger(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
        done();
      },
    }),
  );
  return { logger, lines };
}

/** One query that sums up every row of every table but the inbox (each request is stored there) and the user-name cache. */
export async function databaseFingerprint(database: TestDatabase): Promise<string> {
  const tables = await queryRows<{ tablename: string }>(
    database.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const sums = tables
    .filter((t) => !/inbox|slack_user/.test(t.tablename))
    .map(
      ({ tablename }) =>
        `SELECT '${tablename}' AS t, md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS h FROM "${tablename}" r`,
    );
  const rows = await queryRows<{ t: string; h: string }>(database.db, sql.raw(sums.join(' UNION ALL ')));
  return rows
    .map((row) => `${row.t}:${row.h}`)
    .sort()
    .join('\n');
}

/**
 * What everyone sees in the emulated workspace, but what only the person who sent a request is shown
 * (an ephemeral, a response_url answer, their own modals): channels, messages, pins, files, others' views.
 */
export function workspaceFingerprint(emulator: Emulator, sender: string): string {
  const ws = emulator.workspace;
  const channels = ws.channels();
  return JSON.stringify([
    channels.map((c) => [c.id, c.name, c.topic, c.is_archived, c.members]),
    channels.map((c) => [ws.messages(c.id), ws.pins(c.id).map((p) => p.ts), ws.bookmarks(c.id)]),
    ws.files().map((f) => [f.name, f.bytes]),
    ws
      .views()
      .filter((v) => v.userId !== sender)
      .map((v) => [v.id, v.hash, v.isOpen]),
  ]);
}
