import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, type CustomRoute, HTTPReceiver, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { AcknowledgementsFirst } from '../platform/acknowledgements-first.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Metrics } from '../platform/metrics.ts';
import { slackLoggerAdapter } from './client.ts';
import { InboxGate } from './inbox-gate.ts';
import { InboxReplayer } from './inbox-replayer.ts';
import { ListenerRouter } from './listener-router.ts';
import { registerListeners } from './listeners/index.ts';
import { answerProcessEventError } from './process-event-error.ts';
import { countSocketRequest, tallyProperties } from './request-metrics.ts';
import type { SlackServices } from './services.ts';
import { ignoreUnknownRequests } from './unknown-requests.ts';
import { createVerifiedServer, type HttpTimeouts } from './verified-server.ts';

export type SlackAppOptions = {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl: string;
  botUserId: string;
  botId?: string;
  /** The bot token's workspace (auth.test); requests from any other are refused before they are stored. */
  botTeamId?: string;
  logger: Logger;
  routes: CustomRoute[];
  services: SlackServices;
  /** Where incoming requests are stored before they are acknowledged. */
  ackDb?: Db;
  /** Requests waiting for their acknowledgement (work that can wait lets them go first). */
  acks?: AcknowledgementsFirst;
  timeoutMs?: number;
  /** How long the process handling a stored request keeps it before another may take it over (default 30 s). */
  inboxLeaseSeconds?: number;
  /** How often unhandled requests are looked for and replayed (default 1 s). */
  inboxReplayMs?: number;
  /** Header and whole-request timeouts of the HTTP server (defaultHttpTimeouts when unset). */
  httpTimeouts?: HttpTimeouts;
  /** Where requests from Slack (over HTTP or the socket) are counted and their acknowledgements timed. */
  metrics?: Metrics;
  /** What request timestamps are checked against (default the system time). */
  requestClock?: Clock;
};

export type SlackApp = {
  app: InstanceType<typeof App>;
  gate: InboxGate;
  replayer: InboxReplayer;
  start(port: number): Promise<Server | undefined>;
  stop(): Promise<void>;
};

const eventsEndpoint = '/slack/events';

/** Builds the Bolt app: HTTP at POST /slack/events (Socket Mode when an app token is given), with the inbox in front. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = slackLoggerAdapter(options.logger);
  const clientOptions = {
    slackApiUrl: options.apiUrl,
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  // Bolt's SocketModeReceiver would serve custom routes on installerOptions.port (3000) whatever port
  // start() is given, and cannot report the port: in Socket Mode they get a server of their own (start()).
  const socketMode = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } as never })
    : undefined;
  const receiver =
    socketMode ??
    new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: eventsEndpoint,
      customRoutes: options.routes,
      logger,
      unhandledRequestTimeoutMillis: 3001,
      processEventErrorHandler: (args) => answerProcessEventError(args, options.logger),
      // Checked before the receiver sees the request, by createVerifiedServer.
      signatureVerification: false,
      customPropertiesExtractor: tallyProperties,
    });
  const app = new App({
    token: options.botToken,
    botUserId: options.botUserId,
    ...(options.botId ? { botId: options.botId } : {}),
    receiver,
    logger,
    clientOptions,
    // Identity comes from auth.test at start-up; skip Bolt's own lazy check.
    tokenVerificationEnabled: false,
    // Bolt's in-memory conversation store runs on every request and nothing here reads it.
    convoStore: false,
  });
  app.error(async (error) => {
    throw error;
  });
  const gate = new InboxGate({
    app,
    db: options.services.deps.db,
    ...(options.ackDb ? { ackDb: options.ackDb } : {}),
    logger: options.logger,
    copy: options.services.copy,
    ...(options.botTeamId ? { botTeamId: options.botTeamId } : {}),
    ...(options.acks ? { acks: options.acks } : {}),
    ...(options.inboxLeaseSeconds ? { leaseSeconds: options.inboxLeaseSeconds } : {}),
  });
  const replayer = new InboxReplayer(gate, options.logger, options.inboxReplayMs);
  // Receivers hand every request to processEvent; put the inbox in front of the app.
  receiver.init({
    processEvent: (event: ReceiverEvent) =>
      // Over HTTP the verified server counts each request; on the socket there is no server, so it is counted here.
      socketMode && options.metrics
        ? countSocketRequest(event, options.metrics, (counted) => gate.processEvent(counted))
        : gate.processEvent(event),
  } as never);
  const router = new ListenerRouter();
  registerListeners(router.asApp(), options.services);
  let server: Server | undefined;
  router.attachTo(app, ignoreUnknownRequests(options.logger, options.services.copy));
  return {
    app,
    gate,
    replayer,
    async start(port) {
      const { requestClock } = options;
      server = socketMode
        ? createRoutesServer(options.routes)
        : createVerifiedServer({
            receiver: receiver as HTTPReceiver,
            signingSecret: options.signingSecret,
            endpoint: eventsEndpoint,
            logger: options.logger,
            ...(options.metrics ? { metrics: options.metrics } : {}),
            ...(options.httpTimeouts ? { timeouts: options.httpTimeouts } : {}),
            ...(requestClock ? { now: () => requestClock.now().getTime() } : {}),
          });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, () => resolve());
      });
      if (socketMode) {
        try {
          // Opens the socket; resolves once Slack's hello arrives on it.
          await app.start();
        } catch (error) {
          server = undefined;
          await new Promise<void>((resolve) => listening.close(() => resolve()));
          throw error;
        }
      }
      return listening;
    },
    async stop() {
      await replayer.stop();
      // Bolt's receiver.stop() does not wait for the socket to close; the client's disconnect() does.
      if (socketMode) await socketMode.client.disconnect();
      const closing = server;
      server = undefined;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Serves the custom routes (exact paths, as operationalRoutes declares them) and answers 404 to anything else. */
function createRoutesServer(routes: CustomRoute[]): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (candidate) =>
        candidate.path === path && [candidate.method].flat().some((method) => method.toUpperCase() === req.method),
    );
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(Object.assign(req, { params: {} }), res);
  });
}
