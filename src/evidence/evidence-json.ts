import { formatActionRef } from '../actions/index.ts';
import { milestoneNames } from '../incidents/index.ts';
import { kindInWords, plainSlackText } from '../timeline/index.ts';
import type { EvidenceBundle } from './evidence-bundle.ts';
import type { RoleChange, ValueChange } from './evidence-history.ts';

/** Who generated a bundle and when, and how to show people and times. */
export type EvidenceContext = {
  generatedAt: Date;
  generatedBy: string;
  timeZone: string;
  /** Display names by user id (cached or fetched); an id without one shows as the id. */
  names: ReadonlyMap<string, string>;
  /** Firebreak's own Slack user: what it did reads "Firebreak". */
  botUserId?: string;
};

export const evidenceSchema = 'firebreak.evidence/v1';

/** A person as the JSON names them: the Slack user id, and the display name when one is known. */
export type EvidencePerson = { id: string; name: string | null };
type Iso = string;
type Change = { at: Iso; by: EvidencePerson; from: string | null; to: string; reason: string | null };

/**
 * The JSON evidence document, version 1. Times are ISO 8601 in UTC; every list is oldest first; a field
 * is null when the record holds no value. New fields may be added within v1; none is removed or renamed.
 */
export type EvidenceJson = {
  schema: typeof evidenceSchema;
  generatedAt: Iso;
  generatedBy: EvidencePerson;
  incident: {
    ref: string;
    number: number;
    title: string;
    severity: string;
    status: string;
    private: boolean;
    drill: boolean;
    services: string[];
    customerImpact: string;
    changeInduced: boolean | null;
    triggeringChange: string;
    declaredBy: EvidencePerson;
    declaredAt: Iso;
    startedAt: Iso | null;
    mitigatedAt: Iso | null;
    resolvedAt: Iso | null;
    closedAt: Iso | null;
    channel: { id: string | null; name: string };
    /** The Slack message the incident was declared from, if any (its text redacted like the rest). */
    sourceMessage: {
      channelId: string;
      ts: string;
      permalink: string | null;
      author: EvidencePerson | null;
      text: string;
    } | null;
    /** Who holds each role now. */
    roles: Array<{ role: string; holder: EvidencePerson; since: Iso }>;
  };
  /** Milestone name → time, in lifecycle order; only those that are set. */
  milestones: Record<string, Iso>;
  timeline: Array<{
    id: number;
    at: Iso;
    /** The stable kind (`message`, `note`, `status_changed`, …); `type` is a note's type. */
    kind: string;
    type: string | null;
    what: string;
    actor: EvidencePerson | null;
    /** The latest text, Slack markup made plain; secrets were redacted when it was recorded. */
    text: string;
    /** Earlier texts of an edited message, oldest first. */
    earlierVersions: string[];
    deleted: boolean;
    key: boolean;
    slackTs: string | null;
    threadTs: string | null;
    files: Array<{ name: string; filetype: string; permalink: string }>;
  }>;
  updates: Array<{
    at: Iso;
    author: EvidencePerson;
    status: string;
    impact: string;
    actions: string;
    nextUpdateMinutes: number | null;
    eta: string;
    confidence: string | null;
  }>;
  roleHistory: Array<{
    at: Iso;
    by: EvidencePerson;
    role: string;
    from: EvidencePerson | null;
    to: EvidencePerson;
    brief: string | null;
  }>;
  severityHistory: Change[];
  statusHistory: Change[];
  postmortem: {
    status: string;
    owner: EvidencePerson;
    dueDate: string;
    publishedVersion: number | null;
    publishedBy: EvidencePerson | null;
    firstPublishedAt: Iso | null;
    versions: Array<{ version: number; at: Iso; by: EvidencePerson; reason: string; markdown: string }>;
  } | null;
  actions: Array<{
    ref: string;
    text: string;
    type: string;
    priority: string | null;
    owner: EvidencePerson;
    dueDate: string;
    trackerKey: string | null;
    status: string;
    createdBy: EvidencePerson;
    createdAt: Iso;
    closedBy: EvidencePerson | null;
    closedAt: Iso | null;
    /** The evidence (done) or the reason (won't do) given when it was closed. */
    closeNote: string | null;
    history: Array<{
      kind: string;
      at: Iso;
      by: EvidencePerson;
      note: string | null;
      before: unknown;
      after: unknown;
    }>;
  }>;
  audit: Array<{ id: number; at: Iso; actor: EvidencePerson; action: string; before: unknown; after: unknown }>;
};

const iso = (date: Date | null | undefined): Iso | null => (date ? date.toISOString() : null);

/** The evidence bundle as the v1 JSON document (see EvidenceJson), pretty-printed; pure. */
export function evidenceJson(bundle: EvidenceBundle, context: EvidenceContext): string {
  return `${JSON.stringify(evidenceDocument(bundle, context), null, 2)}\n`;
}

/** The evidence bundle as the v1 JSON value; pure. */
export function evidenceDocument(bundle: EvidenceBundle, context: EvidenceContext): EvidenceJson {
  const person = (id: string): EvidencePerson => ({
    id,
    name: context.names.get(id) ?? (id === context.botUserId ? 'Firebreak' : null),
  });
  const maybe = (id: string | null | undefined) => (id ? person(id) : null);
  const change = (c: ValueChange): Change => ({
    at: c.at.toISOString(),
    by: person(c.by),
    from: c.from,
    to: c.to,
    reason: c.reason,
  });
  const { incident } = bundle;
  return {
    schema: evidenceSchema,
    generatedAt: context.generatedAt.toISOString(),
    generatedBy: person(context.generatedBy),
    incident: {
      ref: bundle.ref,
      number: incident.number,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      private: incident.isPrivate,
      drill: incident.isDrill,
      services: incident.services,
      customerImpact: incident.customerImpact,
      changeInduced: incident.changeInduced,
      triggeringChange: incident.triggeringChange,
      declaredBy: person(incident.declaredBy),
      declaredAt: incident.declaredAt.toISOString(),
      startedAt: iso(incident.startedAt),
      mitigatedAt: iso(incident.mitigatedAt),
      resolvedAt: iso(incident.resolvedAt),
      closedAt: iso(incident.closedAt),
      channel: { id: incident.channelId, name: incident.channelName },
      sourceMessage: incident.sourceMessage && {
        channelId: incident.sourceMessage.channelId,
        ts: incident.sourceMessage.ts,
        permalink: incident.sourceMessage.permalink ?? null,
        author: maybe(incident.sourceMessage.authorId),
        text: plainSlackText(incident.sourceMessage.text, context.names),
      },
      roles: bundle.roles.map((h) => ({ role: h.role, holder: person(h.userId), since: h.assignedAt.toISOString() })),
    },
    milestones: Object.fromEntries(
      milestoneNames.flatMap((name) => {
        const at = bundle.milestones[name];
        return at ? [[name, at.toISOString()]] : [];
      }),
    ),
    timeline: bundle.timeline.map((item) => ({
      id: item.id,
      at: item.occurredAt.toISOString(),
      kind: item.kind,
      type: item.noteType ?? null,
      what: kindInWords(item),
      actor: maybe(item.actorId),
      text: plainSlackText(item.text, context.names),
      earlierVersions: item.previousTexts.map((text) => plainSlackText(text, context.names)),
      deleted: item.deleted,
      key: item.key,
      slackTs: item.ts ?? null,
      threadTs: item.threadTs ?? null,
      files: item.files,
    })),
    updates: bundle.updates.map((u) => ({
      at: u.postedAt.toISOString(),
      author: person(u.authorId),
      status: u.status,
      impact: u.impact,
      actions: u.actions,
      nextUpdateMinutes: u.nextUpdateMinutes,
      eta: u.eta,
      confidence: u.confidence,
    })),
    roleHistory: bundle.history.roles.map((c: RoleChange) => ({
      at: c.at.toISOString(),
      by: person(c.by),
      role: c.role,
      from: maybe(c.from),
      to: person(c.to),
      brief: c.brief,
    })),
    severityHistory: bundle.history.severity.map(change),
    statusHistory: bundle.history.status.map(change),
    postmortem: bundle.postmortem && {
      status: bundle.postmortem.record.status,
      owner: person(bundle.postmortem.record.ownerId),
      dueDate: bundle.postmortem.record.dueDate,
      publishedVersion: bundle.postmortem.record.publishedVersion,
      publishedBy: maybe(bundle.postmortem.record.publishedBy),
      firstPublishedAt: iso(bundle.postmortem.record.firstPublishedAt),
      versions: bundle.postmortem.versions.map((v) => ({
        version: v.version,
        at: v.createdAt.toISOString(),
        by: person(v.createdBy),
        reason: v.reason,
        markdown: v.markdown,
      })),
    },
    actions: bundle.actions.map(({ action, events }) => ({
      ref: formatActionRef(action.number),
      text: action.text,
      type: action.type,
      priority: action.priority,
      owner: person(action.ownerId),
      dueDate: action.dueDate,
      trackerKey: action.trackerKey,
      status: action.status,
      createdBy: person(action.createdBy),
      createdAt: action.createdAt.toISOString(),
      closedBy: maybe(action.closedBy),
      closedAt: iso(action.closedAt),
      closeNote: action.closeNote,
      history: events.map((e) => ({
        kind: e.kind,
        at: e.at.toISOString(),
        by: person(e.actorId),
        note: e.note,
        before: e.before,
        after: e.after,
      })),
    })),
    audit: bundle.audit.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actor: person(entry.actorId),
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  };
}
