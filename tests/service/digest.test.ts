import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { type Digest, loadDigest } from '../../src/insights/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { seedIncidents } from '../support/insights.ts';
import { manualClock } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const hours = (n: number) => n * 3_600_000;
// Monday 2026-11-30 09:00 UTC: the digest of the week 2026-11-23 … 11-29 goes out.
const now = new Date('2026-11-30T09:00:00Z');
let digest: Digest;

beforeEach(async () => {
  await seedIncidents(database.db, 'T1', [
    {
      number: 1,
      severity: 'sev1',
      title: 'Checkout errors',
      startedAt: '2026-11-24T09:50:00Z',
      declaredAt: '2026-11-24T10:00:00Z',
      acknowledgedAt: '2026-11-24T10:05:00Z',
      resolvedAt: '2026-11-24T11:50:00Z',
      postmortem: { dueAt: '2026-11-27T17:00:00Z' },
      actions: [
        { dueDate: '2026-11-25', status: 'done', closedAt: '2026-11-24T15:00:00Z' },
        { dueDate: '2026-11-20', status: 'open' },
      ],
    },
    {
      number: 2,
      severity: 'sev2',
      title: 'Payroll leak',
      isPrivate: true,
      declaredAt: '2026-11-25T10:00:00Z',
      resolvedAt: '2026-11-26T10:00:00Z',
    },
    {
      number: 3,
      severity: 'sev2',
      title: 'Search latency',
      startedAt: '2026-11-20T10:00:00Z',
      declaredAt: '2026-11-20T10:30:00Z',
      resolvedAt: '2026-11-24T10:00:00Z',
    },
    {
      number: 4,
      severity: 'sev2',
      title: 'Game day',
      isDrill: true,
      startedAt: '2026-11-25T09:00:00Z',
      declaredAt: '2026-11-25T09:00:00Z',
      resolvedAt: '2026-11-25T10:00:00Z',
      actions: [{ dueDate: '2026-11-20', status: 'open' }],
    },
    { number: 5, severity: 'near-miss', title: 'Almost lost the queue', declaredAt: '2026-11-26T09:00:00Z' },
    {
      number: 6,
      severity: 'sev3',
      title: 'Slow reports',
      startedAt: '2026-11-02T10:00:00Z',
      declaredAt: '2026-11-02T10:10:00Z',
      acknowledgedAt: '2026-11-02T10:40:00Z',
      resolvedAt: '2026-11-02T14:00:00Z',
      postmortem: { dueAt: '2026-11-09T17:00:00Z', publishedAt: '2026-11-08T12:00:00Z' },
    },
  ]);
  await seedIncidents(database.db, 'T2', [{ number: 1, title: 'Other workspace', declaredAt: '2026-11-24T10:00:00Z' }]);
  const config = await loadConfig(undefined);
  digest = await loadDigest(
    { db: database.db, config, clock: manualClock(now) },
    { teamId: 'T1', weekStart: '2026-11-23' },
  );
});

describe('the digest figures of a week', () => {
  it('lists the public incidents opened in the week and counts the private one', () => {
    expect(digest.opened.total).toBe(2);
    expect(digest.opened.listed).toEqual([
      { ref: 'INC-1', title: 'Checkout errors', severity: 'sev1', channelId: null },
    ]);
    expect(digest.opened.privateCount).toBe(1);
    expect(digest.opened.bySeverity).toEqual(
      expect.arrayContaining([
        { severity: 'sev1', count: 1 },
        { severity: 'sev2', count: 1 },
      ]),
    );
  });

  it('lists the incidents resolved in the week, whenever they were opened', () => {
    expect(digest.resolved.total).toBe(3);
    expect(digest.resolved.listed.map((incident) => incident.ref)).toEqual(['INC-3', 'INC-1']);
    expect(digest.resolved.privateCount).toBe(1);
  });

  it('never carries a private incident’s title, nor another workspace’s incidents', () => {
    const all = JSON.stringify(digest);
    expect(all).not.toContain('Payroll leak');
    expect(all).not.toContain('INC-2');
    expect(all).not.toContain('Other workspace');
  });

  it('keeps drills and near-misses out of the real figures', () => {
    expect(digest.drills).toEqual({ opened: 1, resolved: 1 });
    expect(digest.nearMisses).toEqual({ opened: 1, resolved: 0 });
    const all = JSON.stringify([digest.opened, digest.resolved, digest.series]);
    expect(all).not.toContain('Game day');
    expect(all).not.toContain('near-miss');
  });

  it('compares the week’s response times with the four weeks before', () => {
    expect(digest.week.response.time_to_restore.medianMs).toBe(hours(2));
    expect(digest.previous.period).toMatchObject({ from: '2026-10-26', to: '2026-11-23' });
    // INC-3 (declared 11-20) and INC-6 (11-02) fall in the four weeks before.
    expect(digest.previous.response.time_to_restore.medianMs).toBe((hours(4) + hours(96)) / 2);
    expect(digest.week.response.time_to_acknowledge.medianMs).toBe(5 * 60_000);
  });

  it('counts postmortems due in the week and late, and those overdue now', () => {
    expect(digest.postmortems).toEqual({ dueOnTime: 0, dueLate: 1, duePending: 0, overdueNow: 1 });
  });

  it('counts actions closed in the week and overdue now, a drill’s apart', () => {
    expect(digest.actions).toMatchObject({ closed: 1, declined: 0, overdueNow: 1, dueOnTime: 1, dueLate: 0 });
  });

  it('gives twelve weeks for the chart, quiet ones as zeros', () => {
    expect(digest.series).toHaveLength(12);
    expect(digest.series[0]?.weekStart).toBe('2026-09-07');
    expect(digest.series.at(-1)).toEqual({
      weekStart: '2026-11-23',
      bySeverity: { sev1: 1, sev2: 1 },
      medianRestoreMs: hours(2),
    });
    expect(digest.series.find((week) => week.weekStart === '2026-11-16')).toEqual({
      weekStart: '2026-11-16',
      bySeverity: { sev2: 1 },
      medianRestoreMs: hours(96),
    });
    expect(digest.series.find((week) => week.weekStart === '2026-11-02')?.medianRestoreMs).toBe(hours(4));
    expect(digest.series.find((week) => week.weekStart === '2026-10-05')).toEqual({
      weekStart: '2026-10-05',
      bySeverity: {},
      medianRestoreMs: null,
    });
  });
});
