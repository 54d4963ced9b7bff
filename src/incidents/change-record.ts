import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { enqueueEffects, type NewOutboxEffect } from '../outbox/index.ts';
import type { Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { appendTimelineEntries } from '../timeline/index.ts';
import { queueCardRefresh, queueTopicRefresh } from './card-refresh.ts';
import { incidentStream } from './declare-service.ts';
import type { Incident } from './incident.ts';
import { type IncidentChange, notifyIncidentChanged } from './incident-changes.ts';

export type ChangeRecord = {
  actorId: string;
  at: Date;
  timeline: Array<{ kind: string; text: string; data: Record<string, unknown>; key: string }>;
  audit: Array<{ action: string; before?: Record<string, unknown>; after?: Record<string, unknown> }>;
  changes: IncidentChange[];
  effects?: Array<{ kind: string; payload?: Record<string, unknown> }>;
  topic?: boolean;
};

/**
 * Records one change inside its transaction: timeline and audit entries, listeners told, the card
 * (and topic) redrawn, and the incident's Slack effects queued in order.
 */
export async function recordIncidentChange(tx: Tx, deps: ServiceDeps, incident: Incident, record: ChangeRecord): Promise<void> {
  const base = { teamId: incident.teamId, incidentId: incident.id, occurredAt: record.at, actorId: record.actorId };
  await appendTimelineEntries(
    tx,
    record.timeline.map((entry) => ({ ...base, kind: entry.kind, text: entry.text, data: entry.data, sourceKey: `incident:${incident.id}:${entry.key}:${randomUUID()}` })),
  );
  await recordAudit(
    tx,
    record.audit.map((entry) => ({ teamId: incident.teamId, incidentId: incident.id, actorId: record.actorId, action: entry.action, before: entry.before, after: entry.after, at: record.at })),
  );
  for (const change of record.changes) await notifyIncidentChanged(tx, deps, incident, change);
  const refs = { teamId: incident.teamId, incidentId: incident.id };
  await queueCardRefresh(tx, refs);
  if (record.topic) await queueTopicRefresh(tx, refs);
  const effects: NewOutboxEffect[] = (record.effects ?? []).map((effect) => ({
    teamId: incident.teamId,
    stream: incidentStream(incident.id),
    kind: effect.kind,
    payload: { incidentId: incident.id, ...effect.payload },
  }));
  await enqueueEffects(tx, effects);
}
