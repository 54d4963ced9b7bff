import { recordAudit } from '../audit/index.ts';
import { appendTimelineEntries, recordTypedRedactions } from '../entry-log/index.ts';
import { incidentEffect, incidentRef, incidentStream, requireIncident } from '../incidents/index.ts';
import type { Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { redactFields } from '../platform/secrets.ts';
import { inTransaction } from '../platform/transaction.ts';
import { cancelJobs, scheduleJob } from '../scheduler/index.ts';
import { checkUpdate, isClosed, type StakeholderUpdateInput, updateDueKey, updateIntervalMinutes } from './update.ts';
import { insertUpdate, type StakeholderUpdate } from './update-repo.ts';

export const updateDueJobKind = 'update.due';

/**
 * Records a stakeholder update, puts it on the timeline, queues its posts (the incident channel, and
 * the severity's stakeholder channels unless the incident is private) and reschedules the next nudge.
 * Secrets in its fields are stored and posted redacted, and the author is told.
 */
export async function postStakeholderUpdate(
  deps: ServiceDeps,
  input: StakeholderUpdateInput & { teamId: string; incidentId?: number; channelId?: string; authorId: string },
): Promise<StakeholderUpdate> {
  const { values, found } = redactFields({
    status: input.status,
    impact: input.impact,
    actions: input.actions,
    eta: input.eta,
  });
  const checked = checkUpdate({ ...input, ...values });
  const now = deps.clock.now();
  const update = await inTransaction(deps, async (tx, effects) => {
    const incident = await requireIncident(tx, input);
    const row = await insertUpdate(tx, {
      teamId: input.teamId,
      incidentId: incident.id,
      authorId: input.authorId,
      status: checked.status,
      impact: checked.impact,
      actions: checked.actions,
      nextUpdateMinutes: checked.nextUpdateMinutes ?? null,
      eta: checked.eta,
      confidence: checked.confidence ?? null,
      postedAt: now,
    });
    await appendTimelineEntries(tx, [
      {
        teamId: input.teamId,
        incidentId: incident.id,
        kind: 'stakeholder_update',
        occurredAt: now,
        actorId: input.authorId,
        text: `Stakeholder update: ${checked.status}`,
        data: {
          updateId: row.id,
          impact: checked.impact,
          actions: checked.actions,
          eta: checked.eta,
          confidence: checked.confidence,
        },
        sourceKey: `update:${row.id}`,
      },
    ]);
    await recordAudit(tx, [
      {
        teamId: input.teamId,
        incidentId: incident.id,
        actorId: input.authorId,
        action: 'update.posted',
        after: { updateId: row.id, ref: incidentRef(incident) },
        at: now,
      },
    ]);
    const targets = [
      'incident',
      ...(incident.isPrivate ? [] : (deps.config.channels.stakeholders[incident.severity] ?? [])),
    ];
    effects.add(
      ...targets.map((target) =>
        incidentEffect(incident, { kind: 'update.post', payload: { updateId: row.id, target } }),
      ),
    );
    await recordTypedRedactions(tx, effects, {
      teamId: input.teamId,
      incidentId: incident.id,
      userId: input.authorId,
      at: now,
      found,
      key: `update:${row.id}`,
      stream: incidentStream(incident.id),
    });
    const minutes = updateIntervalMinutes(deps.config, incident.severity, checked.nextUpdateMinutes);
    if (isClosed(incident) || !minutes)
      await cancelJobs(tx, { teamId: input.teamId, keyPrefix: updateDueKey(incident.id) });
    else
      await scheduleUpdateDue(tx, {
        teamId: input.teamId,
        incidentId: incident.id,
        runAt: new Date(now.getTime() + minutes * 60_000),
        intervalMinutes: minutes,
        missed: 0,
      });
    return row;
  });
  return update;
}

/** Schedules (replacing) the incident's next "update due" nudge. */
export async function scheduleUpdateDue(
  tx: Tx,
  params: { teamId: string; incidentId: number; runAt: Date; intervalMinutes: number; missed: number },
): Promise<void> {
  await scheduleJob(tx, {
    teamId: params.teamId,
    kind: updateDueJobKind,
    key: updateDueKey(params.incidentId),
    runAt: params.runAt,
    payload: { incidentId: params.incidentId, intervalMinutes: params.intervalMinutes, missed: params.missed },
  });
}

/** What the update form needs about an incident: its id, reference and the severity's cadence. */
export async function updateFormContext(
  deps: ServiceDeps,
  input: { teamId: string; incidentId?: number; channelId?: string },
) {
  const incident = await requireIncident(deps.db, input);
  return {
    incident,
    ref: incidentRef(incident),
    cadenceMinutes: updateIntervalMinutes(deps.config, incident.severity),
  };
}
