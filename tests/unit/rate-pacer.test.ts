import { describe, expect, it } from 'vitest';
import { RatePacer } from '../../src/platform/rate-pacer.ts';

const t0 = 1_000_000;

/** What `tryTake` answers to each of `count` calls at `nowMs`, each in a channel of its own. */
function answers(pacer: RatePacer, count: number, nowMs = t0, team = 'T1'): number[] {
  return Array.from({ length: count }, (_, i) => pacer.tryTake(team, `D${nowMs}-${i}`, nowMs));
}

/** Calls granted at `nowMs` until the first refusal, and the wait that refusal named. */
function burst(pacer: RatePacer, nowMs = t0, channel?: string): { granted: number; wait: number } {
  for (let granted = 0; ; granted++) {
    const wait = pacer.tryTake('T1', channel ?? `D${nowMs}-${granted}`, nowMs);
    if (wait > 0) return { granted, wait };
  }
}

describe('RatePacer: workspace bucket', () => {
  it('lets a burst through at once, keeping a tenth of the per-minute figure in hand', () => {
    expect(burst(new RatePacer({ perMinute: 100 }))).toEqual({ granted: 90, wait: 600 });
  });

  it('grants one call per 60/perMinute seconds once the burst is spent', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    burst(pacer);
    expect(answers(pacer, 2, t0 + 599)).toEqual([1, 1]);
    expect(answers(pacer, 2, t0 + 600)).toEqual([0, 600]);
    expect(answers(pacer, 2, t0 + 1200)).toEqual([0, 600]);
  });

  it('takes nothing from a refused call', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    burst(pacer);
    answers(pacer, 50, t0 + 300);
    expect(pacer.tryTake('T1', 'D-late', t0 + 600)).toBe(0);
  });

  it('keeps teams apart', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    burst(pacer);
    expect(pacer.tryTake('T2', 'D1', t0)).toBe(0);
  });

  it('follows the configured rate', () => {
    expect(burst(new RatePacer({ perMinute: 600 }))).toEqual({ granted: 540, wait: 100 });
  });
});

describe('RatePacer: channel bucket', () => {
  it('allows a small burst in one channel, then one call a second', () => {
    const pacer = new RatePacer({ perMinute: 1000 });
    expect(burst(pacer, t0, 'C1')).toEqual({ granted: 4, wait: 1000 });
    expect(pacer.tryTake('T1', 'C1', t0 + 1000)).toBe(0);
    expect(pacer.tryTake('T1', 'C1', t0 + 1000)).toBe(1000);
  });

  it('does not hold up calls to other channels', () => {
    const pacer = new RatePacer({ perMinute: 1000 });
    burst(pacer, t0, 'C1');
    expect(pacer.tryTake('T1', 'C2', t0)).toBe(0);
  });

  it('names the wait of whichever bucket is further from a token', () => {
    const pacer = new RatePacer({ perMinute: 30, channelBurst: 1 });
    burst(pacer);
    expect(pacer.tryTake('T1', 'C1', t0 + 2000)).toBe(0);
    // The channel has a token again in 1 s, the workspace (30/min) only in 2 s.
    expect(pacer.tryTake('T1', 'C1', t0 + 2000)).toBe(2000);
    const quiet = new RatePacer({ perMinute: 30, channelBurst: 1 });
    quiet.tryTake('T1', 'C1', t0);
    expect(quiet.tryTake('T1', 'C1', t0)).toBe(1000);
  });
});

describe('RatePacer: after Slack refused a call', () => {
  it('holds every channel of the team until the Retry-After has passed', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    pacer.hold('T1', 'C1', t0, 5000);
    expect(pacer.heldUntil('T1')).toBe(t0 + 5000);
    expect(pacer.tryTake('T1', 'C2', t0)).toBeGreaterThanOrEqual(5000);
    expect(pacer.tryTake('T2', 'C2', t0)).toBe(0);
  });

  it('starts again with the headroom to regain: ten calls (6 s at 100/min) after the hold', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    pacer.hold('T1', 'C1', t0, 1000);
    expect(pacer.tryTake('T1', 'C2', t0 + 1000)).toBe(6000);
    expect(pacer.tryTake('T1', 'C2', t0 + 7000)).toBe(0);
    expect(pacer.tryTake('T1', 'C3', t0 + 7000)).toBe(600);
  });

  it('does not shorten a hold already longer', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    pacer.hold('T1', 'C1', t0, 9000);
    pacer.hold('T1', 'C1', t0, 2000);
    expect(pacer.heldUntil('T1')).toBe(t0 + 9000);
  });

  it('is not held before any refusal', () => {
    expect(new RatePacer({ perMinute: 100 }).heldUntil('T1')).toBe(0);
  });
});

describe('RatePacer: a clock stepped back', () => {
  it('starts the team afresh instead of waiting for the time it had seen', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    burst(pacer, t0 + 3_600_000);
    expect(pacer.tryTake('T1', 'C1', t0)).toBe(0);
  });

  it('keeps its buckets when callers read the clock a little out of order', () => {
    const pacer = new RatePacer({ perMinute: 100 });
    burst(pacer, t0 + 500);
    expect(pacer.tryTake('T1', 'C1', t0)).toBe(1100);
  });
});

describe('RatePacer: memory', () => {
  it('forgets channels whose bucket has refilled, but not a busy one', () => {
    const pacer = new RatePacer({ perMinute: 100_000 });
    answers(pacer, 600, t0);
    burst(pacer, t0 + 10_000, 'busy');
    answers(pacer, 600, t0 + 10_000);
    expect(pacer.tryTake('T1', 'busy', t0 + 10_000)).toBe(1000);
  });
});
