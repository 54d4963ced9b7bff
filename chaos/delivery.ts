import type { SignedRequest } from '../bench/slack-requests.ts';

/** How long Slack waits for an answer before it counts a delivery as failed (and retries). */
export const slackTimeoutMs = 3000;

/** What Slack learnt from one delivery: a status, or nothing (refused, reset, timed out). */
export type DeliveryOutcome = { status: number } | { status: undefined; error: string };

/** Slack's retry headers: `x-slack-retry-num` 1…3 and why it retried. */
export function retryHeaders(retryNum: number, reason = 'http_error'): Record<string, string> {
  return { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': reason };
}

/** POSTs one signed request to `url` and reports what came back within Slack's 3 s; never throws. */
export async function deliver(
  url: string,
  request: SignedRequest,
  extraHeaders: Record<string, string> = {},
): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...request.headers, ...extraHeaders },
      body: request.body,
      signal: AbortSignal.timeout(slackTimeoutMs),
    });
    // The body is read so the connection goes back to the pool.
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: undefined, error: cause ?? (error as Error).name };
  }
}

/** Runs `work(i)` for i in 0…n-1 with at most `concurrency` in flight. */
export async function inParallel(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}
