import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { formatInZone, inertMarkdown, plainSlackText, type TimelineItem } from '../timeline/index.ts';
import { type HumanSections, type Postmortem, parseContributingFactors, statusLabels } from './postmortem.ts';
import type { PostmortemRecord } from './postmortem-record.ts';
import { formatDuration, responseMetrics } from './response-metrics.ts';

/** What the template sees. Every string is safe Markdown already: it shows text, it cannot add markup. */
export type PostmortemModel = {
  ref: string;
  title: string;
  kept_by_firebreak: string;
  status: string;
  owner: string;
  due_date: string;
  drill: boolean;
  private: boolean;
  summary: string;
  impact: string;
  severity: string;
  started: string;
  resolved: string;
  duration: string;
  services: string;
  detection: string;
  metrics: Array<{ label: string; value: string; definition: string }>;
  time_zone: string;
  key_timeline: Array<{ time: string; kind: string; actor: string; text: string }>;
  key_timeline_omitted: number;
  trigger: string;
  trigger_notes: string;
  contributing_factors: Array<{ text: string; validated: boolean }>;
  not_written: string;
  went_well: string;
  went_poorly: string;
  lucky: string;
  related: Array<{ ref: string; title: string; reason: string; date: string }>;
  actions: Array<{
    ref: string;
    text: string;
    kind: string;
    owner: string;
    due: string;
    status: string;
    note: string;
    tracker: string;
  }>;
  proposed: Array<{ text: string; kind: string }>;
  participants: Array<{ role: string; people: string }>;
};

export type ModelContext = {
  config: FirebreakConfig;
  names: ReadonlyMap<string, string>;
  human: HumanSections;
};

const notWritten = '_Not written yet: use *Write up* on the postmortem message._';

/** Builds the document's model from the incident's record and what people wrote. */
export function buildPostmortemModel(
  record: PostmortemRecord,
  postmortem: Pick<Postmortem, 'status' | 'ownerId' | 'dueDate'>,
  ctx: ModelContext,
): PostmortemModel {
  const { incident, milestones } = record;
  const zone = ctx.config.timezone;
  const inline = (text: string) => inertMarkdown(plainSlackText(text, ctx.names));
  const person = (id: string) => `@${inertMarkdown(ctx.names.get(id) ?? id)}`;
  const when = (at: Date | undefined | null) => (at ? formatInZone(at, zone) : 'not set');
  const human = (text: string | undefined) => (text ? writtenMarkdown(plainSlackText(text, ctx.names)) : notWritten);
  const severity = ctx.config.severities.find((s) => s.name === incident.severity);
  const restored = milestones.resolved ?? incident.resolvedAt ?? undefined;
  const start = milestones.started ?? milestones.detected ?? milestones.declared;
  return {
    ref: record.ref,
    title: inline(incident.title),
    kept_by_firebreak:
      'Kept up to date by Firebreak from the incident record. Edit the written sections with *Write up* on the postmortem message in the incident channel; edits made here are replaced.',
    status: statusLabels[postmortem.status],
    owner: person(postmortem.ownerId),
    due_date: postmortem.dueDate,
    drill: incident.isDrill,
    private: incident.isPrivate,
    summary: human(ctx.human.summary),
    impact: incident.customerImpact ? inline(incident.customerImpact) : '_No customer impact was recorded._',
    severity: inertMarkdown(severity?.label ?? incident.severity.toUpperCase()),
    started: when(milestones.started),
    resolved: when(restored),
    duration:
      restored && start
        ? `${formatDuration(restored.getTime() - start.getTime())}${milestones.started ? '' : ' (from detection or declaration: *started* is not set)'}`
        : 'unknown: the incident is not resolved',
    services: incident.services.map(inertMarkdown).join(', '),
    detection: detectionText(record, when, inline),
    metrics: responseMetrics({
      started: milestones.started ?? null,
      detected: milestones.detected ?? null,
      declared: milestones.declared ?? null,
      acknowledged: milestones.acknowledged ?? null,
      mitigated: milestones.mitigated ?? null,
      resolved: restored ?? null,
    }).map((metric) => ({ label: metric.label, value: metric.text, definition: metric.definition })),
    time_zone: zone,
    key_timeline: record.keyTimeline.map((item) => ({
      time: formatInZone(item.occurredAt, zone),
      kind: kindLabel(item),
      actor: item.actorId ? person(item.actorId) : 'Firebreak',
      text: inline(item.text),
    })),
    key_timeline_omitted: record.keyTimelineOmitted,
    trigger:
      incident.changeInduced === true
        ? `Change-induced: ${incident.triggeringChange ? inline(incident.triggeringChange) : 'the change was not named in the resolve form'}.`
        : incident.changeInduced === false
          ? 'Not change-induced (from the resolve form).'
          : '_Unknown: the resolve form says whether a change triggered it._',
    trigger_notes: ctx.human.trigger_notes ? writtenMarkdown(plainSlackText(ctx.human.trigger_notes, ctx.names)) : '',
    contributing_factors: parseContributingFactors(ctx.human.contributing_factors).map((factor) => ({
      text: inertMarkdown(plainSlackText(factor.text, ctx.names)),
      validated: factor.validated,
    })),
    not_written: notWritten,
    went_well: human(ctx.human.went_well),
    went_poorly: human(ctx.human.went_poorly),
    lucky: human(ctx.human.lucky),
    related: record.related.map((related) => ({
      ref: related.ref,
      title: inertMarkdown(related.title),
      reason: related.reason,
      date: formatInZone(related.declaredAt, zone).slice(0, 10),
    })),
    actions: record.actions.map((action) => ({
      ref: action.ref,
      text: inline(action.text),
      kind: action.type,
      owner: person(action.ownerId),
      due: action.dueDate,
      status: action.status === 'wont_do' ? "won't do" : action.status,
      note: action.closeNote ? inline(action.closeNote) : '',
      tracker: action.trackerKey ?? '',
    })),
    proposed: record.followUps.map((followUp) => ({
      text: inline(followUp.text),
      kind: followUp.kind.replace(/_/g, ' '),
    })),
    participants: record.participants.map((participant) => ({
      role: inertMarkdown(ctx.config.roles.find((role) => role.id === participant.role)?.name ?? participant.role),
      people: participant.userIds.map(person).join(', '),
    })),
  };
}

function detectionText(
  record: PostmortemRecord,
  when: (at: Date | undefined) => string,
  inline: (text: string) => string,
): string {
  const { milestones, incident } = record;
  const lines = [`Detected ${when(milestones.detected)}; declared ${when(milestones.declared)}.`];
  const source = incident.sourceMessage;
  if (source) lines.push(`Declared from a message: “${inline(source.text)}”.`);
  const firstObservation = record.keyTimeline.find((item) => item.noteType === 'observation');
  if (firstObservation) lines.push(`First observation on the timeline: ${inline(firstObservation.text)}.`);
  if (!milestones.detected) lines.push('_Set the *detected* milestone to measure time to detect._');
  return lines.join(' ');
}

function kindLabel(item: TimelineItem): string {
  if (item.kind === 'note' && item.noteType) return item.noteType;
  if (item.kind === 'message' || item.kind === 'file_shared') return '📌 message';
  return item.kind.replace(/_/g, ' ');
}

/**
 * What a person wrote, as Markdown that keeps their paragraphs and lists but cannot add headings
 * (which would split the document's sections), HTML or link definitions.
 */
export function writtenMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string)
        .replace(/^(\s*)(#{1,6}\s|\[[^\]]*\]:|[=-]{3,}\s*$)/, '$1\\$2')
        // A list marker with nothing after it is an empty item that ends the list and splits the text.
        .replace(/^(\s*)(\d{1,9})([.)]\s*)$/, '$1$2\\$3')
        .replace(/^(\s*)([*+-]\s*)$/, '$1\\$2'),
    )
    .join('\n');
}
