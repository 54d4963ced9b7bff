import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { incidentRef, incidentStream } from '../incidents/index.ts';
import { enqueueEffects, type NewOutboxEffect } from '../outbox/index.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { redactFields } from '../platform/secrets.ts';
import { requireIncident } from '../runbooks/index.ts';
import { cancelJobs, scheduleJob } from '../scheduler/index.ts';
import { appendTimelineEntries, recordTypedRedactions } from '../timeline/index.ts';
import { stakeholderUpdatesTable } from './stakeholder-update.sql.ts';
import { checkUpdate, isClosed, type StakeholderUpdateInput, updateDueKey, updateIntervalMinutes } from './update.ts';

export type StakeholderUpdate = typeof stakeholderUpdatesTable.$inferSelect;
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
  const { values, found } = redactFields({ status: input.status, impact: input.impact, actions: input.actions, eta: input.eta });
  const checked = checkUpdate({ ...input, ...values });
  const now = deps.clock.now();
  const update = await deps.db.transaction(async (tx) => {
    const incident = await requireIncident(tx, input);
    const [row] = await tx
      .insert(stakeholderUpdatesTable)
      .values({
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
      })
      .returning();
    if (!row) throw new Error('stakeholder update insert returned no row');
    await appendTimelineEntries(tx, [
      { teamId: input.teamId, incidentId: incident.id, kind: 'stakeholder_update', occurredAt: now, actorId: input.authorId, text: `Stakeholder update: ${checked.status}`, data: { updateId: row.id, impact: checked.impact, actions: checked.actions, eta: checked.eta, confidence: checked.confidence }, sourceKey: `update:${row.id}` },
    ]);
    await recordAudit(tx, [{ teamId: input.teamId, incidentId: incident.id, actorId: input.authorId, action: 'update.posted', after: { updateId: row.id, ref: incidentRef(incident) }, at: now }]);
    const targets = ['incident', ...(incident.isPrivate ? [] : (deps.config.channels.stakeholders[incident.severity] ?? []))];
    const effects: NewOutboxEffect[] = targets.map((target) => ({ teamId: input.teamId, stream: incidentStream(incident.id), kind: 'update.post', payload: { incidentId: incident.id, updateId: row.id, target } }));
    await enqueueEffects(tx, effects);
    await recordTypedRedactions(tx, { teamId: input.teamId, incidentId: incident.id, userId: input.authorId, at: now, found, key: `update:${row.id}`, stream: incidentStream(incident.id) });
    const minutes = updateIntervalMinutes(deps.config, incident.severity, checked.nextUpdateMinutes);
    if (isClosed(incident) || !minutes) await cancelJobs(tx, { teamId: input.teamId, keyPrefix: updateDueKey(incident.id) });
    else await scheduleUpdateDue(tx, { teamId: input.teamId, incidentId: incident.id, runAt: new Date(now.getTime() + minutes * 60_000), intervalMinutes: minutes, missed: 0 });
    return row;
  });
  deps.effectsQueued();
  return update;
}

/** Schedules (replacing) the incident's next "update due" nudge. */
export async function scheduleUpdateDue(tx: Tx, params: { teamId: string; incidentId: number; runAt: Date; intervalMinutes: number; missed: number }): Promise<void> {
  await scheduleJob(tx, {
    teamId: params.teamId,
    kind: updateDueJobKind,
    key: updateDueKey(params.incidentId),
    runAt: params.runAt,
    payload: { incidentId: params.incidentId, intervalMinutes: params.intervalMinutes, missed: params.missed },
  });
}

export async function findUpdate(db: Queryable, params: { teamId: string; id: number }): Promise<StakeholderUpdate | undefined> {
  const [row] = await db.select().from(stakeholderUpdatesTable).where(and(eq(stakeholderUpdatesTable.teamId, params.teamId), eq(stakeholderUpdatesTable.id, params.id)));
  return row;
}

/** An incident's updates, newest first. */
export async function listUpdates(db: Queryable, params: { teamId: string; incidentId: number }): Promise<StakeholderUpdate[]> {
  return db
    .select()
    .from(stakeholderUpdatesTable)
    .where(and(eq(stakeholderUpdatesTable.teamId, params.teamId), eq(stakeholderUpdatesTable.incidentId, params.incidentId)))
    .orderBy(desc(stakeholderUpdatesTable.postedAt), desc(stakeholderUpdatesTable.id));
}

/** What the update form needs about an incident: its id, reference and the severity's cadence. */
export async function updateFormContext(deps: ServiceDeps, input: { teamId: string; incidentId?: number; channelId?: string }) {
  const incident = await requireIncident(deps.db, input);
  return { incident, ref: incidentRef(incident), cadenceMinutes: updateIntervalMinutes(deps.config, incident.severity) };
}
