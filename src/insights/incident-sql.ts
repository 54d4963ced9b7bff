import { type SQL, sql } from 'drizzle-orm';
import type { StatsFilter } from './stats.ts';

/**
 * Joins an incident row `i` to its milestones as columns `m.detected`, `m.acknowledged`, `m.mitigated`
 * and `m.resolved` (started and declared are on the incident row itself).
 */
export const milestoneColumns: SQL = sql`LEFT JOIN LATERAL (
    SELECT max(ms.at) FILTER (WHERE ms.name = 'detected') AS detected,
      max(ms.at) FILTER (WHERE ms.name = 'acknowledged') AS acknowledged,
      max(ms.at) FILTER (WHERE ms.name = 'mitigated') AS mitigated,
      max(ms.at) FILTER (WHERE ms.name = 'resolved') AS resolved
    FROM incident_milestones ms WHERE ms.team_id = i.team_id AND ms.incident_id = i.id
  ) m ON true`;

/**
 * The filter on an incident row `i`: one severity; one service, which matches public incidents only,
 * so a filter never tells anyone that a private incident touched a service.
 */
export function incidentFilter(filter: StatsFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.severity !== undefined) parts.push(sql`i.severity = ${filter.severity}`);
  if (filter.service !== undefined)
    parts.push(sql`NOT i.is_private AND i.services @> jsonb_build_array(${filter.service}::text)`);
  return sql.join(parts, sql` AND `);
}

/** Whether incident row `i` is of a near-miss severity (counted apart from real incidents). */
export function isNearMissSeverity(nearMissSeverities: readonly string[]): SQL {
  return sql`i.severity IN (SELECT jsonb_array_elements_text(${JSON.stringify(nearMissSeverities)}::jsonb))`;
}

/** Whether incident row `i` is a real incident: neither a drill nor of a near-miss severity. */
export function isRealIncident(nearMissSeverities: readonly string[]): SQL {
  return sql`NOT i.is_drill AND NOT ${isNearMissSeverity(nearMissSeverities)}`;
}
