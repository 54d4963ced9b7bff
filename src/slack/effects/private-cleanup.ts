import { type Incident, incidentRef } from '../../incidents/index.ts';
import {
  type EffectExecutor,
  enqueueEffects,
  listIncidentEffects,
  listStreamEffects,
  type OutboxEffect,
} from '../../outbox/index.ts';
import { appendTimelineEntries } from '../../timeline/index.ts';
import { type EffectContext, loadIncident, requireChannel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

/**
 * Moving an incident private removes what Firebreak posted about it anywhere else: its messages in the
 * old public channel (card included, thread replies too), replies in the announcement's thread, updates
 * in stakeholder channels, direct messages, the reply under a source message, uploaded exports, and the
 * old channel's topic. The planner below finds them; each removal is its own effect in the incident's
 * cleanup stream, so a rate limit or a refusal retries or reports that one item and loses no progress.
 * The old channel is archived only after the removals (an archived channel cannot be edited), and a
 * report in the new private channel says what was removed and what could not be.
 */
export function cleanupStream(incidentId: number): string {
  return `incident:${incidentId}:private-cleanup`;
}

type Target = { channelId: string; ts: string };

// Effects that reply in the announcement's thread, and the one that replies under a source message.
const announcementThreadKinds = new Set(['announcement.reply', 'severity.announce']);
// The announcement itself is already replaced by a line naming only the number; keep it.
const keptKinds = new Set(['incident.announce', 'private.retire_channel']);

/** Plans the removals, once per move: a retried planner finds its plan already queued. */
export function clearPublicTraces(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const oldChannelId = String(effect.payload.oldChannelId);
    const stream = cleanupStream(incident.id);
    const planned = await listStreamEffects(ctx.db, { teamId: effect.teamId, stream });
    if (planned.some((row) => Number(row.payload.plannedBy) === effect.id)) return { skipped: 'already planned' };

    // Effects of every stream about this incident (card, topic, timeline, runbook, DMs) up to the move.
    const history = await listIncidentEffects(ctx.db, {
      teamId: effect.teamId,
      incidentId: incident.id,
      beforeId: effect.id,
    });
    const moveStart = [...history].reverse().find((row) => row.kind === 'private.retire_channel');
    const pointerTs = typeof moveStart?.result?.ts === 'string' ? moveStart.result.ts : undefined;
    const before = history.filter(
      (row) => row.id < (moveStart?.id ?? effect.id) && row.status === 'done' && !keptKinds.has(row.kind),
    );

    const messages = new Map<string, Target>();
    const add = (target: Target) => {
      if (target.channelId === incident.channelId || target.ts === pointerTs) return;
      messages.set(`${target.channelId}:${target.ts}`, target);
    };
    const files: string[] = [];
    for (const row of before) {
      const result = row.result ?? {};
      if (Array.isArray(result.files)) files.push(...result.files.filter((id): id is string => typeof id === 'string'));
      if (typeof result.ts !== 'string') continue;
      const channelId = postedChannel(incident, row, oldChannelId);
      if (channelId) add({ channelId, ts: result.ts });
    }
    for (const ts of await botMessagesInChannel(ctx, oldChannelId)) add({ channelId: oldChannelId, ts });
    if (incident.announcementChannelId && incident.announcementTs) {
      for (const ts of await botRepliesInThread(ctx, incident.announcementChannelId, incident.announcementTs))
        add({ channelId: incident.announcementChannelId, ts });
    }

    const base = { incidentId: incident.id, plannedBy: effect.id };
    await enqueueEffects(ctx.db, [
      ...[...messages.values()].map((target) => ({
        teamId: effect.teamId,
        stream,
        kind: 'private.remove_message' as const,
        payload: { ...base, ...target },
      })),
      ...[...new Set(files)].map((fileId) => ({
        teamId: effect.teamId,
        stream,
        kind: 'private.remove_file' as const,
        payload: { ...base, fileId },
      })),
      { teamId: effect.teamId, stream, kind: 'private.reset_topic' as const, payload: { ...base, oldChannelId } },
      { teamId: effect.teamId, stream, kind: 'private.archive_old' as const, payload: { ...base, oldChannelId } },
      { teamId: effect.teamId, stream, kind: 'private.cleanup_report' as const, payload: base },
    ]);
    return { messages: messages.size, files: files.length };
  };
}

// Where an earlier effect posted: its result says so when it can; otherwise its kind does.
function postedChannel(
  incident: Incident,
  row: { kind: string; payload: Record<string, unknown>; result: Record<string, unknown> | null },
  oldChannelId: string,
): string | undefined {
  const result = row.result ?? {};
  if (typeof result.channel === 'string') return result.channel;
  if (typeof row.payload.channelId === 'string') return row.payload.channelId;
  if (announcementThreadKinds.has(row.kind)) return incident.announcementChannelId ?? undefined;
  if (row.kind === 'source.link') return incident.sourceMessage?.channelId;
  return oldChannelId;
}

// The bot's top-level messages (a net under the outbox results). Its thread replies are known from those
// results (every post goes through postOnce), so threads are not walked one call each: a planner that
// rereads every thread on each rate-limited retry would never finish in a long-lived channel.
async function botMessagesInChannel(ctx: EffectContext, channel: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.client.conversations.history({ channel, limit: 200, cursor });
    for (const message of page.messages ?? []) {
      if (message.user === ctx.botUserId && message.ts) found.push(message.ts);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return found;
}

async function botRepliesInThread(ctx: EffectContext, channel: string, threadTs: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.client.conversations.replies({ channel, ts: threadTs, limit: 200, cursor });
    for (const message of page.messages ?? []) {
      if (message.ts && message.ts !== threadTs && message.user === ctx.botUserId) found.push(message.ts);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return found;
}

// Slack's answers that mean the item stays where it is; anything else is retried by the outbox.
const refusals = new Set([
  'cant_delete_message',
  'compliance_exports_prevent_deletion',
  'channel_not_found',
  'cant_delete_file',
  'no_permission',
  'is_archived',
  'not_in_channel',
]);
const alreadyGone = new Set(['message_not_found', 'file_not_found', 'file_deleted']);

async function attempt(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call();
    return { removed: true };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code && alreadyGone.has(code)) return { removed: true, alreadyGone: code };
    if (code && refusals.has(code)) return { removed: false, refused: code };
    throw error;
  }
}

export function removeMessage(ctx: EffectContext): EffectExecutor {
  return async (effect) => ({
    ...(await attempt(() =>
      ctx.client.chat.delete({ channel: String(effect.payload.channelId), ts: String(effect.payload.ts) }),
    )),
    channelId: effect.payload.channelId,
  });
}

export function removeFile(ctx: EffectContext): EffectExecutor {
  return async (effect) => attempt(() => ctx.client.files.delete({ file: String(effect.payload.fileId) }));
}

/** The old channel's topic carried the title; it becomes a line naming only the number. */
export function resetOldTopic(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const topic = ctx.copy.render('private.retired_topic', { ref: incidentRef(incident) });
    return attempt(() => ctx.client.conversations.setTopic({ channel: String(effect.payload.oldChannelId), topic }));
  };
}

/** Says in the private channel what the move removed elsewhere, and what it could not. */
export function reportCleanup(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const rows = (await listStreamEffects(ctx.db, { teamId: effect.teamId, stream: effect.stream })).filter(
      (row) => Number(row.payload.plannedBy) === Number(effect.payload.plannedBy) && row.id < effect.id,
    );
    const outcome = summarise(rows);
    const text = ctx.copy.render('private.cleanup_report', {
      ...outcome,
      left: outcome.left.map((item) => ({
        ...item,
        reason: ctx.copy.render(`private.cleanup_reasons.${reasonKey(item.code)}`, {}),
      })),
    });
    const posted = await postOnce(ctx, effect, { channel: requireChannel(incident), text });
    const now = ctx.clock.now();
    await appendTimelineEntries(ctx.db, [
      {
        teamId: incident.teamId,
        incidentId: incident.id,
        kind: 'private_cleanup',
        occurredAt: now,
        actorId: ctx.botUserId,
        text: `Removed ${outcome.messages} message(s) and ${outcome.files} file(s) posted outside the private channel${outcome.left.length > 0 ? `; ${outcome.left.length} could not be removed` : ''}`,
        data: { messages: outcome.messages, files: outcome.files, left: outcome.left },
        sourceKey: `incident:${incident.id}:private_cleanup:${effect.id}`,
      },
    ]);
    return { ts: posted.ts, ...outcome, left: outcome.left.length };
  };
}

type Row = Pick<OutboxEffect, 'kind' | 'payload'> & { status: string; result: Record<string, unknown> | null };
type Left = { what: string; channel: string; code: string };

export function summarise(rows: Row[]): {
  messages: number;
  files: number;
  topic: boolean;
  archived: boolean;
  left: Left[];
} {
  const outcome = { messages: 0, files: 0, topic: false, archived: false, left: [] as Left[] };
  for (const row of rows) {
    const removed = row.status === 'done' && row.result?.removed !== false;
    const code = row.status === 'dead' ? 'failed' : String(row.result?.refused ?? 'failed');
    const channel =
      typeof row.payload.channelId === 'string'
        ? `<#${row.payload.channelId}>`
        : typeof row.payload.oldChannelId === 'string'
          ? `<#${row.payload.oldChannelId}>`
          : '';
    if (row.kind === 'private.remove_message')
      removed ? outcome.messages++ : outcome.left.push({ what: 'a message', channel, code });
    if (row.kind === 'private.remove_file')
      removed ? outcome.files++ : outcome.left.push({ what: 'an uploaded file', channel, code });
    if (row.kind === 'private.reset_topic')
      removed ? (outcome.topic = true) : outcome.left.push({ what: "the old channel's topic", channel, code });
    if (row.kind === 'private.archive_old')
      row.status === 'done'
        ? (outcome.archived = true)
        : outcome.left.push({ what: 'the old channel (not archived)', channel, code: 'failed' });
  }
  return outcome;
}

function reasonKey(code: string): string {
  if (code === 'compliance_exports_prevent_deletion') return 'compliance';
  if (code === 'channel_not_found' || code === 'not_in_channel' || code === 'is_archived') return 'unreachable';
  if (code === 'failed') return 'failed';
  return 'refused';
}
