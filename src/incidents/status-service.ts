import { randomUUID } from 'node:crypto';
import { recordTypedRedactions } from '../entry-log/index.ts';
import { DomainError } from '../platform/errors.ts';
import { type FieldRedaction, redactFields } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import { type ChangeRecord, recordIncidentChange } from './change-record.ts';
import { type Incident, type IncidentStatus, incidentRef, requireSeverity } from './incident.ts';
import type { IncidentChange, IncidentDeps } from './incident-changes.ts';
import { incidentStream } from './incident-effects.ts';
import { lockIncident, updateIncidentIf } from './incident-repo.ts';
import { isReopen, requireTransition } from './lifecycle.ts';

export type Resolution = {
  resolvedAt?: Date;
  finalSeverity: string;
  customerImpact: string;
  changeInduced: boolean;
  triggeringChange: string;
};

export type StatusChangeInput = {
  teamId: string;
  incidentId: number;
  to: IncidentStatus;
  actorId: string;
  resolution?: Resolution;
};

/**
 * Moves an incident along its lifecycle in one transaction: the status (only from the state it was
 * in, so a double click changes nothing twice), its milestones, timeline, audit, card and topic. A
 * secret in the resolution's impact or triggering change is stored redacted, and the person is told.
 */
export async function changeStatus(deps: IncidentDeps, input: StatusChangeInput): Promise<Incident> {
  const updated = await inTransaction(deps, async (tx, effects) => {
    const incident = await lockIncident(tx, { teamId: input.teamId, id: input.incidentId });
    const now = deps.clock.now();
    const from = incident.status;
    requireTransition(from, input.to);
    if (input.to === 'resolved' && !input.resolution) {
      throw new DomainError(
        'incident.resolution_required',
        'Resolving needs the resolution form: use `/incident resolve` or the Resolve button on the card.',
      );
    }
    const typed = input.to === 'resolved' ? redactResolution(input.resolution as Resolution) : undefined;
    const resolution = typed ? checkResolution(deps, incident, typed.resolution, now) : undefined;
    const set: Parameters<typeof updateIncidentIf>[1]['set'] = { status: input.to };
    if (input.to === 'monitoring' && !incident.mitigatedAt) set.mitigatedAt = now;
    if (resolution) {
      Object.assign(set, {
        resolvedAt: resolution.resolvedAt,
        mitigatedAt: incident.mitigatedAt ?? resolution.resolvedAt,
        severity: resolution.finalSeverity,
        customerImpact: resolution.customerImpact,
        changeInduced: resolution.changeInduced,
        triggeringChange: resolution.triggeringChange,
      });
    }
    if (input.to === 'closed') set.closedAt = now;
    const reopen = isReopen(from, input.to);
    if (reopen) Object.assign(set, { resolvedAt: null, closedAt: null });
    const changed = await updateIncidentIf(tx, {
      teamId: input.teamId,
      id: incident.id,
      expect: { status: from },
      set,
    });
    if (!changed)
      throw new DomainError(
        'incident.changed_meanwhile',
        'Someone changed the status at the same moment; look at the card and try again.',
      );

    const record: ChangeRecord = {
      actorId: input.actorId,
      at: now,
      timeline: [
        {
          kind: reopen ? 'reopened' : 'status_changed',
          text: reopen ? `${incidentRef(incident)} re-opened (was ${from})` : `Status ${from} → ${input.to}`,
          data: { from, to: input.to },
          key: `status:${from}:${input.to}`,
        },
      ],
      audit: [
        {
          action: reopen ? 'incident.reopened' : 'incident.status_changed',
          before: { status: from },
          after: { status: input.to, ...(resolution ? { resolution } : {}) },
        },
      ],
      changes: [{ kind: 'status_changed', from, to: input.to }],
      effects: [
        {
          kind: 'incident.post',
          payload: {
            template: 'lifecycle.status_posted',
            values: { from, to: input.to, actor: input.actorId, reopen },
          },
        },
      ],
      topic: true,
    };
    if (resolution && resolution.finalSeverity !== incident.severity) {
      const change: IncidentChange = {
        kind: 'severity_changed',
        from: incident.severity,
        to: resolution.finalSeverity,
      };
      record.timeline.push({
        kind: 'severity_changed',
        text: `Final severity ${incident.severity} → ${resolution.finalSeverity}`,
        data: { from: incident.severity, to: resolution.finalSeverity, reason: 'final severity at resolution' },
        key: 'severity:final',
      });
      record.audit.push({
        action: 'incident.severity_changed',
        before: { severity: incident.severity },
        after: { severity: resolution.finalSeverity, reason: 'final severity at resolution' },
      });
      record.changes.push(change);
    }
    if (input.to === 'resolved' || reopen)
      record.effects?.push({
        kind: 'announcement.reply',
        payload: { template: reopen ? 'lifecycle.reopened_announcement' : 'lifecycle.resolved_announcement' },
      });
    await recordIncidentChange(tx, effects, deps, changed, record);
    if (typed)
      await recordTypedRedactions(tx, effects, {
        teamId: input.teamId,
        incidentId: incident.id,
        userId: input.actorId,
        at: now,
        found: typed.found,
        key: `resolve:${incident.id}:${randomUUID()}`,
        stream: incidentStream(incident.id),
      });
    return changed;
  });
  return updated;
}

function redactResolution(resolution: Resolution): { resolution: Resolution; found: FieldRedaction[] } {
  const { values, found } = redactFields({ impact: resolution.customerImpact, change: resolution.triggeringChange });
  return { resolution: { ...resolution, customerImpact: values.impact, triggeringChange: values.change }, found };
}

function checkResolution(
  deps: IncidentDeps,
  incident: Incident,
  resolution: Resolution,
  now: Date,
): Required<Resolution> {
  const picked = resolution.resolvedAt ?? now;
  if (picked.getTime() > now.getTime() + 60_000)
    throw new DomainError('incident.resolved_in_future', 'The resolved time cannot be in the future.');
  const start = incident.startedAt ?? incident.declaredAt;
  // The time picker has minute precision: within a minute of the start counts as the start.
  if (picked.getTime() < start.getTime() - 60_000)
    throw new DomainError('incident.resolved_before_start', 'The resolved time is before the incident started.');
  const resolvedAt = picked.getTime() < start.getTime() ? start : picked;
  const triggeringChange = resolution.triggeringChange.trim();
  if (resolution.changeInduced && !triggeringChange) {
    throw new DomainError(
      'incident.change_required',
      'Say which change triggered it (deploy, config, flag), or answer "no" to change-induced.',
    );
  }
  return {
    resolvedAt,
    finalSeverity: requireSeverity(deps.config, resolution.finalSeverity).name,
    customerImpact: resolution.customerImpact.trim(),
    changeInduced: resolution.changeInduced,
    triggeringChange: resolution.changeInduced ? triggeringChange : '',
  };
}
