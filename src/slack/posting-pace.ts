/**
 * Message posting paced within Slack's limits (chat.postMessage and chat.postEphemeral: about 1 per
 * second per channel, and a per-minute cap per workspace), and, with `methods`, every other method
 * within its tier, so a burst of effects waits its turn here instead of meeting 429s. The team whose
 * buckets a call uses is the effect's: see `asTeam`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { RetryableEffectError } from '../outbox/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { RatePacer } from '../platform/rate-pacer.ts';
import type { MethodPacers } from './method-pace.ts';

/** The Web API methods Slack limits per channel and per workspace, and the pacer spaces out. */
export const pacedMethods: ReadonlySet<string> = new Set(['chat.postMessage', 'chat.postEphemeral']);

export type PostingPace = {
  pacer: RatePacer;
  /** Paces every other method within its Slack tier, per team; unset: only posting is paced. */
  methods?: MethodPacers;
  clock: Clock;
  /**
   * The longest one effect may wait for turns, in all; a turn further away defers the effect instead
   * (RetryableEffectError with that wait), so waiting never outlasts the effect's lease.
   */
  maxWaitMs: number;
  /** Told once per call that had to wait: how long, and whether it then went or was deferred. */
  onWait?: (method: string, waitedMs: number, outcome: 'sent' | 'deferred') => void;
  /** Told of every 429 Slack answers, paced method or not. */
  onRateLimited?: (method: string) => void;
};

type Scope = { teamId: string; deadlineMs?: number };
const scopes = new AsyncLocalStorage<Scope>();

// Waits re-read the clock at least this often, so a clock moved forward (the emulator's) ends them too.
const pollMs = 100;

/** Runs `work` on behalf of `teamId`: its paced calls use that team's buckets and share one wait budget. */
export function asTeam<T>(teamId: string, work: () => Promise<T>): Promise<T> {
  return scopes.run({ teamId }, work);
}

/**
 * Resolves when a call of `method` (in `channel`, for posting) may go now by `pacer`'s buckets (a token
 * taken for it), waiting as long as the budget allows; throws RetryableEffectError with the remaining wait
 * when it does not.
 */
export async function awaitTurn(pace: PostingPace, pacer: RatePacer, method: string, channel: string): Promise<void> {
  const scope = scopes.getStore();
  const startMs = pace.clock.now().getTime();
  // Outside an effect (no scope) each call has a budget of its own, under the bot token's own team.
  const deadlineMs = scope ? (scope.deadlineMs ??= startMs + pace.maxWaitMs) : startMs + pace.maxWaitMs;
  for (;;) {
    const nowMs = pace.clock.now().getTime();
    const waitMs = pacer.tryTake(scope?.teamId ?? '', channel, nowMs);
    if (waitMs === 0) {
      if (nowMs > startMs) pace.onWait?.(method, nowMs - startMs, 'sent');
      return;
    }
    if (nowMs + waitMs > deadlineMs) {
      pace.onWait?.(method, nowMs - startMs, 'deferred');
      throw new RetryableEffectError(`${method} paced: Slack's rate limit leaves no turn for ${waitMs} ms`, {
        retryAfterMs: waitMs,
        uncertain: false,
      });
    }
    await waitUntil(pace.clock, nowMs + waitMs);
  }
}

/** Slack answered a paced call with 429: the whole team holds that pacer's calls for the Retry-After. */
export function noteRateLimited(
  pace: PostingPace,
  channel: string,
  retryAfterSeconds: number,
  pacer: RatePacer = pace.pacer,
): void {
  pacer.hold(scopes.getStore()?.teamId ?? '', channel, pace.clock.now().getTime(), retryAfterSeconds * 1000);
}

async function waitUntil(clock: Clock, untilMs: number): Promise<void> {
  for (let nowMs = clock.now().getTime(); nowMs < untilMs; nowMs = clock.now().getTime()) {
    await sleep(Math.min(untilMs - nowMs, pollMs));
  }
}
