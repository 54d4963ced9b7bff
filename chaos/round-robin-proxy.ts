import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A load balancer in front of several Firebreak replicas, as small as it can be and still be one. */
export type RoundRobinProxy = {
  /** http://127.0.0.1:<port> of the proxy; append the path (e.g. /slack/events). */
  url: string;
  /** Requests forwarded to each target so far, in target order. */
  forwarded(): number[];
  close(): Promise<void>;
};

/**
 * Listens on a free port and forwards each request — method, path, headers and body bytes unchanged — to the next
 * target in turn (A, B, A, …), streaming the answer back. A target that cannot be reached gets a 502, as a load
 * balancer answers; the proxy never retries, so what Slack sends is exactly what the replicas see.
 */
export async function startRoundRobinProxy(
  targetPorts: number[],
  /** Told which target (index into `targetPorts`) got each request, with its body once read in full. */
  observe?: (target: number, body: Buffer) => void,
): Promise<RoundRobinProxy> {
  if (targetPorts.length === 0) throw new Error('startRoundRobinProxy: give at least one target port');
  const counts = targetPorts.map(() => 0);
  let next = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const index = next;
    next = (next + 1) % targetPorts.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: targetPorts[index],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
    // The caller gave up (Slack's 3 s): cut the upstream request too, as a load balancer does.
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) upstream.destroy();
    });
    if (observe) {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => observe(index, Buffer.concat(chunks)));
    }
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
