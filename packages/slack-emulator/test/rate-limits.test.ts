import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { startEmulator } from '../src/index.ts';
import { manualClock } from './helpers.ts';

let emulator: Emulator;
const clock = manualClock();
beforeEach(async () => {
  emulator = await startEmulator({ clock: clock.now });
});
afterEach(async () => {
  await emulator.close();
});

async function call(method: string, args: Record<string, string> = {}) {
  const response = await fetch(`${emulator.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${emulator.botToken}` },
    body: new URLSearchParams(args).toString(),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json: (await response.json()) as Record<string, unknown>,
  };
}

describe('rate limits', () => {
  it('Tier 2: 20 per minute, then 429 with Retry-After and nothing performed', async () => {
    for (let i = 0; i < 20; i++) expect((await call('conversations.create', { name: `inc-${i}` })).status).toBe(200);
    const limited = await call('conversations.create', { name: 'inc-20' });
    expect(limited).toEqual({ status: 429, retryAfter: '3', json: { ok: false, error: 'ratelimited' } });
    expect(emulator.workspace.channelByName('inc-20')).toBeUndefined();
    clock.advance(3000);
    expect((await call('conversations.create', { name: 'inc-20' })).status).toBe(200);
    expect((await call('conversations.create', { name: 'inc-21' })).status).toBe(429);
  });

  it('Tier 3 for conversations.info refills continuously', async () => {
    for (let i = 0; i < 50; i++) await call('conversations.info', { channel: 'C0INCIDENTS' });
    const limited = await call('conversations.info', { channel: 'C0INCIDENTS' });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    clock.advance(60_000);
    for (let i = 0; i < 50; i++)
      expect((await call('conversations.info', { channel: 'C0INCIDENTS' })).status).toBe(200);
  });

  it('chat.postMessage: burst of 5 per channel, 1 per second after', async () => {
    for (let i = 0; i < 5; i++)
      expect((await call('chat.postMessage', { channel: 'C0INCIDENTS', text: `m${i}` })).status).toBe(200);
    const limited = await call('chat.postMessage', { channel: 'C0INCIDENTS', text: 'm5' });
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('1');
    expect(emulator.workspace.messages('C0INCIDENTS')).toHaveLength(5);
    const other = emulator.workspace.addChannel({ name: 'other', members: [emulator.botUserId] });
    expect((await call('chat.postMessage', { channel: other.id, text: 'elsewhere' })).status).toBe(200);
    expect((await call('chat.postEphemeral', { channel: 'C0INCIDENTS', user: 'U0ALICE', text: 'e' })).status).toBe(429);
    clock.advance(1000);
    expect((await call('chat.postMessage', { channel: '#incidents', text: 'm5' })).status).toBe(200);
    expect((await call('chat.postMessage', { channel: 'C0INCIDENTS', text: 'm6' })).status).toBe(429);
  });

  it('chat.postMessage: workspace cap of 100 per minute', async () => {
    const channels = Array.from(
      { length: 21 },
      (_, i) => emulator.workspace.addChannel({ name: `c${i}`, members: [emulator.botUserId] }).id,
    );
    let sent = 0;
    for (const channel of channels.slice(0, 20))
      for (let i = 0; i < 5; i++)
        sent += (await call('chat.postMessage', { channel, text: 'x' })).status === 200 ? 1 : 0;
    expect(sent).toBe(100);
    const limited = await call('chat.postMessage', { channel: channels[20]!, text: 'x' });
    expect(limited.status).toBe(429);
  });

  it('chat.postMessage: the postMessagePerMinute option replaces the workspace cap, and the 429 says when to retry', async () => {
    await emulator.close();
    emulator = await startEmulator({ clock: clock.now, postMessagePerMinute: 10 });
    expect(emulator.rateLimits.postMessagePerMinute).toBe(10);
    const channels = ['a', 'b', 'c'].map(
      (name) => emulator.workspace.addChannel({ name, members: [emulator.botUserId] }).id,
    );
    for (const channel of channels.slice(0, 2))
      for (let i = 0; i < 5; i++) expect((await call('chat.postMessage', { channel, text: 'x' })).status).toBe(200);
    const limited = await call('chat.postMessage', { channel: channels[2]!, text: 'eleventh' });
    // 10 per minute refill one message every 6 seconds.
    expect(limited).toEqual({ status: 429, retryAfter: '6', json: { ok: false, error: 'ratelimited' } });
    expect(emulator.workspace.messages(channels[2]!)).toEqual([]);
    clock.advance(5000);
    expect((await call('chat.postEphemeral', { channel: channels[2]!, user: 'U0ALICE', text: 'e' })).retryAfter).toBe(
      '1',
    );
    clock.advance(1000);
    expect((await call('chat.postMessage', { channel: channels[2]!, text: 'eleventh' })).status).toBe(200);
    expect((await call('chat.postMessage', { channel: channels[2]!, text: 'twelfth' })).status).toBe(429);
  });

  it('chat.postMessage: the workspace cap can be changed at run time', async () => {
    emulator.rateLimits.postMessagePerMinute = 3;
    for (let i = 0; i < 3; i++)
      expect((await call('chat.postMessage', { channel: 'C0INCIDENTS', text: `m${i}` })).status).toBe(200);
    expect(await call('chat.postMessage', { channel: 'C0INCIDENTS', text: 'm3' })).toMatchObject({
      status: 429,
      retryAfter: '20',
    });
    emulator.rateLimits.postMessagePerMinute = 600;
    clock.advance(1000);
    expect((await call('chat.postMessage', { channel: 'C0INCIDENTS', text: 'm3' })).status).toBe(200);
  });

  it('refuses a workspace cap that is not a whole number of at least 1', async () => {
    for (const bad of [0, -5, 2.5, Number.NaN])
      expect(() => {
        emulator.rateLimits.postMessagePerMinute = bad;
      }).toThrow(RangeError);
    expect(emulator.rateLimits.postMessagePerMinute).toBe(100);
    await expect(startEmulator({ postMessagePerMinute: 0 })).rejects.toThrow(RangeError);
  });

  it('never limits auth.test, and can be switched off', async () => {
    for (let i = 0; i < 120; i++) expect((await call('auth.test')).status).toBe(200);
    for (let i = 0; i < 20; i++) await call('pins.list', { channel: 'C0INCIDENTS' });
    expect((await call('pins.list', { channel: 'C0INCIDENTS' })).status).toBe(429);
    emulator.rateLimits.enabled = false;
    expect((await call('pins.list', { channel: 'C0INCIDENTS' })).status).toBe(200);
  });

  it('historyLimitedApp: 1 request per minute and at most 15 messages', async () => {
    emulator.rateLimits.historyLimitedApp = true;
    emulator.rateLimits.enabled = false;
    for (let i = 0; i < 20; i++) await call('chat.postMessage', { channel: 'C0INCIDENTS', text: `m${i}` });
    emulator.rateLimits.enabled = true;
    const first = await call('conversations.history', { channel: 'C0INCIDENTS', limit: '100' });
    expect((first.json.messages as unknown[]).length).toBe(15);
    expect(first.json.has_more).toBe(true);
    const second = await call('conversations.history', { channel: 'C0INCIDENTS' });
    expect(second).toMatchObject({ status: 429, retryAfter: '60' });
    clock.advance(60_000);
    expect((await call('conversations.history', { channel: 'C0INCIDENTS' })).status).toBe(200);
  });
});
