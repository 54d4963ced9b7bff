import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Metrics } from '../platform/metrics.ts';
import { countSlackRequest, requestKindOf } from './request-metrics.ts';
import { checkSlackSignature } from './request-signature.ts';
import { checkSlackBodyShape } from './slack-body.ts';

/**
 * Bolt's own default (4 MiB). Slack documents no maximum; its largest requests are a `message_changed`
 * event (40,000-character text, as blocks too, for the message and its previous version, with non-ASCII
 * sent as `\uXXXX` escapes: about 2 MB at worst) and a 100-block modal submission (state values up to
 * 3,000 characters each, form-encoded). 4 MiB stays comfortably above both, so nothing Bolt would take
 * is refused, while a body past it is refused as soon as it is announced or streamed, unread and unsigned.
 */
export const bodyLimitBytes = HTTPModuleFunctions.defaultBodyLimit;

/** How long a client may take to send its headers, and its whole request; past either it gets 408. */
export type HttpTimeouts = { headersTimeoutMs: number; requestTimeoutMs: number };

export const defaultHttpTimeouts: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 };

type BodyError = Error & { status: 413 | 400 };

/**
 * The HTTP server in front of Bolt's receiver (which runs with its own signature check off): it reads
 * each request to the events endpoint, checks Slack's signature (see checkSlackSignature) and answers
 * 401 without going further when it does not hold; it answers 413 to a body over bodyLimitBytes before
 * reading it, 400 to a signed body that is not a JSON object, and 408 (Node's own) to a client slower
 * than `timeouts`; otherwise Bolt's receiver takes the request, its body already read, and does
 * everything else (routes, ssl_check, url_verification, acknowledgements).
 */
export function createVerifiedServer(options: {
  receiver: HTTPReceiver;
  signingSecret: string;
  endpoint: string;
  logger: Logger;
  timeouts?: HttpTimeouts;
  now?: () => number;
  /** Where requests to the endpoint are counted and their acknowledgements timed. */
  metrics?: Metrics;
}): Server {
  const { receiver, logger } = options;
  const now = options.now ?? Date.now;
  const timeouts = options.timeouts ?? defaultHttpTimeouts;
  const handOver = (req: IncomingMessage, res: ServerResponse) => {
    try {
      receiver.requestListener(req, res);
    } catch (error) {
      HTTPModuleFunctions.defaultDispatchErrorHandler({
        error: error as never,
        logger: logger as never,
        request: req,
        response: res,
      });
    }
  };
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    // The client may still be sending: close the connection rather than read the rest for keep-alive.
    if (!res.headersSent && !res.destroyed)
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${reason}\n`);
  };
  return createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // Node checks both timeouts on this interval (30 s by default), which would let a slow client run well past them.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1000, Math.floor(Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs) / 4)),
      ),
    },
    (req, res) => {
      if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== options.endpoint) return handOver(req, res);
      const tally = options.metrics ? countSlackRequest(req, res, options.metrics) : undefined;
      const declared = Number(req.headers['content-length']);
      if (declared > bodyLimitBytes) {
        logger.warn({ contentLength: declared }, 'request refused: body over the size limit');
        return refuse(res, 413, `request body over ${bodyLimitBytes} bytes`);
      }
      void readBody(req).then(
        (body) => {
          const check = checkSlackSignature({
            signingSecret: options.signingSecret,
            headers: req.headers,
            body,
            nowMs: now(),
          });
          if (!check.ok) {
            logger.warn({ reason: check.reason }, 'request refused: Slack signature does not hold');
            res.writeHead(401).end();
            return;
          }
          const shape = checkSlackBodyShape(check.body, req.headers['content-type']);
          if (tally && shape.ok) tally.kind = requestKindOf(shape.parsed);
          if (!shape.ok) {
            logger.warn({ reason: shape.reason }, 'request refused: signed body is not a Slack request');
            return refuse(res, 400, shape.reason);
          }
          // Bolt's receiver reuses a body already read (`rawBody`) instead of reading the stream again.
          (req as IncomingMessage & { rawBody: Buffer }).rawBody = check.body;
          handOver(req, res);
        },
        (error: BodyError) => {
          logger.warn({ err: error }, 'request refused: body could not be read');
          refuse(res, error.status, error.message);
        },
      );
    },
  );
}

/** The body, or a 413 error as soon as more than bodyLimitBytes have arrived (the rest is never read). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: BodyError) => {
      req.removeAllListeners('data');
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bodyLimitBytes) chunks.push(chunk);
      else fail(Object.assign(new Error(`request body over ${bodyLimitBytes} bytes`), { status: 413 as const }));
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // A client gone (or cut off by a timeout) before the end: nothing to answer, but settle.
    req.on('close', () => {
      if (!req.complete)
        fail(Object.assign(new Error('client closed the request before its end'), { status: 400 as const }));
    });
    req.on('error', (error) => fail(Object.assign(error, { status: 400 as const })));
  });
}
