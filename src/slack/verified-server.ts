import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPModuleFunctions, type HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { checkSlackSignature } from './request-signature.ts';

/** Slack's own limit for a request body is far below this; Bolt's default. */
const bodyLimitBytes = HTTPModuleFunctions.defaultBodyLimit;

/**
 * The HTTP server in front of Bolt's receiver (which runs with its own signature check off): it reads
 * each request to the events endpoint, checks Slack's signature (see checkSlackSignature) and answers
 * 401 without going further when it does not hold; otherwise Bolt's receiver takes the request, its
 * body already read, and does everything else (routes, ssl_check, url_verification, acknowledgements).
 */
export function createVerifiedServer(options: { receiver: HTTPReceiver; signingSecret: string; endpoint: string; logger: Logger; now?: () => number }): Server {
  const { receiver, logger } = options;
  const now = options.now ?? Date.now;
  const handOver = (req: IncomingMessage, res: ServerResponse) => {
    try {
      receiver.requestListener(req, res);
    } catch (error) {
      HTTPModuleFunctions.defaultDispatchErrorHandler({ error: error as never, logger: logger as never, request: req, response: res });
    }
  };
  return createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== options.endpoint) return handOver(req, res);
    void readBody(req).then(
      (body) => {
        const check = checkSlackSignature({ signingSecret: options.signingSecret, headers: req.headers, body, nowMs: now() });
        if (!check.ok) {
          logger.warn({ reason: check.reason }, 'request refused: Slack signature does not hold');
          res.writeHead(401).end();
          return;
        }
        // Bolt's receiver reuses a body already read (`rawBody`) instead of reading the stream again.
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = check.body;
        handOver(req, res);
      },
      (error: Error & { status?: number }) => {
        logger.warn({ err: error }, 'request refused: body could not be read');
        res.writeHead(error.status === 413 ? 413 : 400).end();
      },
    );
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep reading (so the answer can still be sent) but keep nothing.
      if (size <= bodyLimitBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > bodyLimitBytes) reject(Object.assign(new Error(`request body over ${bodyLimitBytes} bytes`), { status: 413 }));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
