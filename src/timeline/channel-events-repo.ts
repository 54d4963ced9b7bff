import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../platform/db.ts';
import type { ChannelEntryDraft } from './capture-service.ts';

/** A Slack event from a channel, with the timeline entry it becomes if the channel is an incident's. */
export type ChannelEvent = {
  teamId: string;
  dedupeKey: string;
  payload: unknown;
  channelId: string;
  entry?: ChannelEntryDraft;
};

/**
 * Stores many channel events in one statement: each event's inbox row, already handled, and its
 * timeline entry when the channel belongs to an incident, so the request and its effect commit together.
 * Returns, per event, whether it was new (false: its key was stored before, by a retry or earlier in
 * the batch). An event already in the inbox adds nothing; an entry already on the timeline is skipped.
 */
export async function storeChannelEvents(db: Queryable, events: ChannelEvent[]): Promise<boolean[]> {
  const keyOf = (event: { teamId: string; dedupeKey: string }) => `${event.teamId}\u0000${event.dedupeKey}`;
  const unique = [...new Map(events.map((event) => [keyOf(event), event])).values()];
  const input = unique.map((event, ord) => ({
    ord,
    team_id: event.teamId,
    dedupe_key: event.dedupeKey,
    payload: event.payload,
    channel_id: event.channelId,
    ...(event.entry
      ? {
          kind: event.entry.kind,
          occurred_at: event.entry.occurredAt.toISOString(),
          slack_ts: event.entry.slackTs ?? null,
          actor_id: event.entry.actorId ?? null,
          text: event.entry.text ?? '',
          data: event.entry.data,
          source_key: event.entry.sourceKey,
        }
      : {}),
  }));
  // The incident is found in the statement rather than read first: one round trip for the whole batch.
  const stored = await queryRows<{ team_id: string; dedupe_key: string }>(
    db,
    sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS i(
          ord int, team_id text, dedupe_key text, payload jsonb, channel_id text,
          kind text, occurred_at timestamptz, slack_ts text, actor_id text, text text, data jsonb, source_key text)
      ),
      stored AS (
        INSERT INTO inbox (team_id, dedupe_key, kind, payload, handled_at, attempts)
        SELECT team_id, dedupe_key, 'event', payload, now(), 1 FROM input ORDER BY ord
        ON CONFLICT (team_id, dedupe_key) DO NOTHING
        RETURNING team_id, dedupe_key
      ),
      captured AS (
        INSERT INTO timeline_entries (team_id, incident_id, kind, occurred_at, slack_ts, actor_id, text, data, source_key)
        SELECT i.team_id, i.incident_id, i.kind, i.occurred_at, i.slack_ts, i.actor_id, i.text, i.data, i.source_key
        FROM (
          -- A subquery per row looks the channel up through the (team_id, channel_id) index; as a join,
          -- the planner could settle for team_id alone and scan every incident of the workspace per event.
          SELECT input.*, (SELECT id FROM incidents WHERE incidents.team_id = input.team_id AND incidents.channel_id = input.channel_id) AS incident_id
          FROM input WHERE input.source_key IS NOT NULL
        ) AS i
        JOIN stored ON stored.team_id = i.team_id AND stored.dedupe_key = i.dedupe_key
        WHERE i.incident_id IS NOT NULL
        ORDER BY i.ord
        ON CONFLICT (team_id, source_key) DO NOTHING
        RETURNING id
      )
      SELECT team_id, dedupe_key FROM stored`,
  );
  const isNew = new Set(stored.map((row) => `${row.team_id}\u0000${row.dedupe_key}`));
  return events.map((event) => {
    const key = keyOf(event);
    const fresh = isNew.has(key);
    // Only the first of identical keys in a batch is new; the rest are duplicates, like retries.
    isNew.delete(key);
    return fresh;
  });
}
