import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import type { LocalDate } from '../platform/local-time.ts';
import { digestWeeksTable } from './digest.sql.ts';
import type { DigestIncidentRow, DigestWeekRow } from './digest.ts';
import { isRealIncident } from './incident-sql.ts';

type Window = { teamId: string; fromAt: Date; toAt: Date; nearMissSeverities: string[] };

/**
 * Records that the week's digest is being sent; true only for the first caller. Written in the job's
 * transaction with the post, so two replicas, or a retried job, send one digest for the week.
 */
export async function claimDigestWeek(
  db: Queryable,
  params: { teamId: string; weekStart: LocalDate; sentAt: Date },
): Promise<boolean> {
  const claimed = await db
    .insert(digestWeeksTable)
    .values(params)
    .onConflictDoNothing()
    .returning({ weekStart: digestWeeksTable.weekStart });
  return claimed.length > 0;
}

// When an incident was resolved: its resolved milestone (which a correction may move), else the status change.
const resolvedAt = sql`COALESCE((SELECT max(ms.at) FROM incident_milestones ms
  WHERE ms.team_id = i.team_id AND ms.incident_id = i.id AND ms.name = 'resolved'), i.resolved_at)`;

/**
 * Real incidents declared or resolved in the window. A private one comes back without number, title
 * or channel, so nothing that could name it leaves the database.
 */
export async function listWeekIncidents(db: Queryable, params: Window): Promise<DigestIncidentRow[]> {
  const from = params.fromAt.toISOString();
  const to = params.toAt.toISOString();
  const rows = await queryRows<{
    number: number | null;
    title: string | null;
    severity: string;
    is_private: boolean;
    channel_id: string | null;
    opened: boolean;
    resolved: boolean;
  }>(
    db,
    sql`SELECT CASE WHEN x.is_private THEN NULL ELSE x.number END AS number,
        CASE WHEN x.is_private THEN NULL ELSE x.title END AS title, x.severity, x.is_private,
        CASE WHEN x.is_private THEN NULL ELSE x.channel_id END AS channel_id,
        x.declared_at >= ${from}::timestamptz AND x.declared_at < ${to}::timestamptz AS opened,
        COALESCE(x.resolved >= ${from}::timestamptz AND x.resolved < ${to}::timestamptz, false) AS resolved
      FROM (
        SELECT i.number, i.title, i.severity, i.is_private, i.channel_id, i.declared_at, ${resolvedAt} AS resolved
        FROM incidents i WHERE i.team_id = ${params.teamId} AND i.declared_at < ${to}::timestamptz
          AND ${isRealIncident(params.nearMissSeverities)}
      ) x
      WHERE (x.declared_at >= ${from}::timestamptz AND x.declared_at < ${to}::timestamptz)
        OR (x.resolved >= ${from}::timestamptz AND x.resolved < ${to}::timestamptz)
      ORDER BY x.declared_at, x.number`,
  );
  return rows.map((row) => ({
    number: row.number === null ? null : Number(row.number),
    title: row.title,
    severity: row.severity,
    isPrivate: row.is_private,
    channelId: row.channel_id,
    opened: row.opened,
    resolved: row.resolved,
  }));
}

/**
 * What is overdue at `now`: postmortems of real incidents past their due time and not yet published,
 * and open actions whose due day is before `today` (drills' actions apart, as in the period figures).
 */
export async function countOverdueNow(
  db: Queryable,
  params: { teamId: string; now: Date; today: LocalDate; nearMissSeverities: string[] },
): Promise<{ postmortems: number; actions: number }> {
  const [row] = await queryRows<{ postmortems: number | string; actions: number | string }>(
    db,
    sql`SELECT
      (SELECT count(*) FROM postmortems p JOIN incidents i ON i.team_id = p.team_id AND i.id = p.incident_id
        WHERE p.team_id = ${params.teamId} AND p.first_published_at IS NULL AND p.due_at <= ${params.now.toISOString()}::timestamptz
          AND ${isRealIncident(params.nearMissSeverities)}) AS postmortems,
      (SELECT count(*) FROM actions a JOIN incidents i ON i.team_id = a.team_id AND i.id = a.incident_id
        WHERE a.team_id = ${params.teamId} AND a.status = 'open' AND a.due_date < ${params.today} AND NOT i.is_drill) AS actions`,
  );
  return { postmortems: Number(row?.postmortems ?? 0), actions: Number(row?.actions ?? 0) };
}

/** Actions closed in the window: done (with evidence), and declined as won't do (drills' apart). */
export async function countActionsClosed(
  db: Queryable,
  params: { teamId: string; fromAt: Date; toAt: Date },
): Promise<{ done: number; declined: number }> {
  const [row] = await queryRows<{ done: number | string; declined: number | string }>(
    db,
    sql`SELECT count(*) FILTER (WHERE a.status = 'done') AS done, count(*) FILTER (WHERE a.status = 'wont_do') AS declined
      FROM actions a JOIN incidents i ON i.team_id = a.team_id AND i.id = a.incident_id
      WHERE a.team_id = ${params.teamId} AND NOT i.is_drill
        AND a.closed_at >= ${params.fromAt.toISOString()}::timestamptz AND a.closed_at < ${params.toAt.toISOString()}::timestamptz`,
  );
  return { done: Number(row?.done ?? 0), declined: Number(row?.declined ?? 0) };
}

/**
 * Per local week (Monday start, in `timeZone`) of the window: real incidents declared, by severity,
 * and their median time to restore (started to resolved; unmeasured ones left out). Weeks without
 * incidents are absent; the caller fills them in.
 */
export async function loadWeeklySeries(db: Queryable, params: Window & { timeZone: string }): Promise<DigestWeekRow[]> {
  const rows = await queryRows<{ week_start: string; by_severity: unknown; median_restore: number | string | null }>(
    db,
    sql`WITH real AS (
        SELECT to_char(date_trunc('week', i.declared_at AT TIME ZONE ${params.timeZone}), 'YYYY-MM-DD') AS week_start,
          i.severity, CASE WHEN r.resolved >= i.started_at THEN extract(epoch FROM r.resolved - i.started_at) * 1000 END AS restore_ms
        FROM incidents i CROSS JOIN LATERAL (SELECT ${resolvedAt} AS resolved) r
        WHERE i.team_id = ${params.teamId} AND ${isRealIncident(params.nearMissSeverities)}
          AND i.declared_at >= ${params.fromAt.toISOString()}::timestamptz AND i.declared_at < ${params.toAt.toISOString()}::timestamptz
      )
      SELECT w.week_start,
        (SELECT jsonb_object_agg(s.severity, s.n) FROM (SELECT severity, count(*) AS n FROM real x
          WHERE x.week_start = w.week_start GROUP BY severity) s) AS by_severity,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY w.restore_ms) AS median_restore
      FROM real w GROUP BY w.week_start ORDER BY w.week_start`,
  );
  return rows.map((row) => {
    const counts = (typeof row.by_severity === 'string' ? JSON.parse(row.by_severity) : row.by_severity) as Record<
      string,
      number | string
    >;
    return {
      weekStart: row.week_start,
      bySeverity: Object.fromEntries(Object.entries(counts ?? {}).map(([name, n]) => [name, Number(n)])),
      medianRestoreMs: row.median_restore === null ? null : Math.round(Number(row.median_restore)),
    };
  });
}
