import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  type ResponseMetricId,
  type ResponseMilestones,
  responseMetrics,
} from '../../src/postmortems/response-metrics.ts';

const at = (time: string) => new Date(`2026-12-02T${time}Z`);
const complete: ResponseMilestones = {
  started: at('09:00:00'),
  detected: at('09:12:00'),
  declared: at('09:15:00'),
  acknowledged: at('09:15:45'),
  mitigated: at('10:17:00'),
  resolved: at('11:00:00'),
};
const metric = (milestones: ResponseMilestones, id: ResponseMetricId) => {
  const found = responseMetrics(milestones).find((m) => m.id === id);
  if (!found) throw new Error(`no metric ${id}`);
  return found;
};

describe('response metrics', () => {
  it('measures each metric between its two milestones', () => {
    expect(responseMetrics(complete).map((m) => [m.id, m.ms, m.text])).toEqual([
      ['time_to_detect', 12 * 60_000, '12m'],
      ['time_to_acknowledge', 45_000, '45s'],
      ['time_to_mitigate', 65 * 60_000, '1h 05m'],
      ['time_to_restore', 2 * 3_600_000, '2h 00m'],
      ['time_to_restore_from_detection', 108 * 60_000, '1h 48m'],
    ]);
  });

  it('defines each metric in words with its formula', () => {
    expect(metric(complete, 'time_to_detect')).toMatchObject({
      label: 'Time to detect',
      definition: 'detected − started: how long the impact ran before anyone knew',
      status: 'measured',
    });
    expect(responseMetrics(complete).map((m) => m.definition.split(':')[0])).toEqual([
      'detected − started',
      'acknowledged − declared',
      'mitigated − detected',
      'resolved − started',
      'resolved − detected',
    ]);
  });

  it('names the one missing milestone instead of a number', () => {
    expect(metric({ ...complete, detected: null }, 'time_to_detect')).toMatchObject({
      status: 'missing',
      ms: null,
      missing: ['detected'],
      text: 'unknown — set the *detected* milestone',
    });
  });

  it('names both missing milestones in the order they happen', () => {
    expect(metric({ ...complete, started: null, resolved: null }, 'time_to_restore')).toMatchObject({
      missing: ['started', 'resolved'],
      text: 'unknown — set the *started* and *resolved* milestones',
    });
  });

  it('still measures the metrics a missing milestone does not touch', () => {
    const metrics = responseMetrics({ ...complete, acknowledged: null });
    expect(metrics.filter((m) => m.status === 'missing').map((m) => m.id)).toEqual(['time_to_acknowledge']);
  });

  it('asks to check the milestones when a back-dated one makes a duration negative', () => {
    expect(metric({ ...complete, detected: at('08:50:00') }, 'time_to_detect')).toMatchObject({
      status: 'inconsistent',
      ms: null,
      missing: [],
      text: 'check the milestones: detected is before started',
    });
  });

  it('reports a zero duration as measured', () => {
    expect(metric({ ...complete, detected: complete.started }, 'time_to_detect')).toMatchObject({
      status: 'measured',
      ms: 0,
      text: '0s',
    });
  });

  it('keeps whole days in a multi-day restore (3 days 4 hours)', () => {
    const resolved = new Date(complete.started!.getTime() + (3 * 24 + 4) * 3_600_000);
    expect(metric({ ...complete, resolved }, 'time_to_restore')).toMatchObject({ text: '3d 4h' });
  });
});

describe('formatDuration', () => {
  it('shows seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45_999)).toBe('45s');
  });

  it('shows minutes under an hour', () => {
    expect(formatDuration(60_000)).toBe('1m');
    expect(formatDuration(12 * 60_000 + 59_000)).toBe('12m');
  });

  it('shows hours and two-digit minutes under a day', () => {
    expect(formatDuration(65 * 60_000)).toBe('1h 05m');
    expect(formatDuration(24 * 3_600_000 - 1)).toBe('23h 59m');
  });

  it('shows exactly 24 hours as one day', () => {
    expect(formatDuration(24 * 3_600_000)).toBe('1d 0h');
  });

  it('never drops whole days', () => {
    expect(formatDuration((3 * 24 + 4) * 3_600_000 + 30 * 60_000)).toBe('3d 4h');
    expect(formatDuration(40 * 24 * 3_600_000)).toBe('40d 0h');
  });

  it('marks a negative duration and refuses a non-number', () => {
    expect(formatDuration(-90_000)).toBe('-1m');
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
