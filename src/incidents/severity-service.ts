import { randomUUID } from 'node:crypto';
import { recordTypedRedactions } from '../entry-log/index.ts';
import type { IncidentEffect } from '../platform/effects.ts';
import { DomainError } from '../platform/errors.ts';
import { redactFields } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import { recordIncidentChange } from './change-record.ts';
import { type Incident, missingRoles, requireSeverity } from './incident.ts';
import type { IncidentDeps } from './incident-changes.ts';
import { incidentStream } from './incident-effects.ts';
import { lockIncident, updateIncidentIf } from './incident-repo.ts';
import { isActive, isUpgrade, requireReason } from './lifecycle.ts';
import { listRoleHolders } from './roles/role-holder-repo.ts';

export type SeverityChangeInput = {
  teamId: string;
  incidentId: number;
  severity: string;
  reason: string;
  actorId: string;
};

/**
 * Changes an incident's severity with a reason, in one transaction. Concurrent changes queue on the
 * row lock: each is recorded against the severity it replaced, and the last one wins. An upgrade of
 * an active incident asks for missing roles, announces the escalation and notifies its contacts. A
 * secret in the reason is stored and posted redacted, and the person is told.
 */
export async function changeSeverity(deps: IncidentDeps, input: SeverityChangeInput): Promise<Incident> {
  const target = requireSeverity(deps.config, input.severity);
  const { values, found } = redactFields({ reason: input.reason });
  const reason = requireReason(values.reason);
  const updated = await inTransaction(deps, async (tx, effects) => {
    const incident = await lockIncident(tx, { teamId: input.teamId, id: input.incidentId });
    // Taken after the row lock, so the timeline's order is the order the changes were applied.
    const now = deps.clock.now();
    const from = incident.severity;
    if (from === target.name)
      throw new DomainError('incident.same_severity', `The incident is already ${target.label ?? target.name}.`);
    const changed = await updateIncidentIf(tx, {
      teamId: input.teamId,
      id: incident.id,
      expect: { severity: from },
      set: { severity: target.name },
    });
    if (!changed)
      throw new DomainError(
        'incident.changed_meanwhile',
        'Someone changed the severity at the same moment; look at the card and try again.',
      );
    const escalating = isUpgrade(deps.config, from, target.name) && isActive(incident.status);
    const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
    const missing = missingRoles(
      target,
      holders.map((h) => h.role),
    );
    const contacts = target.escalation.flatMap((contact) => (contact.slack_user ? [contact.slack_user] : []));
    const planned: IncidentEffect[] = [
      {
        kind: 'incident.post',
        payload: {
          template: 'severity.changed_posted',
          values: { from, to: target.name, reason, actor: input.actorId },
        },
      },
    ];
    if (escalating) {
      if (!incident.isPrivate) planned.push({ kind: 'severity.announce', payload: { from, to: target.name, reason } });
      if (target.escalation.length > 0) {
        if (contacts.length > 0) planned.push({ kind: 'channel.invite', payload: { userIds: contacts } });
        planned.push({ kind: 'severity.escalate', payload: { severity: target.name } });
        for (const userId of contacts)
          planned.push({ kind: 'severity.escalate_dm', payload: { userId, from, to: target.name } });
      }
      if (missing.length > 0) planned.push({ kind: 'roles.ask', payload: { roles: missing } });
    }
    await recordIncidentChange(tx, effects, deps, changed, {
      actorId: input.actorId,
      at: now,
      timeline: [
        {
          kind: 'severity_changed',
          text: `Severity ${from} → ${target.name}: ${reason}`,
          data: { from, to: target.name, reason, escalation: escalating },
          key: `severity:${from}:${target.name}`,
        },
      ],
      audit: [
        { action: 'incident.severity_changed', before: { severity: from }, after: { severity: target.name, reason } },
      ],
      changes: [{ kind: 'severity_changed', from, to: target.name }],
      effects: planned,
      topic: true,
    });
    await recordTypedRedactions(tx, effects, {
      teamId: input.teamId,
      incidentId: incident.id,
      userId: input.actorId,
      at: now,
      found,
      key: `severity:${incident.id}:${randomUUID()}`,
      stream: incidentStream(incident.id),
    });
    return changed;
  });
  return updated;
}
