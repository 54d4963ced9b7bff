import { describe, expect, it } from 'vitest';
import { describePeriod, periodsFor } from '../../src/insights/index.ts';

const now = new Date('2026-12-03T12:00:00Z');

describe('the period /incident stats looks at, and the one before', () => {
  it('takes the last 30 days with today, and the 30 before them', () => {
    const { current, previous } = periodsFor({ kind: 'days', days: 30 }, now, 'UTC');
    expect(current).toMatchObject({ from: '2026-11-04', to: '2026-12-04', days: 30 });
    expect(previous).toMatchObject({ from: '2026-10-05', to: '2026-11-04', days: 30 });
    expect(current.fromAt.toISOString()).toBe('2026-11-04T00:00:00.000Z');
  });

  it('begins and ends days at midnight in the configured zone, across a DST change', () => {
    const { current } = periodsFor({ kind: 'days', days: 90 }, now, 'Europe/Berlin');
    expect(current.from).toBe('2026-09-05');
    // CEST at the start, CET at the end.
    expect(current.fromAt.toISOString()).toBe('2026-09-04T22:00:00.000Z');
    expect(current.toAt.toISOString()).toBe('2026-12-03T23:00:00.000Z');
  });

  it('takes this quarter so far, against the same days of the quarter before', () => {
    const { current, previous } = periodsFor({ kind: 'quarter' }, now, 'UTC');
    expect(current).toMatchObject({ from: '2026-10-01', to: '2026-12-04', days: 64 });
    expect(previous).toMatchObject({ from: '2026-07-01', to: '2026-09-03', days: 64 });
  });

  it('never lets the quarter before run into this one', () => {
    const { previous } = periodsFor({ kind: 'quarter' }, new Date('2026-03-31T12:00:00Z'), 'UTC');
    expect(previous).toMatchObject({ from: '2025-10-01', to: '2025-12-30' });
  });

  it('takes a range with both days included, against as many days before it', () => {
    const { current, previous } = periodsFor({ kind: 'range', from: '2026-11-01', through: '2026-11-30' }, now, 'UTC');
    expect(current).toMatchObject({ from: '2026-11-01', to: '2026-12-01', days: 30 });
    expect(previous).toMatchObject({ from: '2026-10-02', to: '2026-11-01' });
    expect(describePeriod(current)).toBe('2026-11-01 – 2026-11-30');
  });
});
