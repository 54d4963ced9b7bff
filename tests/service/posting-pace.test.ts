import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableEffectError } from '../../src/outbox/index.ts';
import { RatePacer } from '../../src/platform/rate-pacer.ts';
import { createSlackClient, type SlackClient } from '../../src/slack/client.ts';
import { MethodPacers } from '../../src/slack/method-pace.ts';
import { asTeam, type PostingPace } from '../../src/slack/posting-pace.ts';

// Posting through the real client against the emulator (its own limits off: only injected 429s),
// on a clock the test moves by hand.
let emulator: Emulator;
let nowMs: number;
let waits: Array<{ method: string; waitedMs: number; outcome: string }>;
let limited: string[];
let second: string;
const incidents = 'C0INCIDENTS';

beforeEach(async () => {
  emulator = await startEmulator({ rateLimits: false });
  nowMs = 1_000_000;
  waits = [];
  limited = [];
  const plain = createSlackClient({
    token: emulator.botToken,
    apiUrl: emulator.apiUrl,
    logger: pino({ level: 'silent' }),
  });
  second = (await plain.conversations.create({ name: 'pace-second' })).channel?.id as string;
  emulator.resetCalls();
});
afterEach(async () => {
  await emulator.close();
});

/**
 * A paced client: 6 posts a minute (5 at once, then one per 10 s), at most `maxWaitMs` of waiting per effect;
 * with `methods`, every other method paced within its Slack tier too.
 */
function pacedClient(maxWaitMs = 60_000, methods?: MethodPacers): SlackClient {
  const pace: PostingPace = {
    pacer: new RatePacer({ perMinute: 6 }),
    ...(methods ? { methods } : {}),
    clock: { now: () => new Date(nowMs) },
    maxWaitMs,
    onWait: (method, waitedMs, outcome) => waits.push({ method, waitedMs, outcome }),
    onRateLimited: (method) => limited.push(method),
  };
  return createSlackClient({
    token: emulator.botToken,
    apiUrl: emulator.apiUrl,
    logger: pino({ level: 'silent' }),
    pace,
  });
}

const post = (client: SlackClient, text: string, channel = incidents) => client.chat.postMessage({ channel, text });
const posted = () => emulator.callsTo('chat.postMessage').length;
const aWhile = () => new Promise((resolve) => setTimeout(resolve, 300));

async function spendBurst(client: SlackClient): Promise<void> {
  // Five channels' worth, so only the workspace bucket is spent.
  for (let i = 0; i < 5; i++) await asTeam('T1', () => post(client, `burst ${i}`, i % 2 ? second : incidents));
  nowMs += 5000;
}

describe('paced Slack client', () => {
  it('waits for a turn instead of calling Slack over the limit, then posts', async () => {
    const client = pacedClient();
    await spendBurst(client);
    let done = false;
    const sixth = asTeam('T1', () => post(client, 'sixth')).then(() => (done = true));
    await aWhile();
    expect(done).toBe(false);
    expect(posted()).toBe(5);
    nowMs += 5000;
    await sixth;
    expect(posted()).toBe(6);
    expect(waits).toEqual([{ method: 'chat.postMessage', waitedMs: 5000, outcome: 'sent' }]);
  });

  it('defers an effect whose turn is further away than it may wait, without calling Slack', async () => {
    const client = pacedClient(3000);
    await spendBurst(client);
    const error = await asTeam('T1', () => post(client, 'sixth')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableEffectError);
    expect((error as RetryableEffectError).options).toEqual({ retryAfterMs: 5000, uncertain: false });
    expect(posted()).toBe(5);
    expect(waits).toEqual([{ method: 'chat.postMessage', waitedMs: 0, outcome: 'deferred' }]);
  });

  it('counts every wait of one effect against the same budget', async () => {
    const client = pacedClient(14_000);
    await spendBurst(client);
    const effect = asTeam('T1', async () => {
      await post(client, 'sixth');
      await post(client, 'seventh');
    });
    const outcome = effect.catch((e: unknown) => e);
    await aWhile();
    nowMs += 5000;
    const error = await outcome;
    // 5 s for the sixth, then 10 s more for the seventh: 15 s of waiting, over the effect's 14.
    expect(error).toBeInstanceOf(RetryableEffectError);
    expect((error as RetryableEffectError).options.retryAfterMs).toBe(10_000);
    expect(posted()).toBe(6);
  });

  it('holds the whole team after a 429, in every channel, and not other teams', async () => {
    const client = pacedClient(10_000);
    emulator.faults.add('chat.postMessage', { kind: 'ratelimit', retryAfter: 30 });
    await expect(asTeam('T1', () => post(client, 'refused'))).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(limited).toEqual(['chat.postMessage']);
    const held = await asTeam('T1', () => post(client, 'elsewhere', second)).catch((e: unknown) => e);
    expect(held).toBeInstanceOf(RetryableEffectError);
    expect((held as RetryableEffectError).options.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(posted()).toBe(1);
    await asTeam('T2', () => post(client, 'other team'));
    expect(posted()).toBe(2);
  });

  it('paces chat.postEphemeral too, and leaves other methods alone', async () => {
    const client = pacedClient(1000);
    await spendBurst(client);
    const ephemeral = asTeam('T1', () =>
      client.chat.postEphemeral({ channel: incidents, user: 'U0ALICE', text: 'hi' }),
    );
    await expect(ephemeral).rejects.toBeInstanceOf(RetryableEffectError);
    await asTeam('T1', () => client.conversations.info({ channel: incidents }));
    expect(emulator.callsTo('chat.postEphemeral')).toHaveLength(0);
    expect(emulator.callsTo('conversations.info')).toHaveLength(1);
  });

  it('with method pacing, keeps a Tier 2 method within 20 a minute instead of calling Slack over it', async () => {
    const client = pacedClient(60_000, new MethodPacers());
    const create = (i: number) => asTeam('T1', () => client.conversations.create({ name: `tier-two-${i}` }));
    // Slack's bucket holds 20; the pacer's a little less, so calls that reach Slack bunched still find a token.
    for (let i = 0; i < 18; i++) await create(i);
    let done = false;
    const next = create(18).then(() => (done = true));
    await aWhile();
    expect(done).toBe(false);
    expect(emulator.callsTo('conversations.create')).toHaveLength(18);
    nowMs += 3000;
    await next;
    expect(emulator.callsTo('conversations.create')).toHaveLength(19);
    await asTeam('T1', () => client.conversations.info({ channel: incidents }));
    expect(emulator.callsTo('conversations.info')).toHaveLength(1);
  });

  it('with method pacing, holds every call of a method after its 429 for the Retry-After, and only that method', async () => {
    const client = pacedClient(10_000, new MethodPacers());
    emulator.faults.add('pins.add', { kind: 'ratelimit', retryAfter: 30 });
    const pin = () => asTeam('T1', () => client.pins.add({ channel: incidents, timestamp: '1.000001' }));
    await expect(pin()).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
    const held = await pin().catch((e: unknown) => e);
    expect(held).toBeInstanceOf(RetryableEffectError);
    expect((held as RetryableEffectError).options.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(emulator.callsTo('pins.add')).toHaveLength(1);
    await asTeam('T1', () => client.conversations.create({ name: 'not-held' }));
    expect(emulator.callsTo('conversations.create')).toHaveLength(1);
  });
});
