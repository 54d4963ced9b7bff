import type { Effect } from '../platform/effects.ts';

/** One Slack effect waiting in (or taken from) the outbox. */
export type OutboxEffect = {
  id: number;
  teamId: string;
  stream: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** An earlier attempt may have reached Slack: the executor must check before repeating it. */
  uncertain: boolean;
};

/** An effect to queue: the typed union of every kind (see platform/effects.ts). */
export type NewOutboxEffect = Effect;

/** Slack refused for now (rate limit, outage, timeout): try again after a delay. */
export class RetryableEffectError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; uncertain: boolean },
  ) {
    super(message);
    this.name = 'RetryableEffectError';
  }
}

/** Trying again cannot help (bad arguments, missing channel): the effect is set aside as dead. */
export class PermanentEffectError extends Error {
  override name = 'PermanentEffectError';
}

/** Performs one effect; the returned object is kept as the effect's result. */
export type EffectExecutor = (effect: OutboxEffect) => Promise<Record<string, unknown> | undefined>;

/**
 * The longest wait between tries of an effect Slack could not take (5xx, timeout, unreachable). Such an
 * effect is retried for as long as Slack is away, so this is also how late, at most, the first try after
 * Slack's return comes: kept well under the minute within which everything decided meanwhile must arrive,
 * which also has to hold a call hung until its 10-s timeout and a channel's posts at one a second.
 */
export const slackAwayBackoffCapMs = 15_000;

/** The longest wait between tries of an effect that failed for a reason of its own (given up after {@link maxAttempts}). */
export const unknownFailureBackoffCapMs = 300_000;

/** Delay before attempt n+1 after n failures: 1 s, 2 s, 4 s … capped at `capMs` (default 5 minutes). */
export function backoffMs(failedAttempts: number, capMs = unknownFailureBackoffCapMs): number {
  return Math.min(capMs, 1000 * 2 ** Math.max(0, failedAttempts - 1));
}

export const maxAttempts = 12;
