import type { EmulatorThread, NewMember } from './emulator-thread.ts';
import type { RawSql } from './raw-sql.ts';

/** The workspace of the weekly-reminder scenario: its own emulator's team, apart from the other scenarios' rows. */
export const reminderTeamId = 'T0ACTBENCH';

/** Real zones the owners live in (the sweep plans each owner's next Monday 9:00 in their own). */
export const ownerTimeZones = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Africa/Johannesburg',
  'Pacific/Auckland',
  'UTC',
] as const;

/** What was seeded, for the sanity lines and the checks after the run. */
export type SeededReminders = {
  incidents: number;
  actions: number;
  owners: number;
  overdueActions: number;
  actionsPerOwner: number;
  incidentsPerOwner: number;
  /** How many distinct time zones the owners live in. */
  zones: number;
  /** ms: SQL rows (incidents, actions, owners, ANALYZE) and the emulator's users with their DMs. */
  sqlMs: number;
  emulatorMs: number;
};

/** The owner id of owner `i` (1-based): `U0ACT00001`…; a user id, so a DM can be posted to it directly. */
export const ownerId = (i: number) => `U0ACT${String(i).padStart(5, '0')}`;

const actionsPerOwner = 10;
/** An owner's ten actions come from four incidents (2–3 each), as when a person takes several from a review. */
const incidentsPerOwner = 4;

/**
 * Seeds `owners` people with 10 open actions each over `incidents` resolved incidents (due dates from 30
 * days overdue to 60 days ahead), every owner's weekly reminder due a few seconds to minutes ago in one
 * of {@link ownerTimeZones}, and each of them as a member of the emulator's workspace with a DM open.
 * Straight SQL (generate_series), then ANALYZE as autovacuum would after such a load.
 */
export async function seedReminders(
  raw: RawSql,
  emulator: EmulatorThread,
  params: { owners: number; incidents: number },
): Promise<SeededReminders> {
  const started = performance.now();
  const { owners, incidents } = params;
  const ids = await raw.query<{ id: number | string }>(
    `INSERT INTO incidents (team_id, number, declare_key, title, severity, status, customer_impact, services, declared_by,
        started_at, declared_at, channel_name, channel_id, resolved_at, change_induced)
      SELECT $1, g, 'bench:actions:' || g, 'Bench incident ' || g, 'sev2', 'resolved', 'Some customers saw errors',
        '["checkout"]'::jsonb, 'U0ACT00001', now() - (g || ' days')::interval - interval '2 hours',
        now() - (g || ' days')::interval - interval '2 hours', 'inc-' || g || '-bench', 'C0ACT' || g,
        now() - (g || ' days')::interval, false
      FROM generate_series(1, $2::int) AS g
      RETURNING id`,
    [reminderTeamId, incidents],
  );
  const firstIncident = Math.min(...ids.map((row) => Number(row.id)));
  // Action g belongs to owner o = (g-1) % owners, the k-th of theirs (k = 0…9); k / 3 picks one of four
  // incidents, spread so owners share incidents. Due dates cycle over 91 days from 30 days ago.
  await raw.query(
    `INSERT INTO actions (team_id, number, incident_id, text, owner_id, due_date, type, priority, status,
        created_by, created_at, updated_at)
      SELECT $1, g, $2::bigint + ((o + (k / 3) * 37) % $3::int),
        'Bench action ' || g || ': alert on checkout error rate per region', 'U0ACT' || lpad((o + 1)::text, 5, '0'),
        to_char(current_date + ((g * 7919) % 91 - 30), 'YYYY-MM-DD'),
        (ARRAY['mitigation','corrective','preventive','detection','runbook','process'])[1 + g % 6],
        (ARRAY['p1','p2','p3'])[1 + g % 3], 'open', 'U0ACT00001', now() - interval '3 days', now() - interval '3 days'
      FROM generate_series(1, $4::int) AS g, LATERAL (SELECT (g - 1) % $5::int AS o, (g - 1) / $5::int AS k) AS s`,
    [reminderTeamId, firstIncident, incidents, owners * actionsPerOwner, owners],
  );
  // Due between 1 s and 5 min ago, so the first page is the earliest and every owner is due now.
  await raw.query(
    `INSERT INTO action_owners (team_id, owner_id, next_reminder_at, reminded_week, time_zone)
      SELECT $1, 'U0ACT' || lpad(i::text, 5, '0'), now() - make_interval(secs => 1 + (i * 7919) % 300), NULL,
        ($2::text[])[1 + i % cardinality($2::text[])]
      FROM generate_series(1, $3::int) AS i`,
    [reminderTeamId, [...ownerTimeZones], owners],
  );
  await raw.query('ANALYZE incidents', []);
  await raw.query('ANALYZE actions', []);
  await raw.query('ANALYZE action_owners', []);
  const [overdue] = await raw.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM actions WHERE team_id = $1 AND status = 'open' AND due_date < to_char(current_date, 'YYYY-MM-DD')`,
    [reminderTeamId],
  );
  const sqlMs = performance.now() - started;
  const emulatorStarted = performance.now();
  const members: NewMember[] = Array.from({ length: owners }, (_, i) => ({
    id: ownerId(i + 1),
    name: `owner${i + 1}`,
    tz: ownerTimeZones[(i + 1) % ownerTimeZones.length]!,
  }));
  await emulator.addUsers(members);
  return {
    incidents: ids.length,
    actions: owners * actionsPerOwner,
    owners,
    overdueActions: Number(overdue?.n ?? 0),
    actionsPerOwner,
    incidentsPerOwner,
    zones: ownerTimeZones.length,
    sqlMs,
    emulatorMs: performance.now() - emulatorStarted,
  };
}
