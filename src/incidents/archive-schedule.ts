import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries } from '../entry-log/index.ts';
import type { Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { cancelJobs, type JobHandler, scheduleJob } from '../scheduler/index.ts';
import type { IncidentChangeListener } from './incident-changes.ts';
import { incidentEffect } from './incident-effects.ts';
import { findIncidentById } from './incident-repo.ts';
import { isActive, isReopen } from './lifecycle.ts';

export const archiveWarningJob = 'channel.archive_warning';
export const archiveJob = 'channel.archive';
const dayMs = 24 * 60 * 60_000;

function archiveKey(incidentId: number, what: 'warning' | 'archive'): string {
  return `incident:${incidentId}:archive:${what}:`;
}

/**
 * Resolving schedules the channel's archive after `reminders.archive_after_days` (0 = never), with
 * a warning the day before; re-opening cancels both.
 */
export function archiveListener(deps: ServiceDeps): IncidentChangeListener {
  return async (tx, _effects, incident, change) => {
    if (change.kind !== 'status_changed') return;
    if (isReopen(change.from, change.to)) {
      await cancelJobs(tx, { teamId: incident.teamId, keyPrefix: `incident:${incident.id}:archive:` });
      return;
    }
    if (change.to !== 'resolved') return;
    await scheduleChannelArchive(tx, deps, incident, incident.resolvedAt ?? deps.clock.now());
  };
}

/** Schedules the channel's archive `reminders.archive_after_days` after `from` (0 = never), warned a day before. */
export async function scheduleChannelArchive(
  tx: Tx,
  deps: Pick<ServiceDeps, 'config'>,
  incident: { teamId: string; id: number },
  from: Date,
  after: 'resolution' | 'postmortem' = 'resolution',
): Promise<void> {
  const days = deps.config.reminders.archive_after_days;
  if (days === 0) return;
  const archiveAt = from.getTime() + days * dayMs;
  const payload = { incidentId: incident.id, after };
  await scheduleJob(tx, {
    teamId: incident.teamId,
    kind: archiveWarningJob,
    key: archiveKey(incident.id, 'warning'),
    runAt: new Date(archiveAt - dayMs),
    payload,
  });
  await scheduleJob(tx, {
    teamId: incident.teamId,
    kind: archiveJob,
    key: archiveKey(incident.id, 'archive'),
    runAt: new Date(archiveAt),
    payload,
  });
}

/** Holds the channel open (a postmortem still being written lives there): the archive and its warning are cancelled. */
export async function cancelChannelArchive(tx: Tx, incident: { teamId: string; id: number }): Promise<void> {
  await cancelJobs(tx, { teamId: incident.teamId, keyPrefix: `incident:${incident.id}:archive:` });
}

/** Warns in the incident channel that it will be archived in a day (only if still finished). */
export function archiveWarningHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const incident = await findIncidentById(tx, { teamId: job.teamId, id: Number(job.payload.incidentId) });
    if (!incident?.channelId || isActive(incident.status)) return;
    effects.add(
      incidentEffect(incident, {
        kind: 'incident.post',
        payload: {
          template: 'lifecycle.archive_warning',
          values: { days: deps.config.reminders.archive_after_days, after: String(job.payload.after ?? 'resolution') },
        },
      }),
    );
  };
}

/** Archives the incident channel, recorded on the timeline (only if the incident is still finished). */
export function archiveHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const incident = await findIncidentById(tx, { teamId: job.teamId, id: Number(job.payload.incidentId) });
    if (!incident?.channelId || isActive(incident.status)) return;
    const now = deps.clock.now();
    effects.add(incidentEffect(incident, { kind: 'channel.archive', payload: { channelId: incident.channelId } }));
    await appendTimelineEntries(tx, [
      {
        teamId: job.teamId,
        incidentId: incident.id,
        kind: 'channel_archived',
        occurredAt: now,
        text: 'Channel archived',
        data: { channelId: incident.channelId },
        sourceKey: `incident:${incident.id}:archived:${incident.channelId}`,
      },
    ]);
    await recordAudit(tx, [
      {
        teamId: job.teamId,
        incidentId: incident.id,
        actorId: 'firebreak',
        action: 'channel.archived',
        after: { channelId: incident.channelId },
        at: now,
      },
    ]);
  };
}
