/**
 * The stats figures as one hand-written query, the way an analyst would write them against the tables
 * (milestones joined one by one, plain scalar subqueries, no JSON building), for the default config's
 * rules: near-miss apart, a commander required for sev0–sev2, cadences 15/30/60 min.
 * $1 team, $2 from, $3 to (instants), $4 from, $5 to (local dates), $6 now, $7 time zone, $8 role minutes.
 */
export const handWrittenStats = `
WITH s AS (
  SELECT i.id, i.severity, i.is_private, i.is_drill, i.services, i.declared_at, i.started_at,
    d.at AS detected, a.at AS acknowledged, m.at AS mitigated, COALESCE(r.at, i.resolved_at) AS resolved
  FROM incidents i
  LEFT JOIN incident_milestones d ON d.team_id = i.team_id AND d.incident_id = i.id AND d.name = 'detected'
  LEFT JOIN incident_milestones a ON a.team_id = i.team_id AND a.incident_id = i.id AND a.name = 'acknowledged'
  LEFT JOIN incident_milestones m ON m.team_id = i.team_id AND m.incident_id = i.id AND m.name = 'mitigated'
  LEFT JOIN incident_milestones r ON r.team_id = i.team_id AND r.incident_id = i.id AND r.name = 'resolved'
  WHERE i.team_id = $1 AND i.declared_at >= $2 AND i.declared_at < $3
),
real AS (SELECT * FROM s WHERE NOT is_drill AND severity <> 'near-miss'),
d AS (
  SELECT extract(epoch FROM detected - started_at) * 1000 AS detect, extract(epoch FROM acknowledged - declared_at) * 1000 AS ack,
    extract(epoch FROM mitigated - detected) * 1000 AS mitigate, extract(epoch FROM resolved - started_at) * 1000 AS restore,
    extract(epoch FROM resolved - detected) * 1000 AS restore_detect
  FROM real
)
SELECT
  (SELECT count(*) FROM real) AS incidents,
  (SELECT count(*) FROM real WHERE is_private) AS private,
  (SELECT array_agg(severity || ':' || n) FROM (SELECT severity, count(*) AS n FROM real GROUP BY severity) x) AS by_severity,
  (SELECT array_agg(service || ':' || n) FROM (SELECT e AS service, count(*) AS n FROM real, jsonb_array_elements_text(services) e
    WHERE NOT is_private GROUP BY e) x) AS by_service,
  (SELECT count(*) FROM real WHERE NOT is_private AND jsonb_array_length(services) = 0) AS without_service,
  (SELECT count(*) FROM s WHERE is_drill) AS drills,
  (SELECT count(*) FROM s WHERE NOT is_drill AND severity = 'near-miss') AS near_misses,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY detect) FROM d WHERE detect >= 0) AS detect_median,
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY detect) FROM d WHERE detect >= 0) AS detect_p90,
  (SELECT avg(detect) FROM d WHERE detect >= 0) AS detect_mean,
  (SELECT count(*) FROM d WHERE detect >= 0) AS detect_measured,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ack) FROM d WHERE ack >= 0) AS ack_median,
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY ack) FROM d WHERE ack >= 0) AS ack_p90,
  (SELECT avg(ack) FROM d WHERE ack >= 0) AS ack_mean,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY mitigate) FROM d WHERE mitigate >= 0) AS mitigate_median,
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY mitigate) FROM d WHERE mitigate >= 0) AS mitigate_p90,
  (SELECT avg(mitigate) FROM d WHERE mitigate >= 0) AS mitigate_mean,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY restore) FROM d WHERE restore >= 0) AS restore_median,
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY restore) FROM d WHERE restore >= 0) AS restore_p90,
  (SELECT avg(restore) FROM d WHERE restore >= 0) AS restore_mean,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY restore_detect) FROM d WHERE restore_detect >= 0) AS restore_detect_median,
  (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY restore_detect) FROM d WHERE restore_detect >= 0) AS restore_detect_p90,
  (SELECT avg(restore_detect) FROM d WHERE restore_detect >= 0) AS restore_detect_mean,
  (SELECT count(*) FILTER (WHERE gap <= interval '30 days') || '/' || count(*) FILTER (WHERE gap <= interval '90 days') || '/' || count(*)
    FROM (SELECT x.id, min(g.gap) AS gap FROM real x JOIN (
      SELECT p.id, p.declared_at - lag(p.declared_at) OVER (PARTITION BY e ORDER BY p.declared_at, p.id) AS gap
      FROM incidents p, jsonb_array_elements_text(p.services) e
      WHERE p.team_id = $1 AND NOT p.is_drill AND p.declared_at >= $2::timestamptz - interval '90 days' AND p.declared_at < $3
    ) g ON g.id = x.id GROUP BY x.id) r) AS repeats,
  (SELECT count(*) FILTER (WHERE p.first_published_at <= p.due_at) || '/' || count(*) FROM postmortems p
    JOIN incidents i ON i.team_id = p.team_id AND i.id = p.incident_id
    WHERE p.team_id = $1 AND p.due_at >= $2 AND p.due_at < $3 AND NOT i.is_drill AND i.severity <> 'near-miss') AS postmortems,
  (SELECT count(*) FILTER (WHERE a.status = 'done' AND a.closed_at < (a.due_date::date + 1)::timestamp AT TIME ZONE $7)
      || '/' || count(*) FILTER (WHERE a.status <> 'wont_do' AND (a.status = 'done' OR (a.due_date::date + 1)::timestamp AT TIME ZONE $7 <= $6))
    FROM actions a JOIN incidents i ON i.team_id = a.team_id AND i.id = a.incident_id
    WHERE a.team_id = $1 AND a.due_date >= $4 AND a.due_date < $5 AND NOT i.is_drill) AS actions,
  (SELECT count(*) FILTER (WHERE posted_at <= due_at) || '/' || count(due_at) FROM (
    SELECT u.posted_at, COALESCE(lag(u.posted_at) OVER w + make_interval(mins => lag(u.next_update_minutes) OVER w),
      CASE WHEN row_number() OVER w = 1 THEN x.declared_at + make_interval(mins =>
        CASE x.severity WHEN 'sev0' THEN 15 WHEN 'sev1' THEN 30 WHEN 'sev2' THEN 60 END) END) AS due_at
    FROM stakeholder_updates u JOIN real x ON x.id = u.incident_id WHERE u.team_id = $1
    WINDOW w AS (PARTITION BY u.incident_id ORDER BY u.posted_at, u.id)) q) AS updates,
  (SELECT count(*) FILTER (WHERE c.first_at <= c.declared_at + make_interval(mins => $8::int)) || '/' || count(*) FROM (
    SELECT x.declared_at, (SELECT min(t.occurred_at) FROM timeline_entries t WHERE t.team_id = $1 AND t.incident_id = x.id
      AND t.kind = 'role_assigned' AND t.data->>'role' = 'commander') AS first_at
    FROM real x WHERE x.severity IN ('sev0', 'sev1', 'sev2')) c) AS role_coverage
`;
