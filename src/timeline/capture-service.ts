import { appendTimelineEntries, type NewTimelineEntry } from '../entry-log/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { redactSecrets } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import { incidentIdForChannel } from './incident-channels.ts';
import { mentionedUserIds } from './slack-text.ts';
import type { FileRef } from './timeline-fold.ts';

export type CapturedMessage = {
  teamId: string;
  channelId: string;
  ts: string;
  userId: string;
  text: string;
  threadTs?: string;
  files?: FileRef[];
};
export type CapturedEdit = CapturedMessage & { editedTs: string; previousText?: string };
export type CapturedDelete = { teamId: string; channelId: string; ts: string; eventTs: string };

/** The outbox stream of timeline side effects of one incident (redaction notices, exports). */
export function timelineStream(incidentId: number): string {
  return `timeline:${incidentId}`;
}

/** Slack's ts ("1732540000.123456") as a Date, to the millisecond. */
export function slackTsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}

/** A timeline entry for a channel's message before its incident is known (looked up by channel). */
export type ChannelEntryDraft = Omit<NewTimelineEntry, 'incidentId'> & { data: Record<string, unknown> };

/** What a message, edit or delete becomes on the timeline, and which secrets were taken out of it; pure. */
export type CapturePlan = { channelId: string; entry: ChannelEntryDraft; redactedKinds: string[]; threadTs?: string };

/** The entry for a person's message (text and file names redacted); pure. */
export function planMessageCapture(input: CapturedMessage): CapturePlan {
  const text = redactSecrets(input.text);
  // A file's permalink ends with its name, so both are redacted.
  const files = input.files?.map((file) => ({
    file,
    name: redactSecrets(file.name),
    permalink: redactSecrets(file.permalink),
  }));
  const redaction = {
    text: text.text,
    kinds: [...new Set([...text.kinds, ...(files ?? []).flatMap((f) => [...f.name.kinds, ...f.permalink.kinds])])],
  };
  const storedFiles = files?.map(({ file, name, permalink }) => ({
    ...file,
    name: name.text,
    permalink: permalink.text,
  }));
  return threadedPlan(input, redaction.kinds, (thread) => ({
    teamId: input.teamId,
    kind: input.files && input.files.length > 0 ? 'file_shared' : 'message',
    occurredAt: slackTsToDate(input.ts),
    slackTs: input.ts,
    actorId: input.userId,
    text: redaction.text,
    data: {
      channelId: input.channelId,
      eventTs: input.ts,
      mentions: mentionedUserIds(redaction.text),
      ...(thread ? { threadTs: thread } : {}),
      ...(storedFiles?.length ? { files: storedFiles } : {}),
      ...(redaction.kinds.length ? { redacted: redaction.kinds } : {}),
    },
    sourceKey: `msg:${input.channelId}:${input.ts}`,
  }));
}

/** The entry for an edit: a new version keyed by the original ts, so it lands even before its message; pure. */
export function planEditCapture(input: CapturedEdit): CapturePlan {
  const redaction = redactSecrets(input.text);
  const previous = input.previousText === undefined ? undefined : redactSecrets(input.previousText).text;
  return threadedPlan(input, redaction.kinds, (thread) => ({
    teamId: input.teamId,
    kind: 'message_edited',
    occurredAt: slackTsToDate(input.editedTs),
    slackTs: input.ts,
    actorId: input.userId,
    text: redaction.text,
    data: {
      channelId: input.channelId,
      eventTs: input.editedTs,
      mentions: mentionedUserIds(redaction.text),
      ...(previous !== undefined ? { previousText: previous } : {}),
      ...(thread ? { threadTs: thread } : {}),
      ...(redaction.kinds.length ? { redacted: redaction.kinds } : {}),
    },
    sourceKey: `msg:${input.channelId}:${input.ts}:edit:${input.editedTs}`,
  }));
}

/** A plan for a message or its edit: a reply keeps its thread (a notice goes there), a parent is its own thread. */
function threadedPlan(
  input: { channelId: string; ts: string; threadTs?: string },
  redactedKinds: string[],
  entry: (thread: string | undefined) => ChannelEntryDraft,
): CapturePlan {
  const thread = input.threadTs && input.threadTs !== input.ts ? input.threadTs : undefined;
  return { channelId: input.channelId, redactedKinds, threadTs: thread ?? input.ts, entry: entry(thread) };
}

/** The entry marking a message deleted: the message and its versions stay for the audit; pure. */
export function planDeleteCapture(input: CapturedDelete): CapturePlan {
  return {
    channelId: input.channelId,
    redactedKinds: [],
    entry: {
      teamId: input.teamId,
      kind: 'message_deleted',
      occurredAt: slackTsToDate(input.eventTs),
      slackTs: input.ts,
      data: { channelId: input.channelId, eventTs: input.eventTs },
      sourceKey: `msg:${input.channelId}:${input.ts}:delete`,
    },
  };
}

/** Records a person's message in an incident channel once (redacted); ignored outside incident channels. */
export function captureMessage(deps: ServiceDeps, input: CapturedMessage): Promise<boolean> {
  return capture(deps, input.teamId, planMessageCapture(input));
}

/** Records an edit as a new version keyed by the original ts, so it lands even before its message. */
export function captureEdit(deps: ServiceDeps, input: CapturedEdit): Promise<boolean> {
  return capture(deps, input.teamId, planEditCapture(input));
}

/** Marks a message deleted: a new entry, the message and its versions stay for the audit. */
export function captureDelete(deps: ServiceDeps, input: CapturedDelete): Promise<boolean> {
  return capture(deps, input.teamId, planDeleteCapture(input));
}

async function capture(deps: ServiceDeps, teamId: string, plan: CapturePlan): Promise<boolean> {
  const incidentId = await incidentIdForChannel(deps.db, { teamId, channelId: plan.channelId });
  if (incidentId === undefined) return false;
  const entry: NewTimelineEntry = { ...plan.entry, incidentId };
  await store(deps, entry, plan.redactedKinds, {
    incidentId,
    channelId: plan.channelId,
    threadTs: plan.threadTs ?? plan.entry.slackTs ?? '',
    key: entry.sourceKey,
  });
  return true;
}

/** Flags (or unflags) a message as key, from a 📌 reaction or a pin; the latest by event time wins. */
export async function captureKeyFlag(
  deps: ServiceDeps,
  input: {
    teamId: string;
    channelId: string;
    ts: string;
    userId: string;
    eventTs: string;
    via: 'reaction' | 'pin';
    on: boolean;
  },
): Promise<boolean> {
  const incidentId = await incidentIdForChannel(deps.db, input);
  if (incidentId === undefined) return false;
  await appendTimelineEntries(deps.db, [
    {
      teamId: input.teamId,
      incidentId,
      kind: 'key_flag',
      occurredAt: slackTsToDate(input.eventTs),
      slackTs: input.ts,
      actorId: input.userId,
      data: { channelId: input.channelId, eventTs: input.eventTs, via: input.via, on: input.on },
      sourceKey: `flag:${input.channelId}:${input.ts}:${input.via}:${input.userId}:${input.eventTs}`,
    },
  ]);
  return true;
}

/** Records someone joining or leaving an incident channel (participation). */
export async function captureMembership(
  deps: ServiceDeps,
  input: { teamId: string; channelId: string; userId: string; eventTs: string; joined: boolean },
): Promise<boolean> {
  const incidentId = await incidentIdForChannel(deps.db, input);
  if (incidentId === undefined) return false;
  const kind = input.joined ? 'joined' : 'left';
  await appendTimelineEntries(deps.db, [
    {
      teamId: input.teamId,
      incidentId,
      kind,
      occurredAt: slackTsToDate(input.eventTs),
      actorId: input.userId,
      text: `<@${input.userId}> ${input.joined ? 'joined' : 'left'} the channel`,
      data: { channelId: input.channelId, eventTs: input.eventTs },
      sourceKey: `member:${input.channelId}:${input.userId}:${kind}:${input.eventTs}`,
    },
  ]);
  return true;
}

// The common case is one insert; a redaction adds the bot's own entry and a notice, in one transaction.
async function store(
  deps: ServiceDeps,
  entry: NewTimelineEntry,
  kinds: string[],
  notice: { incidentId: number; channelId: string; threadTs: string; key: string },
): Promise<void> {
  if (kinds.length === 0) {
    await appendTimelineEntries(deps.db, [entry]);
    return;
  }
  await inTransaction(deps, async (tx, effects) => {
    const inserted = await appendTimelineEntries(tx, [entry]);
    if (inserted === 0) return;
    await appendTimelineEntries(tx, [
      {
        teamId: entry.teamId,
        incidentId: notice.incidentId,
        kind: 'secret_redacted',
        occurredAt: deps.clock.now(),
        slackTs: entry.slackTs ?? null,
        text: `Redacted ${kinds.join(', ')} from a message`,
        data: { channelId: notice.channelId, kinds, bot: true },
        sourceKey: `redacted:${notice.key}`,
      },
    ]);
    effects.add({
      teamId: entry.teamId,
      stream: timelineStream(notice.incidentId),
      kind: 'timeline.redaction_notice',
      payload: { incidentId: notice.incidentId, channelId: notice.channelId, threadTs: notice.threadTs, kinds },
    });
  });
}
