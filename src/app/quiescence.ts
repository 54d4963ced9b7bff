import { countInFlightInbox } from '../inbox/index.ts';
import { countOpenEffects } from '../outbox/index.ts';
import type { Db } from '../platform/db.ts';

/** Resolves once no request is being handled and no Slack effect is waiting (demos and tests). */
export async function waitUntilQuiet(
  db: Db,
  options: { timeoutMs?: number; drained?: () => Promise<void> } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const started = Date.now();
  const busy = async () => (await countInFlightInbox(db)) + (await countOpenEffects(db));
  for (;;) {
    const open = await busy();
    if (open === 0) {
      await options.drained?.();
      if ((await busy()) === 0) return;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${open} requests or Slack effects still open after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
