import type { RawSql } from './raw-sql.ts';

/** A resolved incident of the bench's own, with `entries` timeline rows written straight into the tables. */
export type SeededIncident = { id: number; entries: number; byKind: Record<string, number> };

/** The workspace the seeded incidents live in: apart from the other scenarios', so related-incident lookups see only these. */
export const seedTeamId = 'T0PMBENCH';
const users = Array.from({ length: 24 }, (_, i) => `U0PM${String(i + 1).padStart(4, '0')}`);
/** Seconds between two entries on average: 10,000 entries span ~5.5 h, 100,000 ~2.3 days. */
const secondsPerEntry = 2;
/** Rows per INSERT … SELECT FROM jsonb_to_recordset(…): one parameter, so the statement text never changes. */
const insertBatch = 2000;

type SeedRow = {
  kind: string;
  occurred_at: string;
  slack_ts: string | null;
  actor_id: string | null;
  text: string;
  data: Record<string, unknown>;
  source_key: string;
};

// A fixed seed (mulberry32): every run drafts the same incidents.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words =
  'the checkout api returns 502 again after deploy rollback cache latency p99 error rate dashboards show spike on eu-west replicas lag queue depth growing retry storm looks like config flag flipped by mistake restarting pods now db connections exhausted pool at max we should page payments on-call'.split(
    ' ',
  );

/**
 * The rows of one incident's timeline in a realistic mix: mostly channel messages (some in threads, some
 * mentioning people), ~1 % edits, ~0.5 % deletes, ~1 % key flags (📌 reactions and pins, some taken back),
 * ~2 % notes, stakeholder updates and runbook steps, and the handful of milestones, status, severity and
 * role changes an incident has. Shaped as Firebreak's capture code writes them (same kinds, data, keys).
 */
export function seedRows(incidentId: number, channelId: string, n: number, startSeconds: number): SeedRow[] {
  const next = random(incidentId * 7919 + n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const sentence = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min)) }, () => pick(words)).join(' ');
  const rows: SeedRow[] = [];
  const messages: Array<{ ts: string; text: string; actor: string }> = [];
  const at = (i: number) => startSeconds + i * secondsPerEntry + Math.floor(next() * secondsPerEntry);
  const tsOf = (seconds: number, i: number) => `${seconds}.${String(i % 1_000_000).padStart(6, '0')}`;
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  // The lifecycle: where in the timeline each structural entry sits (fraction of n).
  const lifecycle: Array<[number, () => Omit<SeedRow, 'occurred_at' | 'slack_ts'>]> = [
    [
      0,
      () => ({
        kind: 'declared',
        actor_id: users[0]!,
        text: `INC declared as SEV2: Bench checkout outage ${incidentId}`,
        data: { severity: 'sev2' },
        source_key: `incident:${incidentId}:declared`,
      }),
    ],
    [
      0,
      () => ({
        kind: 'role_assigned',
        actor_id: users[0]!,
        text: `<@${users[0]}> is commander`,
        data: { role: 'commander', userId: users[0] },
        source_key: `incident:${incidentId}:role:commander:0`,
      }),
    ],
    [
      0.01,
      () => ({
        kind: 'milestone',
        actor_id: users[0]!,
        text: 'detected',
        data: { milestone: 'detected', previous: null },
        source_key: `milestone:${incidentId}:detected:seed`,
      }),
    ],
    [
      0.02,
      () => ({
        kind: 'role_assigned',
        actor_id: users[0]!,
        text: `<@${users[1]}> is comms`,
        data: { role: 'comms', userId: users[1] },
        source_key: `incident:${incidentId}:role:comms:1`,
      }),
    ],
    [
      0.03,
      () => ({
        kind: 'milestone',
        actor_id: users[1]!,
        text: 'acknowledged',
        data: { milestone: 'acknowledged', previous: null },
        source_key: `milestone:${incidentId}:acknowledged:seed`,
      }),
    ],
    [
      0.1,
      () => ({
        kind: 'severity_changed',
        actor_id: users[0]!,
        text: 'Severity sev2 → sev1: checkout down in every region',
        data: { from: 'sev2', to: 'sev1', reason: 'checkout down in every region', escalation: true },
        source_key: `severity:${incidentId}:1`,
      }),
    ],
    [
      0.2,
      () => ({
        kind: 'status_changed',
        actor_id: users[0]!,
        text: 'Status investigating → identified',
        data: { from: 'investigating', to: 'identified' },
        source_key: `status:${incidentId}:identified`,
      }),
    ],
    [
      0.25,
      () => ({
        kind: 'runbook_started',
        actor_id: users[2]!,
        text: 'Runbook “Database failover” started',
        data: { runId: incidentId },
        source_key: `runbook:${incidentId}:started`,
      }),
    ],
    [
      0.4,
      () => ({
        kind: 'handover',
        actor_id: users[0]!,
        text: `<@${users[3]}> takes over commander from <@${users[0]}>`,
        data: { role: 'commander', from: users[0], to: users[3] },
        source_key: `handover:${incidentId}:1`,
      }),
    ],
    [
      0.5,
      () => ({
        kind: 'milestone',
        actor_id: users[3]!,
        text: 'mitigated',
        data: { milestone: 'mitigated', previous: null },
        source_key: `milestone:${incidentId}:mitigated:seed`,
      }),
    ],
    [
      0.5,
      () => ({
        kind: 'status_changed',
        actor_id: users[3]!,
        text: 'Status identified → monitoring',
        data: { from: 'identified', to: 'monitoring' },
        source_key: `status:${incidentId}:monitoring`,
      }),
    ],
    [
      0.6,
      () => ({
        kind: 'runbook_completed',
        actor_id: users[2]!,
        text: 'Runbook “Database failover” completed',
        data: { runId: incidentId },
        source_key: `runbook:${incidentId}:completed`,
      }),
    ],
    [
      0.7,
      () => ({
        kind: 'handover',
        actor_id: users[3]!,
        text: `<@${users[4]}> takes over comms from <@${users[1]}>`,
        data: { role: 'comms', from: users[1], to: users[4] },
        source_key: `handover:${incidentId}:2`,
      }),
    ],
    [
      0.99,
      () => ({
        kind: 'severity_changed',
        actor_id: users[3]!,
        text: 'Final severity sev1 → sev1',
        data: { from: 'sev1', to: 'sev1', reason: 'final severity at resolution' },
        source_key: `severity:${incidentId}:final`,
      }),
    ],
    [
      0.99,
      () => ({
        kind: 'status_changed',
        actor_id: users[3]!,
        text: 'Status monitoring → resolved',
        data: { from: 'monitoring', to: 'resolved' },
        source_key: `status:${incidentId}:resolved`,
      }),
    ],
    [
      0.99,
      () => ({
        kind: 'milestone',
        actor_id: users[3]!,
        text: 'resolved',
        data: { milestone: 'resolved', previous: null },
        source_key: `milestone:${incidentId}:resolved:seed`,
      }),
    ],
  ];
  let structural = 0;
  for (let i = 0; rows.length < n; i++) {
    const seconds = at(i);
    const due = lifecycle[structural];
    if (due && i >= due[0] * n) {
      structural++;
      rows.push({ ...due[1](), occurred_at: iso(seconds), slack_ts: null });
      continue;
    }
    const r = next();
    const target = messages.length > 0 ? pick(messages) : undefined;
    const actor = pick(users);
    const eventTs = tsOf(seconds, i);
    if (target && r < 0.01) {
      const text = `${target.text} (edited: ${sentence(2, 6)})`;
      rows.push({
        kind: 'message_edited',
        occurred_at: iso(seconds),
        slack_ts: target.ts,
        actor_id: target.actor,
        text,
        data: { channelId, eventTs, mentions: [], previousText: target.text },
        source_key: `msg:${channelId}:${target.ts}:edit:${eventTs}`,
      });
      target.text = text;
    } else if (target && r < 0.015) {
      rows.push({
        kind: 'message_deleted',
        occurred_at: iso(seconds),
        slack_ts: target.ts,
        actor_id: null,
        text: '',
        data: { channelId, eventTs },
        source_key: `msg:${channelId}:${target.ts}:delete:${eventTs}`,
      });
    } else if (target && r < 0.025) {
      const via = next() < 0.8 ? 'reaction' : 'pin';
      const on = next() < 0.9;
      rows.push({
        kind: 'key_flag',
        occurred_at: iso(seconds),
        slack_ts: target.ts,
        actor_id: actor,
        text: '',
        data: { channelId, eventTs, via, on },
        source_key: `flag:${channelId}:${target.ts}:${via}:${actor}:${eventTs}`,
      });
    } else if (r < 0.045) {
      const noteType = pick(['decision', 'hypothesis', 'action', 'change', 'observation', undefined]);
      rows.push({
        kind: 'note',
        occurred_at: iso(seconds),
        slack_ts: null,
        actor_id: actor,
        text: sentence(6, 24),
        data: { ...(noteType ? { noteType } : {}), mentions: [], backdated: false },
        source_key: `note:${incidentId}:${i}`,
      });
    } else if (r < 0.047) {
      rows.push({
        kind: 'stakeholder_update',
        occurred_at: iso(seconds),
        slack_ts: null,
        actor_id: users[1]!,
        text: 'Stakeholder update: investigating',
        data: { updateId: i, status: 'investigating' },
        source_key: `update:${incidentId}:${i}`,
      });
    } else if (r < 0.05) {
      rows.push({
        kind: 'runbook_step',
        occurred_at: iso(seconds),
        slack_ts: null,
        actor_id: actor,
        text: `Runbook “Database failover”: step ${i} — done by <@${actor}>`,
        data: { runId: incidentId, stepId: `s${i}`, state: 'done' },
        source_key: `runbook:${incidentId}:step:${i}`,
      });
    } else {
      const mention = next() < 0.1 ? ` <@${pick(users)}>` : '';
      const text = `${sentence(4, 30)}${mention}`;
      const threadTs = messages.length > 0 && next() < 0.2 ? pick(messages).ts : undefined;
      rows.push({
        kind: 'message',
        occurred_at: iso(seconds),
        slack_ts: eventTs,
        actor_id: actor,
        text,
        data: {
          channelId,
          eventTs,
          mentions: mention ? [mention.slice(3, -1)] : [],
          ...(threadTs ? { threadTs } : {}),
        },
        source_key: `msg:${channelId}:${eventTs}`,
      });
      messages.push({ ts: eventTs, text, actor });
    }
  }
  return rows;
}

/** Creates a resolved incident in {@link seedTeamId} and writes `n` timeline entries for it, a batch per statement. */
export async function seedIncident(raw: RawSql, params: { number: number; n: number }): Promise<SeededIncident> {
  const channelId = `C0PM${params.number}`;
  const start = 1_790_000_000 + params.number * 400_000;
  const end = start + params.n * secondsPerEntry;
  const [incident] = await raw.query<{ id: number | string }>(
    `INSERT INTO incidents (team_id, number, declare_key, title, severity, status, customer_impact, services, declared_by,
        started_at, declared_at, channel_name, channel_id, resolved_at, change_induced, triggering_change)
      VALUES ($1, $2, $3, $4, 'sev1', 'resolved', 'Checkout failed for most EU customers', '["checkout","payments-api"]'::jsonb,
        $5, $6::timestamptz - interval '10 minutes', $6::timestamptz, $7, $8, $9::timestamptz, true, 'deploy 4711 of payments-api')
      RETURNING id`,
    [
      seedTeamId,
      params.number,
      `bench:postmortem:${params.number}`,
      `Bench checkout outage (${params.n} entries)`,
      users[0],
      new Date(start * 1000).toISOString(),
      `inc-${params.number}-bench-checkout`,
      channelId,
      new Date(end * 1000).toISOString(),
    ],
  );
  const id = Number(incident?.id);
  const rows = seedRows(id, channelId, params.n, start);
  for (let from = 0; from < rows.length; from += insertBatch) {
    await raw.query(
      `INSERT INTO timeline_entries (team_id, incident_id, kind, occurred_at, slack_ts, actor_id, text, data, source_key)
        SELECT $1, $2, r.kind, r.occurred_at, r.slack_ts, r.actor_id, r.text, r.data, r.source_key
          FROM jsonb_to_recordset($3::text::jsonb)
            AS r(kind text, occurred_at timestamptz, slack_ts text, actor_id text, text text, data jsonb, source_key text)`,
      [seedTeamId, id, JSON.stringify(rows.slice(from, from + insertBatch))],
    );
  }
  const milestones = rows.filter((row) => row.kind === 'milestone');
  for (const row of milestones)
    await raw.query(
      `INSERT INTO incident_milestones (team_id, incident_id, name, at, set_by) VALUES ($1, $2, $3, $4::timestamptz, $5)`,
      [seedTeamId, id, row.data.milestone, row.occurred_at, row.actor_id],
    );
  const byKind: Record<string, number> = {};
  for (const row of rows) byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
  return { id, entries: rows.length, byKind };
}
