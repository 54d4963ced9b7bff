import http from 'node:http';
import type { SignedRequest } from './slack-requests.ts';

/** Where requests go: an HTTP server on this machine. */
export type Endpoint = { host: string; port: number; path: string };

/** Judges a response that came back: a problem description, or undefined when it is what the target should answer. */
export type ResponseCheck = (status: number, body: string) => string | undefined;

/**
 * A keep-alive agent with one socket per in-flight request. Reuse it across batches to one target (and
 * open its sockets first, see {@link openConnections}) so timings do not include TCP connection set-up;
 * `destroy()` it when done.
 */
export function keepAliveAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** Options of {@link fireRequests}. */
export type LoadOptions = {
  agent: http.Agent;
  endpoint: Endpoint;
  /** Sent in order, `concurrency` at a time; build them before firing so signing costs nothing here. */
  requests: readonly SignedRequest[];
  concurrency: number;
  /** A request with no complete response by then is aborted and counted as an error (default 10 s). */
  timeoutMs?: number;
  /** Default: anything but HTTP 200 is an error. */
  check?: ResponseCheck;
  /** Called right before request `index` is sent (in index order), e.g. to note when each one left. */
  onSend?(index: number): void;
};

/** What one batch of requests measured. */
export type LoadResult = {
  /** Send → response end, in ms, for every request (failed ones too, so errors cannot hide slowness). */
  latenciesMs: number[];
  /** Failed requests by reason ("HTTP 404", "ECONNRESET", "timeout", or the check's description). */
  errors: Record<string, number>;
  /** The first few failures, with what came back, for the report. */
  errorSamples: string[];
  /** Wall time of the whole batch, in ms. */
  wallMs: number;
};

const maxErrorSamples = 5;

/** HTTP 200 is success; anything else is an error. */
export const expectHttp200: ResponseCheck = (status) => (status === 200 ? undefined : `HTTP ${status}`);

/** What a good answer looks like, in a form that crosses threads: HTTP 200, and a body containing `bodyIncludes`. */
export type ResponseExpectation = { bodyIncludes?: string };

/** The check for an expectation. */
export function checkResponse(expect: ResponseExpectation): ResponseCheck {
  const marker = expect.bodyIncludes;
  return (status, body) => {
    if (status !== 200) return `HTTP ${status}`;
    if (marker !== undefined && !body.includes(marker)) return `HTTP 200 without "${marker}"`;
    return undefined;
  };
}

/** Sends `requests` as signed POSTs with a fixed number in flight and times each from send to the end of its response. */
export async function fireRequests(options: LoadOptions): Promise<LoadResult> {
  const { agent } = options;
  const check = options.check ?? expectHttp200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const latenciesMs: number[] = new Array(options.requests.length);
  const errors: Record<string, number> = {};
  const errorSamples: string[] = [];
  const fail = (reason: string, detail: string) => {
    errors[reason] = (errors[reason] ?? 0) + 1;
    if (errorSamples.length < maxErrorSamples) errorSamples.push(detail);
  };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const request = options.requests[index];
      if (!request) return;
      options.onSend?.(index);
      const outcome = await sendOne(agent, options.endpoint, request, timeoutMs);
      latenciesMs[index] = outcome.latencyMs;
      if (outcome.kind === 'failed') fail(outcome.reason, `${outcome.reason} after ${outcome.latencyMs.toFixed(0)} ms`);
      else {
        const problem = check(outcome.status, outcome.body);
        if (problem) fail(problem, `${problem}, body: ${JSON.stringify(outcome.body.slice(0, 200))}`);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.requests.length) }, worker));
  return { latenciesMs, errors, errorSamples, wallMs: nanosToMs(process.hrtime.bigint() - started) };
}

type Outcome =
  | { kind: 'response'; status: number; body: string; latencyMs: number }
  | { kind: 'failed'; reason: string; latencyMs: number };

function sendOne(agent: http.Agent, endpoint: Endpoint, request: SignedRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsed = () => nanosToMs(process.hrtime.bigint() - started);
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = http.request(
      {
        agent,
        host: endpoint.host,
        port: endpoint.port,
        path: endpoint.path,
        method: 'POST',
        headers: request.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          settle({
            kind: 'response',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            latencyMs: elapsed(),
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          settle({ kind: 'failed', reason: error.code ?? error.message, latencyMs: elapsed() }),
        );
      },
    );
    const timer = setTimeout(() => {
      settle({ kind: 'failed', reason: 'timeout', latencyMs: elapsed() });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      settle({ kind: 'failed', reason: error.code ?? error.message, latencyMs: elapsed() }),
    );
    req.end(request.body);
  });
}

function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}

/** Latency summary of a set of samples, in ms. */
export type LatencySummary = { n: number; p50: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile (0 < p ≤ 100) of samples sorted ascending. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedMs.length);
  return sortedMs[Math.min(sortedMs.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** p50, p99, max and mean of latency samples. */
export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean,
  };
}

/** Adds the failures of `from` into `into` (for combining rounds). */
export function mergeErrors(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [reason, count] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + count;
  return into;
}
