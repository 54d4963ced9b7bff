import type { RawSql } from './raw-sql.ts';

/** The workspace of the stats scenario, apart from the other scenarios' rows. */
export const statsTeamId = 'T0STATBENCH';

export type SeededStats = {
  incidents: number;
  timelineEntries: number;
  milestones: number;
  updates: number;
  postmortems: number;
  actions: number;
  sqlMs: number;
};

/**
 * `incidents` incidents over the last 400 days (severities, services, 5 % private, 3 % drills, 3 %
 * near-misses), each with its milestones, `entriesPerIncident` timeline entries (the commander named
 * among them), updates for sev0/sev1, a postmortem for 40 % and two actions: straight SQL with
 * generate_series, then ANALYZE as autovacuum would after such a load.
 */
export async function seedStats(
  raw: RawSql,
  params: { incidents: number; entriesPerIncident: number },
): Promise<SeededStats> {
  const started = performance.now();
  const team = statsTeamId;
  const { incidents, entriesPerIncident } = params;
  // Incident g: declared (g × 400 / n) days ago at a spread hour; started 0–20 min before, detected after.
  await raw.query(
    `INSERT INTO incidents (team_id, number, declare_key, title, severity, status, is_private, is_drill, customer_impact,
        services, declared_by, started_at, declared_at, channel_name, channel_id, resolved_at)
      SELECT $1, g, 'bench:stats:' || g, 'Bench incident ' || g,
        CASE WHEN g % 33 = 0 THEN 'near-miss' ELSE (ARRAY['sev0','sev1','sev1','sev2','sev2','sev2','sev3','sev3'])[1 + g % 8] END,
        'resolved', g % 20 = 0, g % 31 = 0, 'Some customers saw errors',
        jsonb_build_array((ARRAY['payments','search','checkout','auth','edge','billing','ledger','notifications',
          'mobile-api','web','data-pipeline','identity'])[1 + (g * 7) % 12]),
        'U0STAT0001', d - make_interval(mins => g % 21), d, 'inc-' || g || '-stats', 'C0ST' || g,
        d + make_interval(mins => 20 + (g * 37) % 400)
      FROM generate_series(1, $2::int) AS g,
        LATERAL (SELECT now() - make_interval(mins => (g::bigint * 400 * 1440 / $2::int)::int) AS d) AS t`,
    [team, incidents],
  );
  const milestones = await raw.query<{ n: number }>(
    `WITH m AS (
      INSERT INTO incident_milestones (team_id, incident_id, name, at, set_by)
      SELECT i.team_id, i.id, x.name, x.at, 'U0STAT0001'
      FROM incidents i CROSS JOIN LATERAL (VALUES
        ('detected', i.declared_at - make_interval(mins => i.number % 7)),
        ('acknowledged', i.declared_at + make_interval(mins => 1 + i.number % 9)),
        ('mitigated', i.declared_at + make_interval(mins => 10 + (i.number * 13) % 90)),
        ('resolved', i.resolved_at)
      ) AS x(name, at)
      WHERE i.team_id = $1 AND (x.name <> 'detected' OR i.number % 10 <> 0)
      RETURNING 1
    ) SELECT count(*)::int AS n FROM m`,
    [team],
  );
  // Entry 0 of each incident names its commander (late for 1 in 6); the rest are messages and notes.
  await raw.query(
    `INSERT INTO timeline_entries (team_id, incident_id, kind, occurred_at, actor_id, text, data, source_key)
      SELECT i.team_id, i.id,
        CASE WHEN k = 0 THEN 'role_assigned' WHEN k % 10 = 0 THEN 'note' ELSE 'message' END,
        i.declared_at + make_interval(secs => CASE WHEN k = 0 THEN (CASE WHEN i.number % 6 = 0 THEN 1500 ELSE 0 END) ELSE k * 37 END),
        'U0STAT' || lpad((1 + k % 40)::text, 4, '0'),
        CASE WHEN k = 0 THEN 'commander named' ELSE 'Checked the dashboards; error rate is ' || k || ' per second' END,
        CASE WHEN k = 0 THEN '{"role":"commander","userId":"U0STAT0001"}'::jsonb ELSE '{}'::jsonb END,
        'bench:' || i.id || ':' || k
      FROM incidents i CROSS JOIN generate_series(0, $2::int - 1) AS k
      WHERE i.team_id = $1`,
    [team, entriesPerIncident],
  );
  await raw.query(
    `INSERT INTO stakeholder_updates (team_id, incident_id, author_id, status, impact, actions, next_update_minutes, posted_at)
      SELECT i.team_id, i.id, 'U0STAT0002', 'investigating', 'Checkout errors', 'Rolling back', 30,
        i.declared_at + make_interval(mins => u * 30 + (i.number * u) % 9 - 3)
      FROM incidents i CROSS JOIN generate_series(1, 3) AS u
      WHERE i.team_id = $1 AND i.severity IN ('sev0', 'sev1')`,
    [team],
  );
  await raw.query(
    `INSERT INTO postmortems (team_id, incident_id, status, owner_id, due_date, due_at, first_published_at, created_at, updated_at)
      SELECT i.team_id, i.id, CASE WHEN i.number % 5 = 0 THEN 'draft' ELSE 'published' END, 'U0STAT0003',
        to_char(i.resolved_at + interval '7 days', 'YYYY-MM-DD'), i.resolved_at + interval '7 days',
        CASE WHEN i.number % 5 = 0 THEN NULL ELSE i.resolved_at + make_interval(days => 2 + i.number % 8) END,
        i.resolved_at, i.resolved_at
      FROM incidents i WHERE i.team_id = $1 AND i.number % 5 < 2`,
    [team],
  );
  await raw.query(
    `INSERT INTO actions (team_id, number, incident_id, text, owner_id, due_date, type, status, created_by, created_at,
        updated_at, closed_at)
      SELECT i.team_id, i.number * 2 + a, i.id, 'Bench action for incident ' || i.number, 'U0STAT' || lpad((1 + (i.number + a) % 40)::text, 4, '0'),
        to_char(i.resolved_at + make_interval(days => 15 + a * 15), 'YYYY-MM-DD'), 'corrective',
        CASE WHEN (i.number + a) % 4 = 0 THEN 'open' WHEN (i.number + a) % 9 = 0 THEN 'wont_do' ELSE 'done' END,
        'U0STAT0001', i.resolved_at, i.resolved_at,
        CASE WHEN (i.number + a) % 4 = 0 THEN NULL ELSE i.resolved_at + make_interval(days => 5 + (i.number * 3 + a) % 30) END
      FROM incidents i CROSS JOIN generate_series(0, 1) AS a WHERE i.team_id = $1`,
    [team],
  );
  for (const table of [
    'incidents',
    'incident_milestones',
    'timeline_entries',
    'stakeholder_updates',
    'postmortems',
    'actions',
  ])
    await raw.query(`ANALYZE ${table}`, []);
  const counts = await raw.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM incidents WHERE team_id = $1) AS incidents,
      (SELECT count(*)::int FROM timeline_entries WHERE team_id = $1) AS timeline,
      (SELECT count(*)::int FROM stakeholder_updates WHERE team_id = $1) AS updates,
      (SELECT count(*)::int FROM postmortems WHERE team_id = $1) AS postmortems,
      (SELECT count(*)::int FROM actions WHERE team_id = $1) AS actions`,
    [team],
  );
  const row = counts[0] ?? {};
  return {
    incidents: Number(row.incidents),
    timelineEntries: Number(row.timeline),
    milestones: Number(milestones[0]?.n ?? 0),
    updates: Number(row.updates),
    postmortems: Number(row.postmortems),
    actions: Number(row.actions),
    sqlMs: performance.now() - started,
  };
}
