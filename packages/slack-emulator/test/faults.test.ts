import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { emulatorForTest, silentLogger } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
beforeEach(async () => {
  emulator = await emulatorForTest();
  client = new WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    timeout: 2000,
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
});
afterEach(async () => {
  await emulator.close();
});

async function failure(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('fault injection', () => {
  it('ratelimit: 429 with Retry-After, nothing performed', async () => {
    emulator.faults.add('conversations.create', { kind: 'ratelimit', retryAfter: 7 });
    const error = await failure(client.conversations.create({ name: 'inc-rl' }));
    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
    expect(emulator.workspace.channelByName('inc-rl')).toBeUndefined();
    expect(emulator.callsTo('conversations.create')[0]).toMatchObject({
      ok: false,
      error: 'ratelimited',
      status: 429,
      fault: 'ratelimit',
    });
    expect((await client.conversations.create({ name: 'inc-rl' })).ok).toBe(true);
  });

  it('ratelimit: raw response shape', async () => {
    emulator.faults.add('auth.test', { kind: 'ratelimit', retryAfter: 2 });
    const response = await fetch(`${emulator.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.botToken}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('server_error: 5xx, nothing performed', async () => {
    emulator.faults.add('chat.postMessage', { kind: 'server_error', status: 503 });
    const error = await failure(client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'lost?' }));
    expect(error.code).toBe('slack_webapi_http_error');
    expect(error.statusCode).toBe(503);
    expect(emulator.workspace.messages('C0INCIDENTS')).toHaveLength(0);
    emulator.faults.add('auth.test', { kind: 'server_error' });
    expect((await failure(client.auth.test())).statusCode).toBe(500);
  });

  it('slow: answers late; a client timeout does not undo the call', async () => {
    const impatient = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 100,
      logger: silentLogger,
    });
    await impatient.auth.test();
    emulator.faults.add('chat.postMessage', { kind: 'slow', ms: 300 });
    const error = await failure(impatient.chat.postMessage({ channel: 'C0INCIDENTS', text: 'slow' }));
    expect(error.code).toBe('slack_webapi_request_error');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(emulator.workspace.messages('C0INCIDENTS').map((m) => m.text)).toEqual(['slow']);
    emulator.faults.add('auth.test', { kind: 'slow', ms: 50 });
    const patient = new WebClient(emulator.botToken, {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 1000,
      logger: silentLogger,
    });
    const started = Date.now();
    expect((await patient.auth.test()).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('lost: the call happens but the client never gets an answer', async () => {
    emulator.faults.add('conversations.create', { kind: 'lost' });
    const error = await failure(client.conversations.create({ name: 'inc-lost' }));
    expect(error.code).toBe('slack_webapi_request_error');
    expect(emulator.workspace.channelByName('inc-lost')).toBeDefined();
    expect(emulator.callsTo('conversations.create')[0]).toMatchObject({ ok: true, status: 0, fault: 'lost' });
    const retry = await failure(client.conversations.create({ name: 'inc-lost' }));
    expect(retry.data.error).toBe('name_taken');
  });

  it('hang: the client times out, the socket is dropped and nothing is performed', async () => {
    emulator.faults.add('conversations.create', { kind: 'hang', ms: 2300 });
    const error = await failure(client.conversations.create({ name: 'inc-hang' }));
    expect(error.code).toBe('slack_webapi_request_error');
    // The hang outlasts the client's 2 s: the call is logged (and would be performed) only when it ends.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emulator.workspace.channelByName('inc-hang')).toBeUndefined();
    expect(emulator.callsTo('conversations.create')[0]).toMatchObject({ ok: false, status: 0, fault: 'hang' });
    expect((await client.conversations.create({ name: 'inc-hang' })).ok).toBe(true);
  });

  it('applies faults the given number of times, to any method with *, until cleared', async () => {
    emulator.faults.add('*', { kind: 'server_error' }, { times: 2 });
    expect((await failure(client.auth.test())).statusCode).toBe(500);
    expect((await failure(client.users.info({ user: 'U0BOB' }))).statusCode).toBe(500);
    expect((await client.auth.test()).ok).toBe(true);
    emulator.faults.add('auth.test', { kind: 'server_error' }, { times: Number.POSITIVE_INFINITY });
    expect((await failure(client.auth.test())).statusCode).toBe(500);
    expect((await failure(client.auth.test())).statusCode).toBe(500);
    emulator.faults.clear();
    expect((await client.auth.test()).ok).toBe(true);
  });
});
