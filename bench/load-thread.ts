import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Endpoint, LoadResult, ResponseExpectation } from './load.ts';
import type { SignedRequest } from './slack-requests.ts';

/** A batch for the load thread: what {@link fireRequests} takes, in a form that crosses threads. */
export type FireOptions = {
  /** Which keep-alive agent (one per target): reused across batches, so connections stay open. */
  agent: string;
  endpoint: Endpoint;
  requests: readonly SignedRequest[];
  concurrency: number;
  timeoutMs?: number;
  /** Default: HTTP 200 with any body. */
  expect?: ResponseExpectation;
  /** Filled with each request's send time (`performance.now()` of this thread) as it leaves. */
  sentAtMs?: Float64Array<SharedArrayBuffer>;
};

export type LoadCommand =
  | ({ id: number; op: 'fire'; sentAt?: SharedArrayBuffer; mainTimeOrigin?: number } & Omit<FireOptions, 'sentAtMs'>)
  | { id: number; op: 'destroy'; agent: string };

type Reply = { id: number; result?: LoadResult; error?: string };

/**
 * Sends the bench's HTTP load from a worker thread. Slack is not in the app's process: a load generator
 * on the main thread would take turns with the app on one event loop and add its own CPU time to every
 * latency measured (a third of the loop at 4,000 requests/s). Timings are taken in the worker.
 */
export class LoadThread {
  private readonly worker = new Worker(new URL('./load-worker.mjs', import.meta.url));
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void }>();
  private nextId = 0;

  constructor() {
    this.worker.on('message', (reply: Reply) => {
      this.waiting.get(reply.id)?.resolve(reply);
      this.waiting.delete(reply.id);
    });
    this.worker.on('error', (error) => {
      for (const { resolve } of this.waiting.values())
        resolve({ id: -1, error: `load thread crashed: ${error.message}` });
      this.waiting.clear();
    });
  }

  /** Sends the requests with `concurrency` in flight and times each (see fireRequests in load.ts). */
  async fire(options: FireOptions): Promise<LoadResult> {
    const { sentAtMs, ...rest } = options;
    const reply = await this.call({
      op: 'fire',
      ...rest,
      ...(sentAtMs ? { sentAt: sentAtMs.buffer, mainTimeOrigin: performance.timeOrigin } : {}),
    });
    if (!reply.result) throw new Error(reply.error ?? 'load thread sent no result');
    return reply.result;
  }

  /** Closes an agent's connections. */
  async destroyAgent(agent: string): Promise<void> {
    await this.call({ op: 'destroy', agent });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private call(command: Omit<LoadCommand, 'id'> & { op: LoadCommand['op'] }): Promise<Reply> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      this.worker.postMessage({ ...command, id });
    });
  }
}
