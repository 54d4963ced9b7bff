import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../src/platform/db.ts';

/** A hand-made incident for the figures: times as ISO strings, milestones only where given. */
export type SeededIncident = {
  number: number;
  severity?: string;
  title?: string;
  declaredAt: string;
  startedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  services?: string[];
  isPrivate?: boolean;
  isDrill?: boolean;
  /** When the commander was first named (a role_assigned timeline entry). */
  commanderAt?: string;
  /** Stakeholder updates: when posted, and the next update promised in minutes. */
  updates?: Array<{ postedAt: string; nextMinutes?: number }>;
  postmortem?: { dueAt: string; publishedAt?: string };
  actions?: Array<{ dueDate: string; status?: 'open' | 'done' | 'wont_do'; closedAt?: string }>;
};

/** Writes incidents straight into the tables, exactly as given, and returns their ids by number. */
export async function seedIncidents(
  db: Queryable,
  teamId: string,
  incidents: SeededIncident[],
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  let actionNumber = 0;
  for (const seed of incidents) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`INSERT INTO incidents (team_id, number, declare_key, title, severity, status, is_private, is_drill,
          services, declared_by, started_at, declared_at, channel_name, resolved_at)
        VALUES (${teamId}, ${seed.number}, ${`seed-${seed.number}`}, ${seed.title ?? `Incident ${seed.number}`},
          ${seed.severity ?? 'sev2'}, ${seed.resolvedAt ? 'resolved' : 'investigating'}, ${seed.isPrivate ?? false},
          ${seed.isDrill ?? false}, ${JSON.stringify(seed.services ?? [])}::jsonb, 'U0SEED', ${seed.startedAt ?? null},
          ${seed.declaredAt}, ${`inc-${seed.number}`}, ${seed.resolvedAt ?? null})
        RETURNING id`,
    );
    const id = Number(row?.id);
    ids.set(seed.number, id);
    const milestones: Array<[string, string | undefined]> = [
      ['detected', seed.detectedAt],
      ['acknowledged', seed.acknowledgedAt],
      ['mitigated', seed.mitigatedAt],
      ['resolved', seed.resolvedAt],
    ];
    for (const [name, at] of milestones) {
      if (!at) continue;
      await queryRows(
        db,
        sql`INSERT INTO incident_milestones (team_id, incident_id, name, at, set_by) VALUES (${teamId}, ${id}, ${name}, ${at}, 'U0SEED')`,
      );
    }
    if (seed.commanderAt) {
      await queryRows(
        db,
        sql`INSERT INTO timeline_entries (team_id, incident_id, kind, occurred_at, text, data, source_key)
          VALUES (${teamId}, ${id}, 'role_assigned', ${seed.commanderAt}, 'commander named',
            ${JSON.stringify({ role: 'commander', userId: 'U0SEED' })}::jsonb, ${`seed:${id}:commander`})`,
      );
    }
    for (const update of seed.updates ?? []) {
      await queryRows(
        db,
        sql`INSERT INTO stakeholder_updates (team_id, incident_id, author_id, status, impact, actions, next_update_minutes, posted_at)
          VALUES (${teamId}, ${id}, 'U0SEED', 'investigating', 'Some impact', 'Working on it', ${update.nextMinutes ?? null}, ${update.postedAt})`,
      );
    }
    if (seed.postmortem) {
      await queryRows(
        db,
        sql`INSERT INTO postmortems (team_id, incident_id, status, owner_id, due_date, due_at, first_published_at, created_at, updated_at)
          VALUES (${teamId}, ${id}, ${seed.postmortem.publishedAt ? 'published' : 'draft'}, 'U0SEED',
            ${seed.postmortem.dueAt.slice(0, 10)}, ${seed.postmortem.dueAt}, ${seed.postmortem.publishedAt ?? null},
            ${seed.declaredAt}, ${seed.declaredAt})`,
      );
    }
    for (const action of seed.actions ?? []) {
      actionNumber += 1;
      await queryRows(
        db,
        sql`INSERT INTO actions (team_id, number, incident_id, text, owner_id, due_date, type, status, created_by, created_at, updated_at, closed_at)
          VALUES (${teamId}, ${actionNumber + seed.number * 100}, ${id}, 'Add an alert', 'U0OWNER', ${action.dueDate}, 'corrective',
            ${action.status ?? 'open'}, 'U0SEED', ${seed.declaredAt}, ${seed.declaredAt}, ${action.closedAt ?? null})`,
      );
    }
  }
  return ids;
}
