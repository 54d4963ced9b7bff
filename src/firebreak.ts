import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FirebreakConfig } from './config/firebreak-config.ts';
import { OutboxDispatcher } from './outbox/index.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import { AcknowledgementsFirst } from './platform/acknowledgements-first.ts';
import { type Copy, loadCopy } from './platform/copy.ts';
import type { Database } from './platform/db.ts';
import type { ServiceDeps } from './platform/deps.ts';
import { operationalRoutes } from './platform/http-routes.ts';
import type { Logger } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import { JobRunner } from './scheduler/index.ts';
import { jobHandlers } from './jobs.ts';
import { incidentListeners } from './incident-listeners.ts';
import { loadRunbooks, type Runbook } from './runbooks/index.ts';
import { createSlackApp, type SlackApp } from './slack/app.ts';
import { createSlackClient } from './slack/client.ts';
import type { HttpTimeouts } from './slack/verified-server.ts';
import { slackEffectExecutors } from './slack/effects/index.ts';

export type FirebreakOptions = {
  database: Database;
  config: FirebreakConfig;
  logger: Logger;
  slack: { botToken: string; signingSecret: string; appToken?: string; apiUrl: string; timeoutMs?: number };
  /** Header and whole-request timeouts of the HTTP server (10 s each when unset). */
  http?: HttpTimeouts;
  clock?: Clock;
  copy?: Copy;
  /** Runbooks to use instead of those in templates/runbooks (loaded and validated at start). */
  runbooks?: Runbook[];
  /** Where runbook YAML files live (default templates/runbooks). */
  runbooksDir?: string;
  outboxPollMs?: number;
  schedulerPollMs?: number;
};

export type Firebreak = {
  slackApp: SlackApp;
  dispatcher: OutboxDispatcher;
  jobs: JobRunner;
  deps: ServiceDeps;
  botUserId: string;
  /** Starts serving on `port` (0 = any free port) and returns the port in use. */
  start(port: number): Promise<number>;
  stop(): Promise<void>;
};

/** Wires one Firebreak process: identity from auth.test, services, outbox dispatcher, Bolt app, routes. */
export async function createFirebreak(options: FirebreakOptions): Promise<Firebreak> {
  const { database, config, logger } = options;
  const clock = options.clock ?? systemClock;
  const copy = options.copy ?? (await loadCopy());
  const runbooks = options.runbooks ?? (await loadRunbooks(options.runbooksDir));
  const client = createSlackClient({ token: options.slack.botToken, apiUrl: options.slack.apiUrl, logger, ...(options.slack.timeoutMs ? { timeoutMs: options.slack.timeoutMs } : {}) });
  const identity = await client.auth.test();
  const botUserId = String(identity.user_id);
  const metrics = createMetrics();
  const acks = new AcknowledgementsFirst();

  let dispatcher: OutboxDispatcher | undefined;
  const deps: ServiceDeps = { db: database.db, config, clock, effectsQueued: () => dispatcher?.kick(), incidentListeners: incidentListeners(), runbooks };
  dispatcher = new OutboxDispatcher({
    db: database.db,
    logger,
    pollIntervalMs: options.outboxPollMs ?? 500,
    executors: slackEffectExecutors({ db: database.db, client, config, copy, clock, logger, botUserId, runbooks, postToResponseUrl }),
    onSettled: (effect, outcome) => metrics.effects.inc({ kind: effect.kind, outcome }),
    waitForTurn: () => acks.whenQuiet(),
  });
  const jobs = new JobRunner({
    db: database.db,
    clock,
    logger,
    handlers: jobHandlers(deps),
    effectsQueued: deps.effectsQueued,
    pollIntervalMs: options.schedulerPollMs ?? 1000,
  });
  const slackApp = createSlackApp({
    botToken: options.slack.botToken,
    signingSecret: options.slack.signingSecret,
    ...(options.slack.appToken ? { appToken: options.slack.appToken } : {}),
    apiUrl: options.slack.apiUrl,
    botUserId,
    ...(identity.bot_id ? { botId: String(identity.bot_id) } : {}),
    logger,
    routes: operationalRoutes(database.db, metrics, clock),
    services: { deps, config, copy, logger },
    ackDb: database.ackDb,
    acks,
    ...(options.slack.timeoutMs ? { timeoutMs: options.slack.timeoutMs } : {}),
    ...(options.http ? { httpTimeouts: options.http } : {}),
  });
  const activeDispatcher = dispatcher;
  return {
    slackApp,
    dispatcher: activeDispatcher,
    jobs,
    deps,
    botUserId,
    async start(port) {
      const server = await slackApp.start(port);
      activeDispatcher.start();
      activeDispatcher.kick();
      jobs.start();
      void slackApp.gate.replayUnhandled().catch((error) => logger.error({ err: error }, 'inbox replay failed'));
      return server ? (server.address() as AddressInfo).port : port;
    },
    async stop() {
      await jobs.stop();
      await activeDispatcher.stop();
      await slackApp.stop();
    },
  };

  async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    // 404/410: the response_url expired or was used up; nothing more to do.
    if (!response.ok && response.status !== 404 && response.status !== 410) throw new Error(`response_url answered HTTP ${response.status}`);
  }
}

export type { Server };
