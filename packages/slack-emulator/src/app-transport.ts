/**
 * Sending requests to the app as Slack does: signed with the signing secret, with Slack's 3-second
 * deadline (after which Slack gives up and the user sees an error).
 */
import { signSlackRequest } from './signing.ts';
import type { Clock } from './types.ts';

/** The app's HTTP answer to a request the emulator sent (as Slack would see it). */
export interface AppResponse {
  status: number;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: any;
  /** True when the app did not answer within the deadline (status is then 0). */
  timedOut?: boolean;
  /** Real time the app took to answer, in ms. */
  ms: number;
}

/** Options to send deliberately wrong requests (signature tests) or change the deadline. */
export interface SendOptions {
  /** Sign with this secret instead of the emulator's. */
  signingSecret?: string;
  /** Use this `X-Slack-Request-Timestamp` (unix seconds) instead of the clock's. */
  timestamp?: number;
  /** Change the raw body after signing (the signature no longer matches). */
  tamper?: (raw: string) => string;
  /** Send no signature headers at all. */
  omitHeaders?: boolean;
  /** Give up after this many ms (default: the emulator's ackTimeoutMs, 3000 like Slack). */
  deadlineMs?: number;
}

/** A request to send to the app. */
export interface AppRequest {
  url: string;
  rawBody: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** Signs and POSTs `request`, returning the app's response (or `timedOut`). */
export async function sendSignedRequest(
  request: AppRequest,
  signing: { signingSecret: string; clock: Clock; deadlineMs: number },
  opts: SendOptions = {},
): Promise<AppResponse> {
  const timestamp = opts.timestamp ?? Math.floor(signing.clock() / 1000);
  const signature = signSlackRequest(opts.signingSecret ?? signing.signingSecret, timestamp, request.rawBody);
  const body = opts.tamper ? opts.tamper(request.rawBody) : request.rawBody;
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...request.headers,
  };
  if (!opts.omitHeaders) {
    headers['x-slack-signature'] = signature;
    headers['x-slack-request-timestamp'] = String(timestamp);
  }
  const started = performance.now();
  const deadline = opts.deadlineMs ?? signing.deadlineMs;
  try {
    const response = await fetch(request.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(deadline) });
    const text = await response.text();
    const result: AppResponse = { status: response.status, body: text, ms: Math.round(performance.now() - started) };
    if (text.trim() !== '') {
      try {
        result.json = JSON.parse(text);
      } catch {
        // not JSON: keep the text only
      }
    }
    return result;
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { status: 0, body: '', timedOut: true, ms: Math.round(performance.now() - started) };
    }
    throw error;
  }
}
