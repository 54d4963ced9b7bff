import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

const inboxCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox`))[0]?.n;
const help = (opts: Parameters<Harness['emulator']['slashCommand']>[1]) =>
  harness.emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'declare sev1 Forged' }, opts);

describe('request signatures', () => {
  it.each([
    ['a wrong secret', { signingSecret: 'not-the-secret' }],
    ['missing headers', { omitHeaders: true }],
    ['a timestamp 301 s old', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
    ['a body changed by one byte', { tamper: (raw: string) => raw.replace('Forged', 'Forgee') }],
  ])('%s is refused with 401 and nothing is processed', async (_, opts) => {
    const reply = await help(opts);
    expect(reply.status).toBe(401);
    expect(await inboxCount()).toBe(0);
  });

  it('a signature of another length is refused with 401', async () => {
    const body = 'command=%2Fincident&text=help&team_id=T0FIREBRK&user_id=U0ALICE&trigger_id=1';
    const response = await fetch(harness.emulator.appUrl!, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=abc',
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(await inboxCount()).toBe(0);
  });

  it('a correctly signed request is accepted', async () => {
    const reply = await harness.emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'roles' });
    expect(reply.status).toBe(200);
    expect(await inboxCount()).toBe(1);
    // Help changes nothing and is answered in the acknowledgement: answered, not stored.
    const help = await harness.emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'help' });
    expect(help.status).toBe(200);
    expect(help.body).toContain('Firebreak commands');
    expect(await inboxCount()).toBe(1);
  });
});

describe('operations endpoints', () => {
  const base = () => harness.emulator.appUrl!.replace('/slack/events', '');
  it('/healthz and /readyz answer', async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready\n');
  });

  it('/metrics shows outbox and scheduler depth', async () => {
    await harness.emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: 'declare sev2 Metrics' });
    await harness.settle();
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/firebreak_outbox_depth\{status="pending"\} 0/);
    expect(text).toMatch(/firebreak_outbox_effects_total\{kind="channel.create",outcome="done"\} 1/);
    expect(text).toMatch(/firebreak_scheduler_lag_seconds 0/);
  });

  it('/readyz says 503 when migrations are missing', async () => {
    await database.db.execute(
      sql`CREATE TABLE IF NOT EXISTS drizzle.__backup AS SELECT * FROM drizzle.__drizzle_migrations`,
    );
    await database.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations`);
    try {
      expect((await fetch(`${base()}/readyz`)).status).toBe(503);
    } finally {
      await database.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations SELECT * FROM drizzle.__backup`);
      await database.db.execute(sql`DROP TABLE drizzle.__backup`);
    }
  });
});

describe('secrets stay out of logs', () => {
  it('tokens in messages, errors and fields are redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const token = harness.emulator.botToken;
    const logger = createLogger('debug', sink as never);
    logger.error(
      { err: new Error(`bad token ${token}`), token, headers: { authorization: `Bearer ${token}` } },
      `call failed with ${token}`,
    );
    // What people paste (and SDK debug lines repeat): the same shapes the timeline redacts.
    logger.debug(
      { text: 'db is postgres://admin:hunter2@db:5432/app', note: 'key AKIAIOSFODNN7EXAMPLE' },
      'raw message: password=letmein and xoxb-1',
    );
    const output = lines.join('');
    expect(output).toContain('xoxb-[redacted]');
    expect(output).not.toContain(token);
    expect(output).toContain('postgres://admin:[REDACTED]@db:5432/app');
    for (const secret of ['hunter2', 'AKIAIOSFODNN7EXAMPLE', 'letmein', 'xoxb-1']) expect(output).not.toContain(secret);
  });
});
