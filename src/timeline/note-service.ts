import { appendTimelineEntries, recordTypedRedactions } from '../entry-log/index.ts';
import { requireIncident } from '../incidents/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { DomainError } from '../platform/errors.ts';
import { redactFields, redactSecrets } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import { timelineStream } from './capture-service.ts';
import type { NoteType } from './note.ts';
import { recordNumberedExport } from './numbered-export.ts';
import { mentionedUserIds } from './slack-text.ts';

export type AddNoteInput = {
  teamId: string;
  incidentId: number;
  actorId: string;
  text: string;
  noteType?: NoteType;
  at?: Date;
  requestKey: string;
};

/**
 * Adds a typed, possibly back-dated note once per request, stored redacted; when a secret was taken
 * out, the writer is told. Returns the text as stored, for echoing back.
 */
export async function addNote(deps: ServiceDeps, input: AddNoteInput): Promise<{ at: Date; text: string }> {
  const now = deps.clock.now();
  const at = input.at ?? now;
  const { values, found } = redactFields({ note: input.text });
  const text = values.note;
  const kinds = found[0]?.kinds ?? [];
  await inTransaction(deps, async (tx, effects) => {
    const inserted = await appendTimelineEntries(tx, [
      {
        teamId: input.teamId,
        incidentId: input.incidentId,
        kind: 'note',
        occurredAt: at,
        actorId: input.actorId,
        text,
        data: {
          ...(input.noteType ? { noteType: input.noteType } : {}),
          mentions: mentionedUserIds(text),
          recordedAt: now.toISOString(),
          backdated: at.getTime() !== now.getTime(),
          ...(kinds.length ? { redacted: kinds } : {}),
        },
        sourceKey: `note:${input.requestKey}`,
      },
    ]);
    if (inserted === 0) return;
    await recordTypedRedactions(tx, effects, {
      teamId: input.teamId,
      incidentId: input.incidentId,
      userId: input.actorId,
      at: now,
      found,
      key: `note:${input.requestKey}`,
      stream: timelineStream(input.incidentId),
    });
  });
  return { at, text };
}

export type AddMessageInput = {
  teamId: string;
  incidentId: number;
  actorId: string;
  channelId: string;
  ts: string;
  authorId: string | undefined;
  text: string;
  permalink: string | undefined;
  threadTs?: string;
};

/**
 * "Add to incident timeline": records the message (one entry even if the channel's event also
 * captured it) and flags it as key.
 */
export async function addMessageToTimeline(deps: ServiceDeps, input: AddMessageInput): Promise<void> {
  const incident = await requireIncident(deps.db, input);
  const inChannel = incident.channelId === input.channelId;
  // In the incident channel the event path uses the same key; elsewhere the key names the incident.
  const messageKey = inChannel
    ? `msg:${input.channelId}:${input.ts}`
    : `msg:${input.channelId}:${input.ts}:incident:${incident.id}`;
  const { text, kinds } = redactSecrets(input.text);
  const occurredAt = new Date(Math.round(Number(input.ts) * 1000));
  const data = {
    channelId: input.channelId,
    eventTs: input.ts,
    mentions: mentionedUserIds(text),
    ...(input.permalink ? { permalink: input.permalink } : {}),
    ...(input.threadTs && input.threadTs !== input.ts ? { threadTs: input.threadTs } : {}),
  };
  await inTransaction(deps, async (tx, effects) => {
    await appendTimelineEntries(tx, [
      {
        teamId: input.teamId,
        incidentId: incident.id,
        kind: 'message',
        occurredAt,
        slackTs: input.ts,
        actorId: input.authorId ?? null,
        text,
        data: { ...data, ...(kinds.length ? { redacted: kinds } : {}) },
        sourceKey: messageKey,
      },
      {
        teamId: input.teamId,
        incidentId: incident.id,
        kind: 'key_flag',
        occurredAt,
        slackTs: input.ts,
        actorId: input.actorId,
        data: { ...data, via: 'shortcut', on: true },
        sourceKey: `flag:${input.channelId}:${input.ts}:shortcut:${incident.id}`,
      },
    ]);
    if (kinds.length === 0 || !incident.channelId) return;
    // The secret is in the channel the message came from: say so there, never repeating it.
    effects.add({
      teamId: input.teamId,
      stream: timelineStream(incident.id),
      kind: 'timeline.redaction_notice',
      payload: { incidentId: incident.id, channelId: input.channelId, threadTs: input.threadTs ?? input.ts, kinds },
    });
  });
}

/** Queues the Markdown and CSV export of the whole timeline to the incident channel, once per request. */
export async function requestTimelineExport(
  deps: ServiceDeps,
  input: { teamId: string; incidentId: number; actorId: string; requestKey: string },
): Promise<boolean> {
  const incident = await requireIncident(deps.db, input);
  if (!incident.channelId)
    throw new DomainError('timeline.no_channel', 'The incident channel is still being created; try again in a moment.');
  const queued = await inTransaction(deps, async (tx, effects) => {
    const exportNumber = await recordNumberedExport(tx, {
      teamId: input.teamId,
      incidentId: incident.id,
      actorId: input.actorId,
      at: deps.clock.now(),
      kind: 'timeline_exported',
      text: 'Timeline exported as Markdown and CSV',
      sourceKey: `export:${input.requestKey}`,
    });
    if (exportNumber === undefined) return false;
    effects.add({
      teamId: input.teamId,
      stream: timelineStream(incident.id),
      kind: 'timeline.export',
      payload: { incidentId: incident.id, requestedBy: input.actorId, exportNumber },
    });
    return true;
  });
  return queued;
}
