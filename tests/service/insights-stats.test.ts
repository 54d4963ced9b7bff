import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { incidentStats, localPeriod, periodStats } from '../../src/insights/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { type SeededIncident, seedIncidents } from '../support/insights.ts';
import { manualClock } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const november = localPeriod('2026-11-01', '2026-12-01', 'UTC');
const minutes = (n: number) => n * 60_000;

async function statsOf(incidents: SeededIncident[], now = new Date('2026-12-10T00:00:00Z')) {
  await seedIncidents(database.db, 'T1', incidents);
  const config = await loadConfig(undefined);
  return periodStats({ db: database.db, config, clock: manualClock(now) }, { teamId: 'T1', period: november });
}

describe('response times', () => {
  it('measures each time between its two milestones', async () => {
    const stats = await statsOf([
      {
        number: 1,
        startedAt: '2026-11-02T10:00:00Z',
        detectedAt: '2026-11-02T10:06:00Z',
        declaredAt: '2026-11-02T10:08:00Z',
        acknowledgedAt: '2026-11-02T10:11:00Z',
        mitigatedAt: '2026-11-02T10:36:00Z',
        resolvedAt: '2026-11-02T11:00:00Z',
      },
    ]);
    expect(stats.response.time_to_detect).toMatchObject({ measured: 1, notMeasured: 0, medianMs: minutes(6) });
    expect(stats.response.time_to_acknowledge.medianMs).toBe(minutes(3));
    expect(stats.response.time_to_mitigate.medianMs).toBe(minutes(30));
    expect(stats.response.time_to_restore.medianMs).toBe(minutes(60));
    expect(stats.response.time_to_restore_from_detection.medianMs).toBe(minutes(54));
  });

  it('counts an incident without the milestones as not measured, never as zero', async () => {
    const stats = await statsOf([
      {
        number: 1,
        startedAt: '2026-11-02T10:00:00Z',
        detectedAt: '2026-11-02T10:10:00Z',
        declaredAt: '2026-11-02T10:12:00Z',
      },
      { number: 2, declaredAt: '2026-11-03T10:00:00Z' },
    ]);
    expect(stats.response.time_to_detect).toMatchObject({ measured: 1, notMeasured: 1, medianMs: minutes(10) });
    expect(stats.response.time_to_restore).toMatchObject({ measured: 0, notMeasured: 2, medianMs: null, meanMs: null });
  });

  it('leaves out a back-dated milestone that puts the end before the start, and says so', async () => {
    const stats = await statsOf([
      // Detected was corrected to before the back-dated start was… the other way round: out of order.
      {
        number: 1,
        startedAt: '2026-11-02T10:30:00Z',
        detectedAt: '2026-11-02T10:00:00Z',
        declaredAt: '2026-11-02T10:40:00Z',
      },
      {
        number: 2,
        startedAt: '2026-11-04T10:00:00Z',
        detectedAt: '2026-11-04T10:20:00Z',
        declaredAt: '2026-11-04T10:21:00Z',
      },
    ]);
    expect(stats.response.time_to_detect).toMatchObject({
      measured: 1,
      notMeasured: 1,
      inconsistent: 1,
      medianMs: minutes(20),
    });
  });

  it('gives median, p90 and mean; p90 of few samples interpolates between them', async () => {
    const stats = await statsOf(
      [10, 20, 40].map((detect, index) => ({
        number: index + 1,
        startedAt: `2026-11-1${index}T10:00:00Z`,
        detectedAt: new Date(Date.parse(`2026-11-1${index}T10:00:00Z`) + minutes(detect)).toISOString(),
        declaredAt: `2026-11-1${index}T11:00:00Z`,
      })),
    );
    expect(stats.response.time_to_detect).toMatchObject({
      measured: 3,
      medianMs: minutes(20),
      // percentile_cont: 20 + 0.8 × (40 − 20)
      p90Ms: minutes(36),
      meanMs: Math.round(minutes(70 / 3)),
    });
  });

  it('gives a single sample as its own median and p90', async () => {
    const stats = await statsOf([
      { number: 1, declaredAt: '2026-11-02T10:00:00Z', acknowledgedAt: '2026-11-02T10:04:00Z' },
    ]);
    expect(stats.response.time_to_acknowledge).toMatchObject({ measured: 1, medianMs: minutes(4), p90Ms: minutes(4) });
  });
});

describe('which incidents a period holds', () => {
  it('counts an incident in the period it was declared in, even when it ran into the next', async () => {
    const stats = await statsOf([
      {
        number: 1,
        declaredAt: '2026-11-30T23:30:00Z',
        startedAt: '2026-11-30T23:00:00Z',
        resolvedAt: '2026-12-01T02:00:00Z',
      },
      { number: 2, declaredAt: '2026-10-31T23:59:00Z', resolvedAt: '2026-11-01T01:00:00Z' },
      { number: 3, declaredAt: '2026-12-01T00:00:00Z' },
    ]);
    expect(stats.incidents).toBe(1);
    expect(stats.response.time_to_restore.medianMs).toBe(minutes(180));
  });

  it('keeps drills and near-misses apart from real incidents', async () => {
    const stats = await statsOf([
      { number: 1, severity: 'sev1', declaredAt: '2026-11-02T10:00:00Z' },
      {
        number: 2,
        severity: 'sev1',
        isDrill: true,
        declaredAt: '2026-11-03T10:00:00Z',
        startedAt: '2026-11-03T10:00:00Z',
        resolvedAt: '2026-11-03T10:30:00Z',
      },
      { number: 3, severity: 'near-miss', declaredAt: '2026-11-04T10:00:00Z' },
      { number: 4, severity: 'near-miss', isDrill: true, declaredAt: '2026-11-05T10:00:00Z' },
    ]);
    expect(stats.incidents).toBe(1);
    expect(stats.bySeverity).toEqual([{ severity: 'sev1', count: 1 }]);
    expect(stats.drills).toEqual({ count: 2, resolved: 1, medianRestoreMs: minutes(30) });
    expect(stats.nearMisses).toEqual({ count: 1, resolved: 0, medianRestoreMs: null });
    expect(stats.response.time_to_restore.notMeasured).toBe(1);
  });

  it('counts private incidents but leaves their services out of the breakdown', async () => {
    const stats = await statsOf([
      { number: 1, services: ['payments'], declaredAt: '2026-11-02T10:00:00Z' },
      { number: 2, services: ['payments', 'search'], declaredAt: '2026-11-03T10:00:00Z' },
      { number: 3, services: ['secret-project'], isPrivate: true, declaredAt: '2026-11-04T10:00:00Z' },
      { number: 4, declaredAt: '2026-11-05T10:00:00Z' },
    ]);
    expect(stats.incidents).toBe(4);
    expect(stats.privateIncidents).toBe(1);
    expect(stats.byService).toEqual([
      { service: 'payments', count: 2 },
      { service: 'search', count: 1 },
    ]);
    expect(stats.withoutService).toBe(1);
  });
});

describe('repeat incidents', () => {
  it('counts an incident that followed another on a shared service within 30, 60 and 90 days', async () => {
    const stats = await statsOf([
      { number: 1, services: ['payments'], declaredAt: '2026-08-20T10:00:00Z' },
      { number: 2, services: ['search'], declaredAt: '2026-10-20T10:00:00Z' },
      // 75 days after #1 on payments; 14 days after #2 on search.
      { number: 3, services: ['payments'], declaredAt: '2026-11-03T10:00:00Z' },
      { number: 4, services: ['search', 'edge'], declaredAt: '2026-11-03T12:00:00Z' },
      { number: 5, services: ['billing'], declaredAt: '2026-11-10T10:00:00Z' },
      { number: 6, services: ['billing'], isDrill: true, declaredAt: '2026-11-05T10:00:00Z' },
    ]);
    expect(stats.repeats).toEqual({ withService: 3, within30: 1, within60: 1, within90: 2 });
  });
});

describe('done on time', () => {
  it('counts postmortems due in the period: published by the due time, late, or not yet due', async () => {
    const stats = await statsOf(
      [
        {
          number: 1,
          declaredAt: '2026-10-25T10:00:00Z',
          postmortem: { dueAt: '2026-11-02T23:59:59Z', publishedAt: '2026-11-02T12:00:00Z' },
        },
        {
          number: 2,
          declaredAt: '2026-10-26T10:00:00Z',
          postmortem: { dueAt: '2026-11-03T23:59:59Z', publishedAt: '2026-11-05T12:00:00Z' },
        },
        { number: 3, declaredAt: '2026-10-27T10:00:00Z', postmortem: { dueAt: '2026-11-04T23:59:59Z' } },
        { number: 4, declaredAt: '2026-11-20T10:00:00Z', postmortem: { dueAt: '2026-11-28T23:59:59Z' } },
        { number: 5, declaredAt: '2026-11-20T10:00:00Z', postmortem: { dueAt: '2026-12-05T23:59:59Z' } },
      ],
      new Date('2026-11-25T00:00:00Z'),
    );
    expect(stats.postmortems).toEqual({ onTime: 1, late: 2, pending: 1 });
  });

  it('counts actions due in the period as done by the end of their due day, late, open, or declined', async () => {
    const stats = await statsOf(
      [
        {
          number: 1,
          declaredAt: '2026-10-20T10:00:00Z',
          actions: [
            { dueDate: '2026-11-05', status: 'done', closedAt: '2026-11-05T23:00:00Z' },
            { dueDate: '2026-11-05', status: 'done', closedAt: '2026-11-06T00:00:01Z' },
            { dueDate: '2026-11-10', status: 'open' },
            { dueDate: '2026-11-28', status: 'open' },
            { dueDate: '2026-11-12', status: 'wont_do', closedAt: '2026-11-01T00:00:00Z' },
            { dueDate: '2026-12-02', status: 'open' },
          ],
        },
      ],
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(stats.actions).toEqual({ onTime: 1, late: 2, pending: 1, declined: 1 });
  });

  it('judges updates by the time the one before promised, the first by the severity cadence', async () => {
    const stats = await statsOf([
      {
        number: 1,
        severity: 'sev1',
        declaredAt: '2026-11-02T10:00:00Z',
        updates: [
          { postedAt: '2026-11-02T10:25:00Z', nextMinutes: 30 },
          { postedAt: '2026-11-02T11:00:00Z', nextMinutes: 60 },
          { postedAt: '2026-11-02T11:59:00Z' },
          { postedAt: '2026-11-02T13:00:00Z' },
        ],
      },
    ]);
    // sev1's cadence is 30 min: 10:25 on time; 11:00 > 10:55 late; 11:59 ≤ 12:00 on time; the last had no due time.
    expect(stats.updates).toEqual({ onTime: 2, late: 1, pending: 0 });
  });

  it('counts incidents of severities that require a commander, covered when one was named in time', async () => {
    const stats = await statsOf([
      { number: 1, severity: 'sev1', declaredAt: '2026-11-02T10:00:00Z', commanderAt: '2026-11-02T10:00:00Z' },
      { number: 2, severity: 'sev0', declaredAt: '2026-11-03T10:00:00Z', commanderAt: '2026-11-03T10:25:00Z' },
      { number: 3, severity: 'sev1', declaredAt: '2026-11-04T10:00:00Z' },
      { number: 4, severity: 'sev3', declaredAt: '2026-11-05T10:00:00Z' },
    ]);
    expect(stats.roleCoverage).toEqual({ covered: 1, total: 3 });
  });
});

describe('a period and the one before', () => {
  it('compares the last 30 days with the 30 before and filters by severity and service', async () => {
    await seedIncidents(database.db, 'T1', [
      { number: 1, severity: 'sev1', services: ['payments'], declaredAt: '2026-11-20T10:00:00Z' },
      { number: 2, severity: 'sev2', services: ['payments'], declaredAt: '2026-11-21T10:00:00Z' },
      { number: 3, severity: 'sev1', services: ['search'], declaredAt: '2026-10-20T10:00:00Z' },
    ]);
    await seedIncidents(database.db, 'T2', [{ number: 1, severity: 'sev1', declaredAt: '2026-11-20T10:00:00Z' }]);
    const config = await loadConfig(undefined);
    const deps = { db: database.db, config, clock: manualClock(new Date('2026-12-03T12:00:00Z')) };
    const all = await incidentStats(deps, { teamId: 'T1', spec: { kind: 'days', days: 30 }, filter: {} });
    expect(all.current.period).toMatchObject({ from: '2026-11-04', to: '2026-12-04' });
    expect(all.previous.period).toMatchObject({ from: '2026-10-05', to: '2026-11-04' });
    expect([all.current.incidents, all.previous.incidents]).toEqual([2, 1]);
    const sev1 = await incidentStats(deps, {
      teamId: 'T1',
      spec: { kind: 'days', days: 30 },
      filter: { severity: 'sev1' },
    });
    expect([sev1.current.incidents, sev1.previous.incidents]).toEqual([1, 1]);
    const search = await incidentStats(deps, {
      teamId: 'T1',
      spec: { kind: 'days', days: 30 },
      filter: { service: 'search' },
    });
    expect([search.current.incidents, search.previous.incidents, search.unknownService]).toEqual([0, 1, undefined]);
    const typo = await incidentStats(deps, {
      teamId: 'T1',
      spec: { kind: 'days', days: 30 },
      filter: { service: 'paymnts' },
    });
    expect(typo.unknownService?.suggestions).toContain('payments');
  });

  it('answers an empty period with zeros and nothing measured', async () => {
    const stats = await statsOf([]);
    expect(stats.incidents).toBe(0);
    expect(stats.response.time_to_restore).toMatchObject({ measured: 0, notMeasured: 0, medianMs: null });
    expect(stats.postmortems).toEqual({ onTime: 0, late: 0, pending: 0 });
  });
});
