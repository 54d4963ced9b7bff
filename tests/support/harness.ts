import pino from 'pino';
import { loadConfig } from '../../src/config/load-config.ts';
import type { FirebreakConfig } from '../../src/config/firebreak-config.ts';
import { type Emulator, startEmulator } from '../../src/emulator/index.ts';
import { createFirebreak, type Firebreak } from '../../src/firebreak.ts';
import { countOpenEffects } from '../../src/outbox/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { TestDatabase } from './database.ts';

export type Harness = {
  emulator: Emulator;
  app: Firebreak;
  port: number;
  config: FirebreakConfig;
  /** Waits until every queued Slack effect has been performed (or set aside). */
  settle(timeoutMs?: number): Promise<void>;
  /** Starts another app process on the same database and emulator (a replica, or a restart). */
  startReplica(): Promise<Firebreak>;
  stop(): Promise<void>;
};

export type HarnessOptions = { config?: FirebreakConfig; clock?: Clock; emulator?: Emulator; slackTimeoutMs?: number; rateLimits?: boolean };

/** The real app on a free port, talking to a fresh Slack emulator, on the given test database. */
export async function startHarness(database: TestDatabase, options: HarnessOptions = {}): Promise<Harness> {
  const emulator = options.emulator ?? (await startEmulator({ rateLimits: options.rateLimits ?? true }));
  const config = options.config ?? (await loadConfig(undefined));
  const apps: Firebreak[] = [];
  const launch = async () => {
    const app = await createFirebreak({
      database,
      config,
      logger: pino({ level: process.env.FIREBREAK_TEST_LOG ?? 'silent' }),
      slack: { botToken: emulator.botToken, signingSecret: emulator.signingSecret, apiUrl: emulator.apiUrl, timeoutMs: options.slackTimeoutMs ?? 1500 },
      outboxPollMs: 25,
      schedulerPollMs: 50,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    apps.push(app);
    return app;
  };
  const app = await launch();
  const port = await app.start(0);
  emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    emulator,
    app,
    port,
    config,
    async settle(timeoutMs = 15_000) {
      const started = Date.now();
      for (;;) {
        const open = await countOpenEffects(database.db);
        if (open === 0) {
          await Promise.all(apps.map((a) => a.dispatcher.idle()));
          if ((await countOpenEffects(database.db)) === 0) return;
        }
        if (Date.now() - started > timeoutMs) throw new Error(`${open} Slack effects still open after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async startReplica() {
      const replica = await launch();
      await replica.start(0);
      return replica;
    },
    async stop() {
      await Promise.all(apps.map((a) => a.stop().catch(() => {})));
      if (!options.emulator) await emulator.close();
    },
  };
}
