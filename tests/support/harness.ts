import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { type CommandEscaping, type Emulator, type ShortcutDefinition, startEmulator } from '@firebreak/slack-emulator';
import pino from 'pino';
import { parse } from 'yaml';
import { createFirebreak, type Firebreak, waitUntilQuiet } from '../../src/app/index.ts';
import type { FirebreakConfig } from '../../src/config/firebreak-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { Logger } from '../../src/platform/logger.ts';
import type { HttpTimeouts } from '../../src/slack/verified-server.ts';
import type { TestDatabase } from './database.ts';

export type Harness = {
  emulator: Emulator;
  app: Firebreak;
  port: number;
  config: FirebreakConfig;
  /** Waits until every request Slack sent is handled and every queued Slack effect performed (or set aside). */
  settle(timeoutMs?: number): Promise<void>;
  /** Starts another app process on the same database and emulator (a replica, or a restart). */
  startReplica(): Promise<{ app: Firebreak; url: string }>;
  stop(): Promise<void>;
};

export type HarnessOptions = {
  config?: FirebreakConfig;
  clock?: Clock;
  emulator?: Emulator;
  slackTimeoutMs?: number;
  rateLimits?: boolean;
  /** Connect through Socket Mode (SLACK_APP_TOKEN = the emulator's app token) instead of receiving signed HTTP; no app URL is set. */
  socketMode?: boolean;
  /** How long a process keeps a request it handles before another may take it over, and how often unhandled ones are replayed. */
  inboxLeaseSeconds?: number;
  inboxReplayMs?: number;
  /** HTTP server timeouts (short ones for slow-client tests). */
  http?: HttpTimeouts;
  /** The app's logger (default: silent, or FIREBREAK_TEST_LOG's level). */
  logger?: Logger;
  /** How Slack sends /incident's text (default: as manifest.yml's should_escape says). */
  commandEscaping?: CommandEscaping;
  /** The app's clock, and the clock request timestamps are checked against, are the emulator's (a hand session's FIREBREAK_CLOCK=emulator). */
  emulatorClock?: boolean;
};

type Manifest = {
  features: {
    slash_commands: Array<{ command: string; should_escape?: boolean }>;
    shortcuts?: ShortcutDefinition[];
  };
};

function manifest(): Manifest {
  return parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
}

/** manifest.yml's shortcuts, so the emulator can run them by name. */
export function manifestShortcuts(): ShortcutDefinition[] {
  return manifest().features.shortcuts ?? [];
}

/** What manifest.yml's `should_escape` for /incident makes Slack send: escaped mentions, or plain names. */
export function manifestCommandEscaping(): CommandEscaping {
  const incident = manifest().features.slash_commands.find((c) => c.command === '/incident');
  return incident?.should_escape ? 'escaped' : 'plain';
}

/**
 * Every line the apps of this test file logged (info and up) when given no logger of their own: the
 * e2e hooks check after each test that no token, signing secret or pasted secret is among them.
 */
export const loggedLines: string[] = [];
const capturedLog = new Writable({
  write(chunk, _encoding, done) {
    loggedLines.push(String(chunk));
    done();
  },
});

function defaultLogger(): Logger {
  // FIREBREAK_TEST_LOG=debug prints the app's log while debugging a test; otherwise it is only captured.
  const shown = process.env.FIREBREAK_TEST_LOG;
  return shown ? pino({ level: shown }) : pino({ level: 'info' }, capturedLog);
}

/** The real app on a free port, talking to a fresh Slack emulator, on the given test database. */
export async function startHarness(database: TestDatabase, options: HarnessOptions = {}): Promise<Harness> {
  const emulator =
    options.emulator ??
    (await startEmulator({
      rateLimits: options.rateLimits ?? true,
      commandEscaping: options.commandEscaping ?? manifestCommandEscaping(),
      shortcuts: manifestShortcuts(),
    }));
  const followed: Clock | undefined = options.emulatorClock ? { now: () => new Date(emulator.clock.now()) } : undefined;
  const clock = followed ?? options.clock;
  const config = options.config ?? (await loadConfig(undefined));
  const apps: Firebreak[] = [];
  const launch = async () => {
    const app = await createFirebreak({
      database,
      config,
      logger: options.logger ?? defaultLogger(),
      ...(options.http ? { http: options.http } : {}),
      slack: {
        botToken: emulator.botToken,
        signingSecret: emulator.signingSecret,
        apiUrl: emulator.apiUrl,
        timeoutMs: options.slackTimeoutMs ?? 1500,
        ...(options.socketMode ? { appToken: emulator.appToken } : {}),
        ...(followed ? { requestClock: followed } : {}),
        // Against an emulator without limits, pacing would only slow the test down (as in the bench).
        ...(options.rateLimits === false ? { pacePosting: false } : {}),
      },
      outboxPollMs: 25,
      schedulerPollMs: 50,
      ...(options.inboxLeaseSeconds ? { inboxLeaseSeconds: options.inboxLeaseSeconds } : {}),
      ...(options.inboxReplayMs ? { inboxReplayMs: options.inboxReplayMs } : {}),
      ...(clock ? { clock } : {}),
    });
    apps.push(app);
    return app;
  };
  const app = await launch();
  const port = await app.start(0);
  if (!options.socketMode) emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    emulator,
    app,
    port,
    config,
    settle(timeoutMs = 30_000) {
      return waitUntilQuiet(database.db, {
        timeoutMs,
        drained: async () => void (await Promise.all(apps.map((a) => a.dispatcher.idle()))),
      });
    },
    async startReplica() {
      const replica = await launch();
      const replicaPort = await replica.start(0);
      return { app: replica, url: `http://127.0.0.1:${replicaPort}/slack/events` };
    },
    async stop() {
      await Promise.all(apps.map((a) => a.stop().catch(() => {})));
      if (!options.emulator) await emulator.close();
    },
  };
}
