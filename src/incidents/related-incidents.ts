import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db.ts';
import { incidentsTable } from './incident.sql.ts';
import type { Incident } from './incident.ts';

export type RelatedIncident = { ref: string; title: string; declaredAt: Date; reason: 'same service' | 'similar' };

/**
 * Incidents of the last 90 days on the same service, or whose title and impact match this one's by
 * PostgreSQL full-text search. Private incidents and drills never appear (a postmortem is shared).
 */
export async function relatedIncidents(
  db: Queryable,
  incident: Incident,
  window: { days: number; limit: number },
): Promise<RelatedIncident[]> {
  const span = window.days * 86_400_000;
  const since = new Date(incident.declaredAt.getTime() - span);
  const document = sql`to_tsvector('english', ${incidentsTable.title} || ' ' || ${incidentsTable.customerImpact})`;
  // Any of this incident's words (OR), ranked: plainto_tsquery would demand all of them.
  const words = sql`replace(plainto_tsquery('english', ${`${incident.title} ${incident.customerImpact}`})::text, '&', '|')::tsquery`;
  const sameService =
    incident.services.length > 0
      ? sql.join(
          incident.services.map((service) => sql`${incidentsTable.services} @> ${JSON.stringify([service])}::jsonb`),
          sql` OR `,
        )
      : sql`false`;
  const rows = await db
    .select({
      number: incidentsTable.number,
      title: incidentsTable.title,
      declaredAt: incidentsTable.declaredAt,
      sameService: sql<boolean>`(${sameService})`,
      rank: sql<number>`ts_rank(${document}, ${words})`,
    })
    .from(incidentsTable)
    .where(
      and(
        eq(incidentsTable.teamId, incident.teamId),
        ne(incidentsTable.id, incident.id),
        eq(incidentsTable.isPrivate, false),
        eq(incidentsTable.isDrill, false),
        gte(incidentsTable.declaredAt, since),
        lt(incidentsTable.declaredAt, new Date(incident.declaredAt.getTime() + span)),
        sql`((${sameService}) OR ${document} @@ ${words})`,
      ),
    )
    .orderBy(
      // PostgreSQL refuses a constant in ORDER BY: order by the service match only when there is one.
      ...(incident.services.length > 0 ? [desc(sql`(${sameService})`)] : []),
      desc(sql`ts_rank(${document}, ${words})`),
      desc(incidentsTable.declaredAt),
    )
    .limit(window.limit);
  return rows.map((row) => ({
    ref: `INC-${row.number}`,
    title: row.title,
    declaredAt: row.declaredAt,
    reason: row.sameService ? 'same service' : 'similar',
  }));
}
