/** Shared helpers for emulator tests: a Web API client, a fake app server and a manual clock. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.ts';

/** A logger that keeps test output quiet. */
export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel() {
    return 'error' as never;
  },
  setName() {},
};

/** Polls `check` until it gives something truthy (for work that follows an ack), failing after `ms`. */
export async function waitFor<T>(check: () => T, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (let value = check(); ; value = check()) {
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** A TCP port nobody listens on right now (for an app the test starts on a port of its own). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A WebClient pointed at the emulator, without retries. */
export function clientFor(emulator: Emulator, opts: { timeout?: number; token?: string } = {}): WebClient {
  return new WebClient(opts.token ?? emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    timeout: opts.timeout ?? 2000,
    logger: silentLogger,
  });
}

/** Starts an emulator with rate limits off unless asked for. */
export function emulatorForTest(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ rateLimits: false, ...opts });
}

/** A clock tests move by hand. */
export function manualClock(startMs = Date.UTC(2024, 10, 25, 10, 0, 0)): {
  now: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
} {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

/** A request the fake app received. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** `payload` parsed for interactions, JSON for events, form fields for slash commands. */
  body: any;
}

/** What the fake app answers: status and body (object → JSON). */
export type FakeAnswer = { status?: number; body?: unknown; delayMs?: number };

/** A tiny app server recording what the emulator sends it. */
export async function startFakeApp(
  answer: (request: ReceivedRequest) => FakeAnswer | Promise<FakeAnswer> = () => ({}),
) {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: any;
    if ((req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(rawBody);
    else {
      const form = Object.fromEntries(new URLSearchParams(rawBody).entries());
      body = form.payload ? JSON.parse(form.payload) : form;
    }
    const request = { headers: req.headers, rawBody, body };
    requests.push(request);
    const reply = await answer(request);
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    const text =
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, typeof reply.body === 'object' ? { 'content-type': 'application/json' } : {});
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    last: () => requests[requests.length - 1] as ReceivedRequest,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Expects a Web API call to fail with `error` and returns the error data. */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; [key: string]: unknown }> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: { error: string } }).data;
    if (data) return data;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A fresh emulator and a bot client on it for each test, closed after it. */
export function useEmulator(receive: (emulator: Emulator, client: WebClient) => void): void {
  let current: Emulator | undefined;
  beforeEach(async () => {
    current = await emulatorForTest();
    receive(current, clientFor(current));
  });
  afterEach(async () => {
    await current?.close();
  });
}
