import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries } from '../entry-log/index.ts';
import type { Tx } from '../platform/db.ts';
import type { IncidentEffect } from '../platform/effects.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import { queueCardRefresh, queueTopicRefresh } from './card-refresh.ts';
import type { Incident } from './incident.ts';
import { type IncidentChange, type IncidentDeps, notifyIncidentChanged } from './incident-changes.ts';
import { incidentEffect } from './incident-effects.ts';

export type ChangeRecord = {
  actorId: string;
  at: Date;
  timeline: Array<{ kind: string; text: string; data: Record<string, unknown>; key: string }>;
  audit: Array<{ action: string; before?: Record<string, unknown>; after?: Record<string, unknown> }>;
  changes: IncidentChange[];
  effects?: IncidentEffect[];
  topic?: boolean;
};

/**
 * Records one change inside its transaction: timeline and audit entries, listeners told, the card
 * (and topic) redrawn, and the incident's Slack effects queued in order.
 */
export async function recordIncidentChange(
  tx: Tx,
  effects: EffectQueue,
  deps: IncidentDeps,
  incident: Incident,
  record: ChangeRecord,
): Promise<void> {
  const base = { teamId: incident.teamId, incidentId: incident.id, occurredAt: record.at, actorId: record.actorId };
  await appendTimelineEntries(
    tx,
    record.timeline.map((entry) => ({
      ...base,
      kind: entry.kind,
      text: entry.text,
      data: entry.data,
      sourceKey: `incident:${incident.id}:${entry.key}:${randomUUID()}`,
    })),
  );
  await recordAudit(
    tx,
    record.audit.map((entry) => ({
      teamId: incident.teamId,
      incidentId: incident.id,
      actorId: record.actorId,
      action: entry.action,
      before: entry.before,
      after: entry.after,
      at: record.at,
    })),
  );
  for (const change of record.changes) await notifyIncidentChanged(tx, effects, deps, incident, change);
  const refs = { teamId: incident.teamId, incidentId: incident.id };
  queueCardRefresh(effects, refs);
  if (record.topic) queueTopicRefresh(effects, refs);
  effects.add(...(record.effects ?? []).map((effect) => incidentEffect(incident, effect)));
}
