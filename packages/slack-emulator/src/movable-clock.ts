/**
 * The emulator's time: a base clock (Date.now, or the `clock` option) plus an offset a person or test
 * can move forward. Everything in the emulator that reads the time reads `now()` — message ts, trigger
 * and response_url expiry, rate-limit windows, request-signing timestamps — so moving it moves them all.
 */
import type { Clock } from './types.ts';

/** A clock that can be moved forward by an offset. */
export class MovableClock {
  private offset = 0;

  constructor(private readonly base: Clock = Date.now) {}

  /** Milliseconds since the epoch, as the emulator sees them. */
  readonly now: Clock = () => this.base() + this.offset;

  /** How far the emulator's clock is ahead of its base clock, in ms. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward by `ms` (never backward: Slack's ts only grow). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot move the clock by ${ms} ms: give a positive duration`);
    this.offset += ms;
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `"90s"`, `"20m"`, `"2h"`, `"1h30m"`, `"500ms"` or a number of ms; throws with the accepted forms. */
export function parseDuration(input: unknown): number {
  if (typeof input === 'number' && Number.isFinite(input) && input >= 0) return input;
  const text = typeof input === 'string' ? input.trim() : '';
  if (/^\d+$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (text === '' || parts.map((part) => part[0]).join('') !== text)
    throw new Error(
      `'${String(input)}' is not a duration: use e.g. "90s", "20m", "2h", "1h30m", "500ms" or a number of ms`,
    );
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNITS[unit as string] ?? 0), 0);
}
