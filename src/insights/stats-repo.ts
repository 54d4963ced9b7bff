import { type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import { incidentFilter, isNearMissSeverity, isRealIncident, milestoneColumns } from './incident-sql.ts';
import type { ApartCount, DurationSummary, PeriodStats, ResponseMetricId, StatsFilter } from './stats.ts';
import { responseMetricIds } from './stats.ts';
import type { StatsPeriod } from './stats-period.ts';

/** What the SQL needs to know of the configuration, so the repo never reads it itself. */
export type StatsRules = {
  timeZone: string;
  nearMissSeverities: string[];
  /** Severities that require the commander role, and the role's id. */
  commanderSeverities: string[];
  commanderRole: string;
  roleNudgeMinutes: number;
  /** Stakeholder update cadence per severity, in minutes (severities without one are left out). */
  updateCadence: Record<string, number>;
};

type Params = { teamId: string; period: StatsPeriod; filter: StatsFilter; now: Date; rules: StatsRules };

/**
 * Every figure of one period in one statement (one round trip; the planner shares the period's
 * incidents among the aggregates). Returns a single JSON document so both drivers read it alike.
 */
export async function loadPeriodStats(db: Queryable, params: Params): Promise<PeriodStats> {
  const [row] = await queryRows<{ stats: unknown }>(db, periodStatsQuery(params));
  const raw = (typeof row?.stats === 'string' ? JSON.parse(row.stats) : row?.stats) as RawStats;
  return toPeriodStats(params.period, raw);
}

/** The statement loadPeriodStats runs, for the benchmark to EXPLAIN and time against hand-written SQL. */
export function periodStatsQuery({ teamId, period, filter, now, rules }: Params): SQL {
  const commanderSeverities = JSON.stringify(rules.commanderSeverities);
  const cadence = JSON.stringify(rules.updateCadence);
  const from = period.fromAt.toISOString();
  const to = period.toAt.toISOString();
  const at = now.toISOString();
  return sql`
WITH scoped AS (
  SELECT i.id, i.severity, i.is_private, i.is_drill, i.services, i.declared_at, i.started_at,
    m.detected, m.acknowledged, m.mitigated, COALESCE(m.resolved, i.resolved_at) AS resolved,
    ${isRealIncident(rules.nearMissSeverities)} AS is_real,
    NOT i.is_drill AND ${isNearMissSeverity(rules.nearMissSeverities)} AS is_near_miss
  FROM incidents i
  ${milestoneColumns}
  WHERE i.team_id = ${teamId} AND i.declared_at >= ${from}::timestamptz AND i.declared_at < ${to}::timestamptz
    AND ${incidentFilter(filter)}
),
durations AS (
  SELECT d.metric, extract(epoch FROM d.finish - d.start) * 1000 AS ms
  FROM scoped s CROSS JOIN LATERAL (VALUES
    ('time_to_detect', s.started_at, s.detected),
    ('time_to_acknowledge', s.declared_at, s.acknowledged),
    ('time_to_mitigate', s.detected, s.mitigated),
    ('time_to_restore', s.started_at, s.resolved),
    ('time_to_restore_from_detection', s.detected, s.resolved)
  ) AS d(metric, start, finish)
  WHERE s.is_real
),
response AS (
  SELECT metric, count(*) FILTER (WHERE ms >= 0) AS measured, count(*) FILTER (WHERE ms IS NULL OR ms < 0) AS not_measured,
    count(*) FILTER (WHERE ms < 0) AS inconsistent,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN ms >= 0 THEN ms END) AS median,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN ms >= 0 THEN ms END) AS p90,
    avg(CASE WHEN ms >= 0 THEN ms END) AS mean
  FROM durations GROUP BY metric
),
apart AS (
  SELECT CASE WHEN s.is_drill THEN 'drills' ELSE 'near_misses' END AS kind, count(*) AS count,
    count(s.resolved) AS resolved,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN s.resolved >= s.started_at
      THEN extract(epoch FROM s.resolved - s.started_at) * 1000 END) AS median_restore
  FROM scoped s WHERE NOT s.is_real GROUP BY 1
),
-- Each incident's gap to the one before it on each of its services (one sort, not a search per incident).
repeat_gaps AS (
  SELECT p.id, p.declared_at - lag(p.declared_at) OVER (PARTITION BY e.service ORDER BY p.declared_at, p.id) AS gap
  FROM incidents p CROSS JOIN LATERAL jsonb_array_elements_text(p.services) AS e(service)
  WHERE p.team_id = ${teamId} AND NOT p.is_drill
    AND p.declared_at >= ${from}::timestamptz - interval '90 days' AND p.declared_at < ${to}::timestamptz
),
repeats AS (
  SELECT s.id, min(g.gap) AS gap FROM scoped s JOIN repeat_gaps g ON g.id = s.id
  WHERE s.is_real GROUP BY s.id
),
postmortem_due AS (
  SELECT p.first_published_at, p.due_at FROM postmortems p
  JOIN incidents i ON i.team_id = p.team_id AND i.id = p.incident_id
  WHERE p.team_id = ${teamId} AND p.due_at >= ${from}::timestamptz AND p.due_at < ${to}::timestamptz
    AND ${isRealIncident(rules.nearMissSeverities)}
    AND ${incidentFilter(filter)}
),
action_due AS (
  SELECT a.status, a.closed_at, ((a.due_date::date + 1)::timestamp AT TIME ZONE ${rules.timeZone}) AS due_end
  FROM actions a JOIN incidents i ON i.team_id = a.team_id AND i.id = a.incident_id
  WHERE a.team_id = ${teamId} AND a.due_date >= ${period.from} AND a.due_date < ${period.to}
    AND NOT i.is_drill AND ${incidentFilter(filter)}
),
update_due AS (
  SELECT u.posted_at, COALESCE(
      lag(u.posted_at) OVER w + make_interval(mins => lag(u.next_update_minutes) OVER w),
      CASE WHEN row_number() OVER w = 1 THEN s.declared_at + make_interval(mins => cadence.minutes) END
    ) AS due_at
  FROM stakeholder_updates u
  JOIN scoped s ON s.id = u.incident_id AND s.is_real
  LEFT JOIN (SELECT key AS severity, value::int AS minutes FROM jsonb_each_text(${cadence}::jsonb)) cadence
    ON cadence.severity = s.severity
  WHERE u.team_id = ${teamId}
  WINDOW w AS (PARTITION BY u.incident_id ORDER BY u.posted_at, u.id)
),
commanders AS (
  SELECT s.declared_at, (
    SELECT min(t.occurred_at) FROM timeline_entries t
    WHERE t.team_id = ${teamId} AND t.incident_id = s.id AND t.kind = 'role_assigned' AND t.data->>'role' = ${rules.commanderRole}
  ) AS first_at
  FROM scoped s
  WHERE s.is_real AND s.severity IN (SELECT jsonb_array_elements_text(${commanderSeverities}::jsonb))
)
SELECT jsonb_build_object(
  'incidents', (SELECT count(*) FROM scoped WHERE is_real),
  'private', (SELECT count(*) FROM scoped WHERE is_real AND is_private),
  'by_severity', (SELECT COALESCE(jsonb_agg(jsonb_build_object('severity', severity, 'count', n)), '[]'::jsonb)
    FROM (SELECT severity, count(*) AS n FROM scoped WHERE is_real GROUP BY severity) x),
  'by_service', (SELECT COALESCE(jsonb_agg(jsonb_build_object('service', service, 'count', n) ORDER BY n DESC, service), '[]'::jsonb)
    FROM (SELECT e.service, count(*) AS n FROM scoped s CROSS JOIN LATERAL jsonb_array_elements_text(s.services) AS e(service)
      WHERE s.is_real AND NOT s.is_private GROUP BY e.service) x),
  'without_service', (SELECT count(*) FROM scoped WHERE is_real AND NOT is_private AND jsonb_array_length(services) = 0),
  'apart', (SELECT COALESCE(jsonb_object_agg(kind, jsonb_build_object('count', count, 'resolved', resolved, 'median_restore', median_restore)), '{}'::jsonb) FROM apart),
  'response', (SELECT COALESCE(jsonb_object_agg(metric, jsonb_build_object('measured', measured, 'not_measured', not_measured,
    'inconsistent', inconsistent, 'median', median, 'p90', p90, 'mean', mean)), '{}'::jsonb) FROM response),
  'repeats', (SELECT jsonb_build_object('with_service', count(*),
    'within30', count(*) FILTER (WHERE gap <= interval '30 days'),
    'within60', count(*) FILTER (WHERE gap <= interval '60 days'),
    'within90', count(*) FILTER (WHERE gap <= interval '90 days')) FROM repeats),
  'postmortems', (SELECT jsonb_build_object(
    'on_time', count(*) FILTER (WHERE first_published_at <= due_at),
    'late', count(*) FILTER (WHERE first_published_at > due_at OR (first_published_at IS NULL AND due_at <= ${at}::timestamptz)),
    'pending', count(*) FILTER (WHERE first_published_at IS NULL AND due_at > ${at}::timestamptz)) FROM postmortem_due),
  'actions', (SELECT jsonb_build_object(
    'on_time', count(*) FILTER (WHERE status = 'done' AND closed_at < due_end),
    'late', count(*) FILTER (WHERE (status = 'done' AND closed_at >= due_end) OR (status = 'open' AND due_end <= ${at}::timestamptz)),
    'pending', count(*) FILTER (WHERE status = 'open' AND due_end > ${at}::timestamptz),
    'declined', count(*) FILTER (WHERE status = 'wont_do')) FROM action_due),
  'updates', (SELECT jsonb_build_object(
    'on_time', count(*) FILTER (WHERE posted_at <= due_at),
    'late', count(*) FILTER (WHERE posted_at > due_at),
    'pending', 0) FROM update_due),
  'role_coverage', (SELECT jsonb_build_object('total', count(*),
    'covered', count(*) FILTER (WHERE first_at <= declared_at + make_interval(mins => ${rules.roleNudgeMinutes}::int)))
    FROM commanders)
) AS stats`;
}

/** Services named on the workspace's incidents (public ones), most used first: for "did you mean". */
export async function listKnownServices(db: Queryable, params: { teamId: string; limit: number }): Promise<string[]> {
  const rows = await queryRows<{ service: string }>(
    db,
    sql`SELECT e.service FROM incidents i CROSS JOIN LATERAL jsonb_array_elements_text(i.services) AS e(service)
      WHERE i.team_id = ${params.teamId} AND NOT i.is_private
      GROUP BY e.service ORDER BY count(*) DESC, e.service LIMIT ${params.limit}`,
  );
  return rows.map((row) => row.service);
}

type RawShare = { on_time: number; late: number; pending: number };
type RawApart = { count: number; resolved: number; median_restore: number | null };
type RawStats = {
  incidents: number;
  private: number;
  by_severity: Array<{ severity: string; count: number }>;
  by_service: Array<{ service: string; count: number }>;
  without_service: number;
  apart: Partial<Record<'drills' | 'near_misses', RawApart>>;
  response: Partial<
    Record<
      ResponseMetricId,
      {
        measured: number;
        not_measured: number;
        inconsistent: number;
        median: number | null;
        p90: number | null;
        mean: number | null;
      }
    >
  >;
  repeats: { with_service: number; within30: number; within60: number; within90: number };
  postmortems: RawShare;
  actions: RawShare & { declined: number };
  updates: RawShare;
  role_coverage: { covered: number; total: number };
};

function toPeriodStats(period: StatsPeriod, raw: RawStats): PeriodStats {
  const share = (value: RawShare) => ({ onTime: value.on_time, late: value.late, pending: value.pending });
  const response = Object.fromEntries(
    responseMetricIds.map((id) => [id, durationOf(raw.response[id], raw.incidents)]),
  ) as Record<ResponseMetricId, DurationSummary>;
  return {
    period,
    incidents: raw.incidents,
    privateIncidents: raw.private,
    bySeverity: raw.by_severity,
    byService: raw.by_service,
    withoutService: raw.without_service,
    drills: apartOf(raw.apart.drills),
    nearMisses: apartOf(raw.apart.near_misses),
    response,
    repeats: {
      withService: raw.repeats.with_service,
      within30: raw.repeats.within30,
      within60: raw.repeats.within60,
      within90: raw.repeats.within90,
    },
    postmortems: share(raw.postmortems),
    actions: { ...share(raw.actions), declined: raw.actions.declined },
    updates: share(raw.updates),
    roleCoverage: raw.role_coverage,
  };
}

function durationOf(raw: RawStats['response'][ResponseMetricId], incidents: number): DurationSummary {
  if (!raw) return { measured: 0, notMeasured: incidents, inconsistent: 0, medianMs: null, p90Ms: null, meanMs: null };
  return {
    measured: raw.measured,
    notMeasured: raw.not_measured,
    inconsistent: raw.inconsistent,
    medianMs: roundedOrNull(raw.median),
    p90Ms: roundedOrNull(raw.p90),
    meanMs: roundedOrNull(raw.mean),
  };
}

function apartOf(raw: RawApart | undefined): ApartCount {
  return raw
    ? { count: raw.count, resolved: raw.resolved, medianRestoreMs: roundedOrNull(raw.median_restore) }
    : { count: 0, resolved: 0, medianRestoreMs: null };
}

function roundedOrNull(value: number | string | null): number | null {
  return value === null ? null : Math.round(Number(value));
}
