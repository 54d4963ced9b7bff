import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { planDigest } from '../insights/index.ts';
import { OutboxDispatcher, outboxSink } from '../outbox/index.ts';
import { AcknowledgementsFirst } from '../platform/acknowledgements-first.ts';
import type { Clock } from '../platform/clock.ts';
import { systemClock } from '../platform/clock.ts';
import { type Copy, loadCopy } from '../platform/copy.ts';
import type { Database } from '../platform/db.ts';
import { StartupError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { createMetrics, type Metrics } from '../platform/metrics.ts';
import { RatePacer } from '../platform/rate-pacer.ts';
import { loadPostmortemTemplate, type PostmortemTemplate, regeneratePostmortem } from '../postmortems/index.ts';
import { loadRunbooks, type Runbook } from '../runbooks/index.ts';
import { JobRunner } from '../scheduler/index.ts';
import { createSlackApp, type SlackApp } from '../slack/app.ts';
import { createSlackClient } from '../slack/client.ts';
import { slackEffectExecutors } from '../slack/effects/index.ts';
import { type BotIdentity, botIdentity } from '../slack/identity.ts';
import { MethodPacers } from '../slack/method-pace.ts';
import type { PostingPace } from '../slack/posting-pace.ts';
import { postToResponseUrl } from '../slack/response-url.ts';
import type { AllServiceDeps } from '../slack/services.ts';
import type { HttpTimeouts } from '../slack/verified-server.ts';
import { operationalRoutes } from './http-routes.ts';
import { actionListeners, incidentListeners } from './incident-listeners.ts';
import { jobHandlers } from './job-handlers.ts';

export type FirebreakOptions = {
  database: Database;
  config: FirebreakConfig;
  logger: Logger;
  slack: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl: string;
    timeoutMs?: number;
    /**
     * What request timestamps are checked against (Slack's 5-minute window; default the system time).
     * A hand session on the emulator passes the emulator's clock, so moving that clock keeps signatures valid.
     * It is also the time message posting is paced by, as the emulator's rate limits run on its clock.
     */
    requestClock?: Clock;
    /**
     * False posts without pacing: only for a Slack stand-in that enforces no rate limits (the benchmark's
     * shared emulator), where Slack's one message per second per channel would measure the pacing instead.
     */
    pacePosting?: boolean;
  };
  /** Header and whole-request timeouts of the HTTP server (10 s each when unset). */
  http?: HttpTimeouts;
  clock?: Clock;
  copy?: Copy;
  /** Runbooks to use instead of those in templates/runbooks (loaded and validated at start). */
  runbooks?: Runbook[];
  /** The postmortem template, checked at start (default templates/postmortem.md.liquid). */
  postmortemTemplate?: PostmortemTemplate;
  /** Where runbook YAML files live (default templates/runbooks). */
  runbooksDir?: string;
  outboxPollMs?: number;
  schedulerPollMs?: number;
  /** How long the process handling a stored request keeps it before another replica may take it over (default 30 s). */
  inboxLeaseSeconds?: number;
  /** How often unhandled requests are looked for and replayed (default 1 s). */
  inboxReplayMs?: number;
  /** Who the bot is, when the caller already asked (main asks while the database migrates); else asked here. */
  identity?: BotIdentity;
};

/** The bot's identity from auth.test; a StartupError naming SLACK_BOT_TOKEN or SLACK_API_URL when Slack refuses or is away. */
export function slackIdentity(slack: FirebreakOptions['slack'], logger: Logger): Promise<BotIdentity> {
  const client = createSlackClient({
    token: slack.botToken,
    apiUrl: slack.apiUrl,
    logger,
    ...(slack.timeoutMs ? { timeoutMs: slack.timeoutMs } : {}),
  });
  return botIdentity(client, slack.apiUrl);
}

// With the Slack call's own timeout (10 s), a paced effect stays well inside the outbox's 60-s lease.
const postingWaitMs = 20_000;

/** Paces the outbox's message posting within `slack.post_message_per_minute`, and every other method within its Slack tier, by `slackClock`, counting waits and 429s. */
function postingPace(config: FirebreakConfig, slackClock: Clock, metrics: Metrics): PostingPace {
  return {
    pacer: new RatePacer({ perMinute: config.slack.post_message_per_minute }),
    methods: new MethodPacers(),
    clock: slackClock,
    maxWaitMs: postingWaitMs,
    onWait: (method, waitedMs, outcome) => {
      metrics.slackPacedWaits.inc({ method, outcome });
      metrics.slackPacedWaitSeconds.inc({ method }, waitedMs / 1000);
    },
    onRateLimited: (method) => metrics.slackRateLimited.inc({ method }),
  };
}

export type Firebreak = {
  slackApp: SlackApp;
  dispatcher: OutboxDispatcher;
  jobs: JobRunner;
  deps: AllServiceDeps;
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
  const runbooks = options.runbooks ?? (await loadRunbooks(config, options.runbooksDir));
  const postmortemTemplate = options.postmortemTemplate ?? (await loadPostmortemTemplate());
  const metrics = createMetrics();
  const client = createSlackClient({
    token: options.slack.botToken,
    apiUrl: options.slack.apiUrl,
    logger,
    ...(options.slack.timeoutMs ? { timeoutMs: options.slack.timeoutMs } : {}),
    // Slack's limits run on Slack's time, not on the app's clock (which tests and hand sessions move).
    ...(options.slack.pacePosting === false
      ? {}
      : { pace: postingPace(config, options.slack.requestClock ?? systemClock, metrics) }),
  });
  const identity = options.identity ?? (await botIdentity(client, options.slack.apiUrl));
  const botUserId = identity.userId;
  const acks = new AcknowledgementsFirst();

  let dispatcher: OutboxDispatcher | undefined;
  const base = {
    db: database.db,
    config,
    clock,
    effects: outboxSink(() => dispatcher?.kick()),
    runbooks,
    postmortemTemplate,
  };
  const deps: AllServiceDeps = {
    ...base,
    incidentListeners: incidentListeners(base),
    actionListeners: actionListeners(base),
  };
  dispatcher = new OutboxDispatcher({
    db: database.db,
    logger,
    pollIntervalMs: options.outboxPollMs ?? 500,
    executors: slackEffectExecutors({
      db: database.db,
      client,
      config,
      copy,
      clock,
      logger,
      botUserId,
      runbooks,
      postToResponseUrl,
      regeneratePostmortem: async (params) => void (await regeneratePostmortem(deps, params)),
    }),
    onSettled: (effect, outcome) => metrics.effects.inc({ kind: effect.kind, outcome }),
    waitForTurn: () => acks.whenQuiet(),
  });
  const jobs = new JobRunner({
    db: database.db,
    clock,
    logger,
    handlers: jobHandlers(deps),
    effects: deps.effects,
    pollIntervalMs: options.schedulerPollMs ?? 1000,
  });
  const slackApp = createSlackApp({
    botToken: options.slack.botToken,
    signingSecret: options.slack.signingSecret,
    ...(options.slack.appToken ? { appToken: options.slack.appToken } : {}),
    apiUrl: options.slack.apiUrl,
    botUserId,
    ...(identity.botId ? { botId: identity.botId } : {}),
    ...(identity.teamId ? { botTeamId: identity.teamId } : {}),
    logger,
    routes: operationalRoutes(database.db, metrics, clock, {
      severities: config.severities.map((severity) => severity.name),
      timezone: config.timezone,
    }),
    metrics,
    services: { deps, config, copy, logger },
    ackDb: database.ackDb,
    acks,
    ...(options.slack.timeoutMs ? { timeoutMs: options.slack.timeoutMs } : {}),
    ...(options.inboxLeaseSeconds ? { inboxLeaseSeconds: options.inboxLeaseSeconds } : {}),
    ...(options.inboxReplayMs ? { inboxReplayMs: options.inboxReplayMs } : {}),
    ...(options.http ? { httpTimeouts: options.http } : {}),
    ...(options.slack.requestClock ? { requestClock: options.slack.requestClock } : {}),
  });
  const activeDispatcher = dispatcher;
  return {
    slackApp,
    dispatcher: activeDispatcher,
    jobs,
    deps,
    botUserId,
    async start(port) {
      const server = await slackApp.start(port).catch((error: NodeJS.ErrnoException) => {
        if (error?.code === 'EADDRINUSE')
          throw new StartupError(`port ${port} is already in use: set PORT to a free port or stop what holds it`);
        if (error?.code === 'EACCES') throw new StartupError(`port ${port} is not allowed for this user: check PORT`);
        throw error;
      });
      activeDispatcher.start();
      activeDispatcher.kick();
      // The digest has no event to plan it from; each start makes sure the workspace's next one is due.
      if (identity.teamId) await planDigest(database.db, deps, identity.teamId);
      jobs.start();
      // Unhandled requests are replayed from now on, at once and then continuously (not only at start-up).
      slackApp.replayer.start();
      return server ? (server.address() as AddressInfo).port : port;
    },
    async stop() {
      await jobs.stop();
      await activeDispatcher.stop();
      await slackApp.stop();
    },
  };
}

export type { Server };
