/**
 * The emulator's HTTP server: routes `/api/<method>` through authentication, fault injection and rate
 * limiting to the method handlers, logs every call, and hands other paths to registered routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { argsForLog } from './args.ts';
import { SlackApiError } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import { bearerToken, parseArguments, readBody, sendJson } from './http-body.ts';
import type { MethodContext, MethodTable } from './methods/index.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { ApiCall, Clock, JsonObject } from './types.ts';

/** Handler for a non-API path prefix; `rest` is the path after the prefix. */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
  body: Buffer,
  url: URL,
) => void | Promise<void>;

/** What the server needs to answer Web API calls. */
export interface WebApiDependencies {
  methods: MethodTable;
  context: MethodContext;
  faults: FaultInjector;
  rateLimits: RateLimiter;
  clock: Clock;
  /** The only token accepted, except by app-level methods. */
  botToken: string;
  /** The only token app-level methods (`apps.connections.open`) accept. */
  appToken: string;
  /** Every call is appended here. */
  calls: ApiCall[];
  /** Other path prefixes (e.g. '/response/') and their handlers. */
  routes: Record<string, RouteHandler>;
}

interface ApiOutcome {
  status: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

const UNKNOWN_METHOD: ApiOutcome = { status: 404, body: { ok: false, error: 'unknown_method' } };

/** Methods authorised by the app-level token, which Slack takes only from the Authorization header and only by POST. */
const APP_LEVEL_METHODS: ReadonlySet<string> = new Set(['apps.connections.open']);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function performCall(
  deps: WebApiDependencies,
  method: string,
  args: JsonObject,
  token: string | undefined,
  httpMethod: string | undefined,
): ApiOutcome {
  const appLevel = APP_LEVEL_METHODS.has(method);
  if (token === undefined) return { status: 200, body: { ok: false, error: 'not_authed' } };
  if (token !== (appLevel ? deps.appToken : deps.botToken))
    return { status: 200, body: { ok: false, error: 'invalid_auth' } };
  if (appLevel && httpMethod !== 'POST') return { status: 200, body: { ok: false, error: 'insecure_request' } };
  const handler = deps.methods[method];
  if (!handler) return UNKNOWN_METHOD;
  const channelRef =
    typeof args.channel === 'string' ? args.channel : typeof args.channel_id === 'string' ? args.channel_id : undefined;
  const channelId =
    channelRef === undefined ? undefined : (deps.context.workspace.resolveChannel(channelRef)?.id ?? channelRef);
  const retryAfter = deps.rateLimits.take(method, channelId);
  if (retryAfter !== null)
    return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(retryAfter) } };
  try {
    return { status: 200, body: { ok: true, ...handler(deps.context, args) } };
  } catch (error) {
    if (error instanceof SlackApiError) return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
    console.error(`[slack-emulator] ${method} failed:`, error);
    return { status: 500, body: { ok: false, error: 'internal_error' } };
  }
}

async function handleWebApi(
  deps: WebApiDependencies,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  body: Buffer,
  url: URL,
): Promise<void> {
  const at = deps.clock();
  const log = (args: JsonObject, outcome: ApiOutcome, fault?: ApiCall['fault']): void => {
    const error = typeof outcome.body.error === 'string' ? outcome.body.error : undefined;
    deps.calls.push({
      method,
      args: argsForLog(args),
      ok: outcome.body.ok === true,
      ...(error ? { error } : {}),
      status: outcome.status,
      at,
      ...(fault ? { fault } : {}),
    });
  };
  let args: JsonObject;
  try {
    args = (await parseArguments(req.headers['content-type'], body, url.searchParams)).args;
  } catch (error) {
    const outcome = {
      status: 200,
      body: { ok: false, error: error instanceof SlackApiError ? error.code : 'invalid_form_data' },
    };
    log({}, outcome);
    return sendJson(res, outcome.status, outcome.body);
  }
  const bodyToken = typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
  const token = bearerToken(req) ?? (APP_LEVEL_METHODS.has(method) ? undefined : bodyToken);
  delete args.token;
  if (!deps.methods[method]) {
    log(args, UNKNOWN_METHOD);
    return sendJson(res, UNKNOWN_METHOD.status, UNKNOWN_METHOD.body);
  }
  const fault = deps.faults.take(method);
  if (fault?.kind === 'ratelimit') {
    const outcome = {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': String(fault.retryAfter) },
    };
    log(args, outcome, 'ratelimit');
    return sendJson(res, outcome.status, outcome.body, outcome.headers);
  }
  if (fault?.kind === 'server_error') {
    const outcome = { status: fault.status ?? 500, body: { ok: false, error: 'internal_error' } };
    log(args, outcome, 'server_error');
    return sendJson(res, outcome.status, outcome.body);
  }
  if (fault?.kind === 'refuse') {
    const outcome = { status: 200, body: { ok: false, error: fault.error } };
    log(args, outcome, 'refuse');
    return sendJson(res, outcome.status, outcome.body);
  }
  if (fault?.kind === 'hang') {
    await sleep(fault.ms);
    log(args, { status: 0, body: { ok: false } }, 'hang');
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'slow') await sleep(fault.ms);
  const outcome = performCall(deps, method, args, token, req.method);
  if (fault?.kind === 'lost') {
    log(args, { ...outcome, status: 0 }, 'lost');
    req.socket.destroy();
    return;
  }
  log(args, outcome, fault?.kind);
  sendJson(res, outcome.status, outcome.body, outcome.headers);
}

async function route(deps: WebApiDependencies, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const body = await readBody(req);
  if (url.pathname.startsWith('/api/')) {
    return handleWebApi(deps, req, res, decodeURIComponent(url.pathname.slice('/api/'.length)), body, url);
  }
  for (const [prefix, handler] of Object.entries(deps.routes)) {
    if (url.pathname.startsWith(prefix))
      return handler(req, res, decodeURIComponent(url.pathname.slice(prefix.length)), body, url);
  }
  sendJson(res, 404, { ok: false, error: 'not_found' });
}

/** The request listener serving the Web API and the registered routes. */
export function createRequestListener(deps: WebApiDependencies): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      console.error('[slack-emulator] request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  };
}

/** Starts an HTTP server (without request listener yet) on 127.0.0.1:`port` (0 = random). */
export async function listenOnLocalhost(port: number): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the server and any open connections. */
export async function stopHttpServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
