import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@firebreak/slack-emulator';
import bolt from '@slack/bolt';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createFirebreak, type Firebreak } from '../src/app/index.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { countInFlightInbox } from '../src/inbox/index.ts';
import { countOpenEffects, outboxStats } from '../src/outbox/index.ts';
import { type Database, queryRows } from '../src/platform/db.ts';
import type { Endpoint } from './load.ts';

const { App, HTTPReceiver } = bolt;

/** A server the bench sends signed Slack requests to. */
export type Target = {
  /** 'firebreak' or 'bare-bolt' in the report. */
  name: string;
  endpoint: Endpoint;
  stop(): Promise<void>;
};

/** Text of every bare-Bolt acknowledgement (the bench checks responses for it). */
export const bareBoltAckText = 'help…';

/** How long waiting for the outbox took, and what was left when it stopped waiting. */
export type OutboxDrain = { ms: number; open: number; timedOut: boolean };

/** Firebreak as `npm start` wires it, plus what the bench needs to look inside. */
export type FirebreakTarget = Target & {
  app: Firebreak;
  /** Waits until no Slack effect is pending or running (or `timeoutMs` passes). */
  drainOutbox(timeoutMs: number): Promise<OutboxDrain>;
  /** Counts for the sanity check after declares. */
  stats(): Promise<{
    incidents: number;
    incidentsWithChannel: number;
    deadEffects: number;
    doneEffects: number;
    inboxUnhandled: number;
  }>;
};

/** What a scenario may change in the Firebreak it starts for itself (the shared one takes the defaults). */
export type FirebreakTargetOptions = {
  /** `slack.post_message_per_minute`: what the outbox paces chat.postMessage to (default: the config's, 100). */
  postMessagePerMinute?: number;
  /** How often due scheduled jobs are looked for (default 1 s, as `npm start`). */
  schedulerPollMs?: number;
  /**
   * Pace message posting as against Slack (default false: the shared emulator enforces no limits, and
   * Slack's 1 message/s per channel would make every announcement wait its turn in #incidents).
   */
  pacePosting?: boolean;
};

/** Starts Firebreak on a free port against the emulator's Web API, logging nothing, outbox polled every 100 ms. */
export async function startFirebreak(
  emulator: Pick<Emulator, 'botToken' | 'signingSecret' | 'apiUrl'>,
  database: Database,
  options: FirebreakTargetOptions = {},
): Promise<FirebreakTarget> {
  const config = await loadConfig(undefined);
  const app = await createFirebreak({
    database,
    config:
      options.postMessagePerMinute === undefined
        ? config
        : { ...config, slack: { ...config.slack, post_message_per_minute: options.postMessagePerMinute } },
    logger: pino({ level: 'silent' }),
    slack: {
      botToken: emulator.botToken,
      signingSecret: emulator.signingSecret,
      apiUrl: emulator.apiUrl,
      pacePosting: options.pacePosting ?? options.postMessagePerMinute !== undefined,
    },
    outboxPollMs: 100,
    ...(options.schedulerPollMs ? { schedulerPollMs: options.schedulerPollMs } : {}),
  });
  const port = await app.start(0);
  return {
    name: 'firebreak',
    app,
    endpoint: { host: '127.0.0.1', port, path: '/slack/events' },
    stop: () => app.stop(),
    async drainOutbox(timeoutMs) {
      const started = Date.now();
      // Done means every request handled (work after an ack may still be waiting its turn, and can
      // queue effects when it runs) and every effect performed.
      const openWork = async () => (await countOpenEffects(database.db)) + (await countInFlightInbox(database.db));
      for (;;) {
        const open = await openWork();
        if (open === 0) {
          await app.dispatcher.idle();
          if ((await openWork()) === 0) return { ms: Date.now() - started, open: 0, timedOut: false };
        }
        if (Date.now() - started > timeoutMs) return { ms: Date.now() - started, open, timedOut: true };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stats() {
      const [counts] = await queryRows<{
        incidents: number;
        with_channel: number;
        inbox_unhandled: number;
        done: number;
      }>(
        database.db,
        sql`SELECT
              (SELECT count(*)::int FROM incidents) AS incidents,
              (SELECT count(*)::int FROM incidents WHERE channel_id IS NOT NULL) AS with_channel,
              (SELECT count(*)::int FROM inbox WHERE handled_at IS NULL) AS inbox_unhandled,
              (SELECT count(*)::int FROM outbox WHERE status = 'done') AS done`,
      );
      const outbox = await outboxStats(database.db);
      return {
        incidents: counts?.incidents ?? 0,
        incidentsWithChannel: counts?.with_channel ?? 0,
        deadEffects: outbox.dead,
        doneEffects: counts?.done ?? 0,
        inboxUnhandled: counts?.inbox_unhandled ?? 0,
      };
    },
  };
}

/** The baseline: a bare Bolt app on a free port that acks every `/incident` at once and does nothing else. */
export async function startBareBolt(emulator: Emulator): Promise<Target> {
  const signingSecret = emulator.signingSecret;
  const app = new App({
    token: emulator.botToken,
    signingSecret,
    receiver: new HTTPReceiver({ signingSecret, endpoints: '/slack/events' }),
    tokenVerificationEnabled: false,
    botUserId: emulator.botUserId,
    // Without botId, Bolt 5.1 (tokenVerificationEnabled: false) calls auth.test on *every* request,
    // which would make the baseline measure a Web API round trip instead of a bare ack.
    botId: emulator.botId,
    clientOptions: { slackApiUrl: emulator.apiUrl },
    // Firebreak turns Bolt's per-request conversation store off; so does the baseline, so that the ratio
    // measures what Firebreak adds and not a Bolt default it does not use.
    convoStore: false,
  });
  app.command('/incident', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: bareBoltAckText });
  });
  const server = (await app.start(0)) as Server;
  return {
    name: 'bare-bolt',
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/slack/events' },
    stop: () => app.stop() as Promise<void>,
  };
}
