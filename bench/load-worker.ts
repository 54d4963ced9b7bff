/**
 * The load generator's thread (see load-thread.ts): keeps one keep-alive agent per name and runs the
 * batches the main thread asks for, so signing, sending and reading responses never take turns with the
 * app on the main thread's event loop.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { checkResponse, fireRequests, keepAliveAgent } from './load.ts';
import type { LoadCommand } from './load-thread.ts';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread (started by load-thread.ts)');
const agents = new Map<string, http.Agent>();

port.on('message', async (command: LoadCommand) => {
  try {
    if (command.op === 'destroy') {
      agents.get(command.agent)?.destroy();
      agents.delete(command.agent);
      port.postMessage({ id: command.id });
      return;
    }
    let agent = agents.get(command.agent);
    if (!agent) {
      agent = keepAliveAgent(command.concurrency);
      agents.set(command.agent, agent);
    }
    const sentAt = command.sentAt ? new Float64Array(command.sentAt) : undefined;
    // Send times in the main thread's clock: both threads' origins are on the same wall clock.
    const originShift = performance.timeOrigin - (command.mainTimeOrigin ?? performance.timeOrigin);
    const result = await fireRequests({
      agent,
      endpoint: command.endpoint,
      requests: command.requests.map((request) => ({ body: Buffer.from(request.body), headers: request.headers })),
      concurrency: command.concurrency,
      ...(command.timeoutMs ? { timeoutMs: command.timeoutMs } : {}),
      check: checkResponse(command.expect ?? {}),
      ...(sentAt ? { onSend: (index: number) => (sentAt[index] = performance.now() + originShift) } : {}),
    });
    port.postMessage({ id: command.id, result });
  } catch (error) {
    port.postMessage({ id: command.id, error: error instanceof Error ? error.message : String(error) });
  }
});
