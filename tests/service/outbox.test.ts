import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  enqueueEffects,
  listStreamEffects,
  OutboxDispatcher,
  type OutboxEffect,
  PermanentEffectError,
  RetryableEffectError,
} from '../../src/outbox/index.ts';
import type { Effect } from '../../src/platform/effects.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const logger = pino({ level: 'silent' });

function dispatcher(executors: Record<string, (e: OutboxEffect) => Promise<Record<string, unknown> | undefined>>) {
  return new OutboxDispatcher({ db: database.db, logger, executors, pollIntervalMs: 20 });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The dispatcher runs any kind it has an executor for; these test kinds are not Firebreak's own.
const effects = (stream: string, kinds: string[]) =>
  kinds.map((kind, i) => ({ teamId: 'T1', stream, kind, payload: { i } })) as unknown as Effect[];

describe('outbox dispatcher', () => {
  it('runs one stream strictly in order and streams side by side', async () => {
    const seen: string[] = [];
    const record = async (effect: OutboxEffect) => {
      seen.push(`${effect.stream}:${effect.payload.i}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return undefined;
    };
    await enqueueEffects(database.db, [...effects('a', ['x', 'x', 'x']), ...effects('b', ['x', 'x'])]);
    const d = dispatcher({ x: record });
    d.start();
    d.kick();
    await waitFor(async () => seen.length === 5);
    await d.stop();
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a:0', 'a:1', 'a:2']);
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b:0', 'b:1']);
  });

  it('waits out a retryable failure and holds the rest of the stream behind it', async () => {
    const seen: number[] = [];
    let failures = 1;
    await enqueueEffects(database.db, effects('s', ['flaky', 'ok']));
    const d = dispatcher({
      flaky: async (effect) => {
        if (failures-- > 0) throw new RetryableEffectError('ratelimited', { retryAfterMs: 200, uncertain: false });
        seen.push(Number(effect.payload.i));
        return undefined;
      },
      ok: async (effect) => {
        seen.push(Number(effect.payload.i));
        return undefined;
      },
    });
    d.start();
    d.kick();
    await waitFor(async () => seen.length === 2);
    await d.stop();
    expect(seen).toEqual([0, 1]);
    const rows = await listStreamEffects(database.db, { teamId: 'T1', stream: 's' });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['done', 2],
      ['done', 1],
    ]);
  });

  it('tells the executor when an earlier attempt may have reached Slack', async () => {
    const uncertainty: boolean[] = [];
    await enqueueEffects(database.db, effects('s', ['timeout']));
    const d = dispatcher({
      timeout: async (effect) => {
        uncertainty.push(effect.uncertain);
        if (uncertainty.length === 1)
          throw new RetryableEffectError('timed out', { retryAfterMs: 10, uncertain: true });
        return { ok: true };
      },
    });
    d.start();
    d.kick();
    await waitFor(async () => uncertainty.length === 2);
    await d.stop();
    expect(uncertainty).toEqual([false, true]);
  });

  it('runs other streams while one effect hangs', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => (release = resolve));
    await enqueueEffects(database.db, effects('slow', ['hang']));
    const d = dispatcher({
      hang: async () => {
        await hung;
        seen.push('slow');
        return undefined;
      },
      ok: async (effect) => {
        seen.push(`${effect.stream}:${effect.payload.i}`);
        return undefined;
      },
    });
    d.start();
    d.kick();
    // Queued after the hang began, as decisions taken while a call to Slack is stuck.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await enqueueEffects(database.db, effects('fast', ['ok', 'ok', 'ok']));
    d.kick();
    await waitFor(async () => seen.length === 3);
    expect(seen).toEqual(['fast:0', 'fast:1', 'fast:2']);
    release();
    await waitFor(async () => seen.length === 4);
    await d.stop();
  });

  it('keeps retrying an effect through a long Slack outage, never more than 15 s apart', async () => {
    await enqueueEffects(database.db, effects('s', ['away']));
    // As after a quarter of an hour of 5xx and timeouts: far past the attempts an unknown failure gets.
    await database.db.execute(sql`UPDATE outbox SET attempts = 20`);
    let tries = 0;
    const d = dispatcher({
      away: async () => {
        tries++;
        throw new RetryableEffectError('Slack answered HTTP 503', { uncertain: true });
      },
    });
    d.start();
    d.kick();
    await waitFor(async () => tries === 1);
    await d.stop();
    const [row] = await listStreamEffects(database.db, { teamId: 'T1', stream: 's' });
    expect(row?.status).toBe('pending');
    expect(row?.attempts).toBe(21);
    const waitMs = (row?.runAfter.getTime() ?? 0) - Date.now();
    expect(waitMs).toBeGreaterThan(10_000);
    expect(waitMs).toBeLessThanOrEqual(15_000);
  });

  it('sets a permanently failing effect aside and goes on with the stream', async () => {
    const seen: string[] = [];
    await enqueueEffects(database.db, effects('s', ['broken', 'ok']));
    const d = dispatcher({
      broken: async () => {
        throw new PermanentEffectError('invalid_blocks');
      },
      ok: async () => {
        seen.push('ok');
        return undefined;
      },
    });
    d.start();
    d.kick();
    await waitFor(async () => seen.length === 1);
    await d.stop();
    const rows = await listStreamEffects(database.db, { teamId: 'T1', stream: 's' });
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['dead', 'invalid_blocks'],
      ['done', null],
    ]);
  });

  it('two dispatchers on one database run each effect once', async () => {
    const runs = new Map<number, number>();
    const count = async (effect: OutboxEffect) => {
      runs.set(effect.id, (runs.get(effect.id) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 2));
      return undefined;
    };
    await enqueueEffects(database.db, Array.from({ length: 20 }, (_, s) => effects(`s${s}`, ['x', 'x', 'x'])).flat());
    const first = dispatcher({ x: count });
    const second = dispatcher({ x: count });
    first.start();
    second.start();
    first.kick();
    second.kick();
    await waitFor(async () => runs.size === 60);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([first.stop(), second.stop()]);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });
});
