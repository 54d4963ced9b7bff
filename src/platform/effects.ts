import type { Tx } from './db.ts';
import type { FieldRedaction } from './secrets.ts';

/**
 * Every Slack effect a service can queue, by kind, with its payload. Services say what should happen
 * (`{ kind: 'card.refresh', … }`); executors in src/slack/effects do it after the transaction commits.
 * A kind missing here does not compile where it is queued, nor where executors are listed.
 */
type OfIncident<T = {}> = { incidentId: number } & T;
type Template = { template: string; values?: Record<string, unknown> };

export type EffectPayloads = {
  'channel.create': OfIncident;
  'channel.invite': OfIncident<{ userIds: string[] }>;
  'channel.topic': OfIncident;
  'channel.archive': OfIncident<{ channelId: string | null }>;
  'topic.refresh': OfIncident;
  'card.post': OfIncident;
  'card.pin': OfIncident;
  'card.refresh': OfIncident;
  'incident.announce': OfIncident;
  'incident.post': OfIncident<Template>;
  'roles.ask': OfIncident<{ roles: string[] }>;
  'source.link': OfIncident;
  'declarer.confirm': OfIncident<{ responseUrl: string; userId: string }>;
  'announcement.reply': OfIncident<Partial<Template>>;
  'announcement.redact': OfIncident;
  'severity.announce': OfIncident<{ from: string; to: string; reason: string }>;
  'severity.escalate': OfIncident<{ severity: string }>;
  'severity.escalate_dm': OfIncident<{ userId: string; from: string; to: string }>;
  'timeline.redaction_notice': OfIncident<{ channelId: string; threadTs: string; kinds: string[] }>;
  'timeline.export': OfIncident<{ requestedBy: string; exportNumber?: number }>;
  /** The incident's evidence bundle (Markdown and JSON) uploaded to its channel; numbered per incident. */
  'evidence.export': OfIncident<{ requestedBy: string; exportNumber: number }>;
  'runbooks.offer': OfIncident<{ names: string[]; missing: string[] }>;
  'runbooks.offer_refresh': OfIncident<{ offerTs: string }>;
  'runbook.checklist': OfIncident<{ runId: number }>;
  'update.post': OfIncident<{ updateId: number; target: string }>;
  'update.nudge': OfIncident<{ userId: string; missed: number; dueAt: string; intervalMinutes: number }>;
  'update.nudge_dm': OfIncident<{ userId: string; missed: number; dueAt: string; intervalMinutes: number }>;
  'private.retire_channel': OfIncident<{ oldChannelId: string }>;
  'private.move_members': OfIncident<{ oldChannelId: string }>;
  'private.clear_public': OfIncident<{ oldChannelId: string }>;
  'private.remove_message': OfIncident<{ plannedBy: number; channelId: string; ts: string }>;
  'private.remove_file': OfIncident<{ plannedBy: number; fileId: string }>;
  'private.reset_topic': OfIncident<{ plannedBy: number; oldChannelId: string }>;
  'private.archive_old': OfIncident<{ plannedBy: number; oldChannelId: string }>;
  'private.cleanup_report': OfIncident<{ plannedBy: number }>;
  'secrets.removed_notice': OfIncident<{ userId: string; found: FieldRedaction[] }>;
  'postmortem.message': OfIncident;
  'postmortem.canvas': OfIncident;
  'postmortem.file': OfIncident<{ version: number; requestedBy: string; reason: 'published' | 'export' }>;
  'postmortem.review_dm': OfIncident<{ userId: string; requestedBy: string }>;
  'postmortem.reminder_dm': OfIncident<{
    userId: string;
    dueDate: string;
    stage: 'before' | 'due' | 'overdue';
    businessDaysLate: number;
  }>;
  'postmortem.owner_tz': OfIncident<{ userId: string }>;
  /** A corrective action's news to one person: given to them, taken from them, closed or moved by someone else. */
  'action.notify_dm': {
    actionId: number;
    userId: string;
    news: 'assigned' | 'reassigned_away' | 'closed_by_other' | 'snoozed_by_other';
    actorId: string;
  };
  /** The incident's pending follow-ups, posted on resolve as proposed actions with an *Accept* button each. */
  'action.proposals': OfIncident;
  /** The owner's weekly list of open actions, read when it is sent; `week` is the reminder day it stands for. */
  'action.reminder_dm': { userId: string; week: string; timeZone: string };
  'action.escalation_dm': { userId: string; actionIds: number[] };
  'action.escalation_post': { channel: string; actionIds: number[] };
  /** Learns an action owner's time zone (users.info), so their weekly reminder comes in their morning. */
  'action.owner_tz': { userId: string };
  /** Redraws one person's App Home from current state (coalesced per person). */
  'home.publish': { userId: string };
  /** The CSV export of /incident stats, to the requester's DM: local dates `from` to `to` (exclusive). */
  'stats.csv': { userId: string; from: string; to: string; severity?: string; service?: string };
  /** The weekly reliability digest of the week starting `weekStart` (a Monday), figures read when it is sent. */
  'digest.post': { weekStart: string };
};

export type EffectKind = keyof EffectPayloads;

/** One effect to queue: its kind and payload, the stream it runs in order within, an optional delay. */
export type Effect = {
  [K in EffectKind]: {
    teamId: string;
    stream: string;
    kind: K;
    payload: EffectPayloads[K];
    /** Wait this long (by the database's clock, which decides when effects are due) before running. */
    delayMs?: number;
  };
}[EffectKind];

/** An effect about one incident, before the incident's team, stream and id are filled in. */
export type IncidentEffect = {
  [K in EffectKind]: { kind: K } & ({} extends Omit<EffectPayloads[K], 'incidentId'>
    ? { payload?: Omit<EffectPayloads[K], 'incidentId'> }
    : { payload: Omit<EffectPayloads[K], 'incidentId'> });
}[EffectKind];

/** Where effects go: written in the transaction that makes the change, announced once it commits. */
export type EffectSink = {
  /** Writes the effects inside `tx`; a coalesced one is skipped while an untried one waits in its stream. */
  write(tx: Tx, effects: Array<{ effect: Effect; coalesce: boolean }>): Promise<void>;
  /** Called after the commit of a transaction that wrote effects (wakes the dispatcher). */
  written(): void;
};
