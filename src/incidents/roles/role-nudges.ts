import type { Tx } from '../../platform/db.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { cancelJobs, type JobHandler, scheduleJob } from '../../scheduler/index.ts';
import { type Incident, missingRoles } from '../incident.ts';
import type { IncidentChangeListener } from '../incident-changes.ts';
import { incidentEffect } from '../incident-effects.ts';
import { findIncidentById } from '../incident-repo.ts';
import { isActive, isReopen, isUpgrade } from '../lifecycle.ts';
import { listRoleHolders } from './role-holder-repo.ts';
import { roleNudgeKey } from './roles.ts';

export const roleNudgeJob = 'role.nudge';

/**
 * Keeps one pending nudge per required, empty role: scheduled on declare, upgrade and re-open,
 * cancelled when the role is filled or the incident is resolved or closed.
 */
export function roleNudgeListener(deps: ServiceDeps): IncidentChangeListener {
  return async (tx, _effects, incident, change) => {
    const byId = { teamId: incident.teamId, keyPrefix: roleNudgeKey(incident.id) };
    switch (change.kind) {
      case 'declared':
        return scheduleMissing(tx, deps, incident);
      case 'severity_changed':
        if (isUpgrade(deps.config, change.from, change.to))
          await scheduleMissing(tx, deps, { ...incident, severity: change.to });
        return;
      case 'role_changed':
        if (change.to)
          await cancelJobs(tx, { teamId: incident.teamId, keyPrefix: roleNudgeKey(incident.id, change.role) });
        return;
      case 'status_changed':
        if (!isActive(change.to)) await cancelJobs(tx, byId);
        else if (isReopen(change.from, change.to)) await scheduleMissing(tx, deps, incident);
        return;
      default:
        return;
    }
  };
}

async function scheduleMissing(tx: Tx, deps: ServiceDeps, incident: Incident): Promise<void> {
  const severity = deps.config.severities.find((s) => s.name === incident.severity);
  if (!severity || !isActive(incident.status)) return;
  const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
  const runAt = new Date(deps.clock.now().getTime() + deps.config.reminders.role_nudge_minutes * 60_000);
  for (const role of missingRoles(
    severity,
    holders.map((h) => h.role),
  )) {
    await scheduleJob(tx, {
      teamId: incident.teamId,
      kind: roleNudgeJob,
      key: roleNudgeKey(incident.id, role),
      runAt,
      payload: { incidentId: incident.id, role },
    });
  }
}

/** Nudges the commander (or declarer) about one still-empty role, then waits another interval. */
export function roleNudgeHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const incident = await findIncidentById(tx, { teamId: job.teamId, id: Number(job.payload.incidentId) });
    const role = String(job.payload.role);
    if (!incident || !isActive(incident.status)) return;
    const severity = deps.config.severities.find((s) => s.name === incident.severity);
    const holders = await listRoleHolders(tx, { teamId: incident.teamId, incidentId: incident.id });
    if (!severity?.roles_required.includes(role) || holders.some((h) => h.role === role)) return;
    const commander = holders.find((h) => h.role === deps.config.commander_role)?.userId ?? incident.declaredBy;
    const minutes = deps.config.reminders.role_nudge_minutes;
    effects.add(
      incidentEffect(incident, {
        kind: 'incident.post',
        payload: {
          template: 'roles.nudge',
          values: { commander, role: deps.config.roles.find((r) => r.id === role)?.name ?? role, minutes },
        },
      }),
    );
    await scheduleJob(tx, {
      teamId: job.teamId,
      kind: roleNudgeJob,
      key: job.key,
      runAt: new Date(deps.clock.now().getTime() + minutes * 60_000),
      payload: job.payload,
    });
  };
}
