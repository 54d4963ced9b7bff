import type { Db, Tx } from './db.ts';
import type { Effect, EffectSink } from './effects.ts';

/** What a unit of work queues its Slack effects on; they are written in its transaction. */
export type EffectQueue = {
  add(...effects: Effect[]): void;
  /** Queues an effect that reads current state when it runs: while one waits untried in its stream, this one rides on it. */
  coalesce(effect: Effect): void;
};

export type TransactionDeps = { db: Db; effects: EffectSink };

/**
 * Runs `work` in one transaction and writes the effects it queued in that same transaction, so they
 * exist exactly when the change does (a crash after commit loses none; a rollback sends none). Once
 * committed, the dispatcher is woken so the effects go out at once.
 */
export async function inTransaction<T>(
  deps: TransactionDeps,
  work: (tx: Tx, effects: EffectQueue) => Promise<T>,
): Promise<T> {
  const queued: Array<{ effect: Effect; coalesce: boolean }> = [];
  const effects: EffectQueue = {
    add: (...added) => queued.push(...added.map((effect) => ({ effect, coalesce: false }))),
    coalesce: (effect) => queued.push({ effect, coalesce: true }),
  };
  const result = await deps.db.transaction(async (tx) => {
    const value = await work(tx, effects);
    if (queued.length > 0) await deps.effects.write(tx, queued);
    return value;
  });
  if (queued.length > 0) deps.effects.written();
  return result;
}
