import { appendTimelineEntries } from '../entry-log/index.ts';
import { findIncidentById, type IncidentChangeListener, incidentStream, listRoleHolders } from '../incidents/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import type { JobHandler } from '../scheduler/index.ts';
import { cancelJobs } from '../scheduler/index.ts';
import { isClosed, updateDueKey, updateIntervalMinutes, updateOwner } from './update.ts';
import { listUpdates } from './update-repo.ts';
import { scheduleUpdateDue } from './update-service.ts';

/**
 * Keeps the "next update due" nudge in step with the incident: scheduled at declaration, moved when
 * the severity (and so the cadence) changes, cancelled on resolve, restarted on reopen.
 */
export function updateCadence(deps: ServiceDeps): IncidentChangeListener {
  return async (tx, _effects, incident, change) => {
    const teamId = incident.teamId;
    const closing = change.kind === 'status_changed' && isClosed({ status: change.to });
    if (closing) {
      await cancelJobs(tx, { teamId, keyPrefix: updateDueKey(incident.id) });
      return;
    }
    const reopened = change.kind === 'status_changed' && isClosed({ status: change.from });
    if (change.kind !== 'declared' && change.kind !== 'severity_changed' && !reopened) return;
    const now = deps.clock.now();
    const severity = change.kind === 'severity_changed' ? change.to : incident.severity;
    const [last] = await listUpdates(tx, { teamId, incidentId: incident.id });
    // A severity change applies the new cadence from the last update; a longer promise stays if it is still the rule.
    const minutes = updateIntervalMinutes(
      deps.config,
      severity,
      change.kind === 'severity_changed' ? undefined : last?.nextUpdateMinutes,
    );
    if (!minutes) {
      await cancelJobs(tx, { teamId, keyPrefix: updateDueKey(incident.id) });
      return;
    }
    const from = reopened ? now : (last?.postedAt ?? incident.declaredAt);
    const due = Math.max(now.getTime(), from.getTime() + minutes * 60_000);
    await scheduleUpdateDue(tx, {
      teamId,
      incidentId: incident.id,
      runAt: new Date(due),
      intervalMinutes: minutes,
      missed: 0,
    });
  };
}

/**
 * An update is due and none was posted since the nudge was scheduled (a new update replaces the job):
 * nudge the comms lead (else the commander); from the second interval on, record the update as missed.
 * Runs inside the job's transaction, so each nudge is queued exactly once.
 */
export function updateDueHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const incidentId = Number(job.payload.incidentId);
    const incident = await findIncidentById(tx, { teamId: job.teamId, id: incidentId });
    if (!incident || isClosed(incident)) return;
    const missed = Number(job.payload.missed ?? 0);
    const intervalMinutes = Number(job.payload.intervalMinutes);
    const holders = await listRoleHolders(tx, { teamId: job.teamId, incidentId });
    const userId = updateOwner(deps.config, holders, incident.declaredBy);
    const dueAt = job.runAt.toISOString();
    await appendTimelineEntries(tx, [
      {
        teamId: job.teamId,
        incidentId,
        kind: missed > 0 ? 'update_missed' : 'update_due',
        occurredAt: job.runAt,
        actorId: null,
        text:
          missed > 0
            ? `Stakeholder update missed (${missed * intervalMinutes} min overdue); nudged <@${userId}>`
            : `Stakeholder update due; nudged <@${userId}>`,
        data: { dueAt, missed, userId },
        sourceKey: `incident:${incidentId}:update-nudge:${dueAt}`,
      },
    ]);
    // Two effects: a retry of one (say the DM hit a rate limit) never repeats the other.
    const payload = { incidentId, userId, missed, dueAt, intervalMinutes };
    effects.add(
      { teamId: job.teamId, stream: incidentStream(incidentId), kind: 'update.nudge', payload },
      { teamId: job.teamId, stream: `dm:${userId}`, kind: 'update.nudge_dm', payload },
    );
    // A nudge run late (Firebreak was down, or the clock jumped) is sent once: the intervals that passed
    // meanwhile are counted as missed, not replayed as a burst of nudges.
    const intervalMs = intervalMinutes * 60_000;
    const behind = Math.max(0, Math.floor((deps.clock.now().getTime() - job.runAt.getTime()) / intervalMs));
    await scheduleUpdateDue(tx, {
      teamId: job.teamId,
      incidentId,
      runAt: new Date(job.runAt.getTime() + (behind + 1) * intervalMs),
      intervalMinutes,
      missed: missed + behind + 1,
    });
  };
}
