/**
 * The two-replicas scenario's second half: card clicks (delivered 1–4 times like everything else) and the
 * scheduled work both replicas' schedulers compete for — each incident's stakeholder-update nudge and the
 * weekly reliability digest — with the checks that each took effect, or was posted, exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@firebreak/slack-emulator';
import {
  benchWorkspace,
  type SignedRequest,
  type SigningOptions,
  signedBlockAction,
} from '../../bench/slack-requests.ts';
import type { ScratchDatabase } from '../database.ts';

/** The incident a click lands on: where its card is. */
export type ClickedIncident = { id: number; title: string; channelId: string; cardTs: string };

/** A digest channel made for the run and a firebreak.yml naming it; `remove()` deletes the file. */
export type DigestSetup = { channelId: string; configPath: string; remove(): Promise<void> };

/** The workspace posting cap the replicas are configured with (Slack's own is about 100 a minute for chat.postMessage). */
export const postMessagePerMinute = 1200;
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * A fresh channel for the digest, and a config posting it today at 00:00 UTC, a moment already passed, with
 * posting paced at {@link postMessagePerMinute}.
 * On a fresh database the first digest is still planned a week ahead (the slot strictly after start), so
 * {@link makeJobsDue} brings it forward: as if the replicas had been down over today's slot.
 */
export async function setUpDigest(emulator: Emulator): Promise<DigestSetup> {
  const name = `chaos-digest-${randomBytes(4).toString('hex')}`;
  const channel = emulator.workspace.addChannel({ name });
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-chaos-'));
  const configPath = join(dir, 'firebreak.yml');
  const day = weekdays[new Date().getUTCDay()];
  // The emulator here does not rate limit; Firebreak's own pace (100 posts a minute per workspace, per replica)
  // would make the minute after the nudges fall due a queue of several hundred posts.
  const yaml = `timezone: UTC\nslack:\n  post_message_per_minute: ${postMessagePerMinute}\ndigest:\n  channel: "#${name}"\n  day: ${day}\n  hour: 0\n`;
  await writeFile(configPath, yaml);
  return { channelId: channel.id, configPath, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A person picks "Identified" in the card's status select: a signed block_actions on the card as the emulator holds it. */
export function statusClick(
  emulator: Emulator,
  signing: SigningOptions,
  incident: ClickedIncident,
  sequence: number,
  responseUrl: string,
): SignedRequest {
  const card = emulator.workspace.message(incident.channelId, incident.cardTs);
  if (!card) throw new Error(`${incident.title}: no card at ${incident.cardTs} in the emulator`);
  const channel = emulator.workspace.channel(incident.channelId);
  return signedBlockAction(signing, {
    sequence,
    channelId: incident.channelId,
    channelName: channel?.name ?? '',
    message: { ts: card.ts, text: card.text, blocks: card.blocks, bot_id: card.bot_id },
    blockId: 'card_actions',
    action: {
      type: 'static_select',
      action_id: 'incident_card.status',
      selected_option: { text: { type: 'plain_text', text: 'Identified' }, value: 'identified' },
    },
    responseUrl,
  });
}

/**
 * Brings the stakeholder-update nudges of the first `nudged` incidents (by id) and the digest forward to now, as if
 * their time had come: both replicas' schedulers (polling each second) then race for them. Only a few nudges: each
 * is also a DM to the same person, and Slack takes about one post a second in a channel, so 200 would queue 200 s.
 * Returns the incidents whose nudge was made due, and how many digest jobs.
 */
export async function makeJobsDue(
  database: ScratchDatabase,
  nudged: number,
): Promise<{ nudgedIds: number[]; digests: number }> {
  const rows = await database.sql<{ kind: string; incident_id: number | null }[]>`
    UPDATE scheduled_jobs SET run_at = now() - interval '1 second'
     WHERE id IN (
       (SELECT id FROM scheduled_jobs WHERE team_id = ${benchWorkspace.teamId} AND status = 'pending'
           AND kind = 'update.due' ORDER BY (payload->>'incidentId')::int LIMIT ${nudged})
       UNION ALL
       (SELECT id FROM scheduled_jobs WHERE team_id = ${benchWorkspace.teamId} AND status = 'pending'
           AND kind = 'insights.digest'))
     RETURNING kind, (payload->>'incidentId')::int AS incident_id`;
  return {
    nudgedIds: rows.flatMap((row) => (row.kind === 'update.due' && row.incident_id !== null ? [row.incident_id] : [])),
    digests: rows.filter((row) => row.kind === 'insights.digest').length,
  };
}

/** Jobs due or running: the replicas are not quiet while any is left. */
export async function dueJobs(database: ScratchDatabase): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM scheduled_jobs
     WHERE team_id = ${benchWorkspace.teamId}
       AND ((status = 'pending' AND run_at <= now()) OR status = 'running')`;
  return row?.n ?? 0;
}

export type ClicksAndJobsCheck = {
  /** Problem lists by what they are, as the scenario reports them ("N <what>: sample"). */
  found: Array<[what: string, items: string[]]>;
  statusChanges: number;
  nudgesInChannels: number;
  nudgesByDm: number;
  digestPosts: number;
  digestCharts: number;
};

/**
 * One status change per clicked incident (in the database and on its timeline); per incident whose nudge was made
 * due, one `update_due` entry, one nudge in its channel and one by DM (none for the others); one digest post and one
 * chart in the digest channel.
 */
export async function checkClicksAndJobs(
  database: ScratchDatabase,
  emulator: Emulator,
  clicked: ClickedIncident[],
  nudgedIds: number[],
  digest: DigestSetup,
): Promise<ClicksAndJobsCheck> {
  const nudged = new Set(nudgedIds);
  const team = benchWorkspace.teamId;
  const perIncident = async (kind: string) =>
    new Map(
      (
        await database.sql<{ id: number; n: number }[]>`
          SELECT incident_id::int AS id, count(*)::int AS n FROM timeline_entries
           WHERE team_id = ${team} AND kind = ${kind} GROUP BY incident_id`
      ).map((row) => [row.id, row.n]),
    );
  const statusEntries = await perIncident('status_changed');
  const dueEntries = await perIncident('update_due');
  const statuses = new Map(
    (
      await database.sql<{ id: number; status: string }[]>`
        SELECT id::int, status FROM incidents WHERE team_id = ${team}`
    ).map((row) => [row.id, row.status]),
  );
  const dm = emulator.workspace.openDirectMessage(benchWorkspace.userId);
  const dms = emulator.workspace.messages(dm.id).filter((m) => m.bot_id && /stakeholder update/.test(m.text ?? ''));
  const found: Array<[string, string[]]> = [];
  const doubled = { status: [] as string[], due: [] as string[], channel: [] as string[], dm: [] as string[] };
  const missing: string[] = [];
  let nudgesInChannels = 0;
  let nudgesByDm = 0;
  for (const incident of clicked) {
    const changes = statusEntries.get(incident.id) ?? 0;
    if (changes > 1) doubled.status.push(`${incident.title} ×${changes}`);
    if (changes === 0 || statuses.get(incident.id) !== 'identified')
      missing.push(`${incident.title}: status ${statuses.get(incident.id)}, ${changes} status entries`);
    // Those not made due must have had no nudge at all: their cadence is an hour away.
    const expected = nudged.has(incident.id) ? 1 : 0;
    const due = dueEntries.get(incident.id) ?? 0;
    if (due > expected) doubled.due.push(`${incident.title} ×${due}`);
    if (due < expected) missing.push(`${incident.title}: no update_due entry`);
    const inChannel = emulator.workspace
      .messages(incident.channelId)
      .filter((m) => m.bot_id && /a stakeholder update for .* is due now/.test(m.text ?? '')).length;
    nudgesInChannels += inChannel;
    if (inChannel > expected) doubled.channel.push(`${incident.title} ×${inChannel}`);
    if (inChannel < expected) missing.push(`${incident.title}: no nudge in its channel`);
    const byDm = dms.filter((m) => (m.text ?? '').includes(`<#${incident.channelId}>`)).length;
    nudgesByDm += byDm;
    if (byDm > expected) doubled.dm.push(`${incident.title} ×${byDm}`);
    if (byDm < expected) missing.push(`${incident.title}: no nudge by DM`);
  }
  const digestPosts = emulator.workspace.messages(digest.channelId).filter((m) => m.bot_id).length;
  const digestCharts = emulator.workspace
    .files(digest.channelId)
    .filter((file) => /^reliability-digest-.*\.png$/.test(file.name ?? '')).length;
  if (digestPosts === 0) missing.push('no digest post');
  if (digestCharts === 0) missing.push('no digest chart');
  found.push(
    ['status clicks taken more than once', doubled.status],
    ['stakeholder-update nudges on the timeline more than once', doubled.due],
    ['stakeholder-update nudges posted more than once in a channel', doubled.channel],
    ['stakeholder-update nudges sent more than once by DM', doubled.dm],
    ['digests posted more than once', digestPosts > 1 ? [`${digestPosts} posts`] : []],
    ['digest charts uploaded more than once', digestCharts > 1 ? [`${digestCharts} charts`] : []],
    ['clicks, nudges or digest missing', missing],
  );
  return {
    found,
    statusChanges: [...statusEntries.values()].reduce((sum, n) => sum + n, 0),
    nudgesInChannels,
    nudgesByDm,
    digestPosts,
    digestCharts,
  };
}
