import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries } from '../entry-log/index.ts';
import type { Queryable } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { queueCardRefresh } from './card-refresh.ts';
import { type Incident, incidentNotFound } from './incident.ts';
import { requireIncident } from './incident-lookups.ts';
import { type MilestoneName, milestoneNames } from './milestone.ts';
import { listMilestoneRows, lockIncidentTimes, mirrorIncidentTime, upsertMilestone } from './milestone-repo.ts';

export type Milestones = Partial<Record<MilestoneName, Date>>;

/** Every known milestone of an incident; started/declared come from the incident row they mirror. */
export async function listMilestones(
  db: Queryable,
  incident: Pick<Incident, 'teamId' | 'id' | 'startedAt' | 'declaredAt'>,
): Promise<Milestones> {
  const rows = await listMilestoneRows(db, { teamId: incident.teamId, incidentId: incident.id });
  const milestones: Milestones = {};
  for (const row of rows) milestones[row.name as MilestoneName] = row.at;
  milestones.declared = incident.declaredAt;
  if (incident.startedAt) milestones.started = incident.startedAt;
  else delete milestones.started;
  return milestones;
}

/** The incident's milestones, as listMilestones gives them, read with the service's own database. */
export async function milestonesOf(
  deps: ServiceDeps,
  incident: Pick<Incident, 'teamId' | 'id' | 'startedAt' | 'declaredAt'>,
): Promise<Milestones> {
  return listMilestones(deps.db, incident);
}

export type SetMilestoneInput = {
  teamId: string;
  incidentId: number;
  name: MilestoneName;
  at: Date;
  actorId: string;
  requestKey: string;
};

/**
 * Sets or corrects a milestone: timeline entry, audit entry with who and the old value, card redraw,
 * in one transaction. Setting the value it already has changes nothing.
 */
export async function setMilestone(
  deps: ServiceDeps,
  input: SetMilestoneInput,
): Promise<{ changed: boolean; previous: Date | undefined }> {
  if (input.at.getTime() > deps.clock.now().getTime() + 60_000) {
    throw new DomainError('timeline.time_in_future', `A milestone cannot be in the future: give a time before now.`);
  }
  const result = await inTransaction(deps, async (tx, effects) => {
    const times = await lockIncidentTimes(tx, input);
    if (!times) throw incidentNotFound();
    const rows = await listMilestoneRows(tx, input);
    const mirrored =
      input.name === 'started'
        ? (times.startedAt ?? undefined)
        : input.name === 'declared'
          ? times.declaredAt
          : undefined;
    const previous = mirrored ?? rows.find((row) => row.name === input.name)?.at;
    if (previous?.getTime() === input.at.getTime()) return { changed: false, previous };
    const now = deps.clock.now();
    await upsertMilestone(tx, {
      teamId: input.teamId,
      incidentId: input.incidentId,
      name: input.name,
      at: input.at,
      setBy: input.actorId,
      now,
    });
    if (input.name === 'started' || input.name === 'declared')
      await mirrorIncidentTime(tx, {
        teamId: input.teamId,
        incidentId: input.incidentId,
        name: input.name,
        at: input.at,
      });
    await appendTimelineEntries(tx, [
      {
        teamId: input.teamId,
        incidentId: input.incidentId,
        kind: 'milestone',
        occurredAt: input.at,
        actorId: input.actorId,
        text: `${input.name}${previous ? ' (corrected)' : ''}`,
        data: { milestone: input.name, previous: previous?.toISOString() ?? null, setAt: now.toISOString() },
        sourceKey: `milestone:${input.incidentId}:${input.name}:${input.requestKey}`,
      },
    ]);
    await recordAudit(tx, [
      {
        teamId: input.teamId,
        incidentId: input.incidentId,
        actorId: input.actorId,
        action: 'milestone.set',
        before: { name: input.name, at: previous?.toISOString() ?? null },
        after: { name: input.name, at: input.at.toISOString() },
        at: now,
      },
    ]);
    queueCardRefresh(effects, { teamId: input.teamId, incidentId: input.incidentId });
    return { changed: true, previous };
  });
  return result;
}

/** Sets several milestones (the Milestones form); ones still showing their current minute are left alone. */
export async function setMilestones(
  deps: ServiceDeps,
  input: Omit<SetMilestoneInput, 'name' | 'at'> & { values: Milestones },
): Promise<number> {
  const incident = await requireIncident(deps.db, { teamId: input.teamId, incidentId: input.incidentId });
  const current = await listMilestones(deps.db, incident);
  let changed = 0;
  for (const name of milestoneNames) {
    const at = input.values[name];
    // The form's date-time picker works in whole minutes: a prefilled value sent back unchanged is no correction.
    const before = current[name];
    if (!at || (before && Math.floor(before.getTime() / 60_000) === Math.floor(at.getTime() / 60_000))) continue;
    const result = await setMilestone(deps, { ...input, name, at, requestKey: `${input.requestKey}:${name}` });
    if (result.changed) changed++;
  }
  return changed;
}
