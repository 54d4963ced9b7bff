import { listRoleHolders } from '../incidents/index.ts';
import type { Queryable, Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { localDateOf, shiftDays } from '../platform/local-time.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import { type JobHandler, scheduleJob, scheduleJobBy } from '../scheduler/index.ts';
import { cachedTimeZone } from '../timeline/index.ts';
import {
  claimDueOwners,
  earliestReminder,
  findActionOwner,
  setOwnerReminders,
  upsertActionOwner,
} from './action-owners-repo.ts';
import { listOpenActionsDueBefore, listOpenActionsOfOwners } from './action-repo.ts';
import { isAwake, nextWeeklySlot, slotBeingSent, type WeeklySchedule } from './weekly-reminder.ts';

export const actionReminderSweepJob = 'actions.reminder_sweep';
export const actionEscalationJob = 'actions.escalation';
const sweepKey = 'actions:reminder-sweep';
const escalationKey = 'actions:escalation';
/** Owners per sweep transaction: bounds memory and transaction size however many owners are due. */
export const reminderPageSize = 200;
/** Overdue actions listed per escalation run (the oldest first; the rest wait for next week's). */
const escalationLimit = 500;

type Deps = Pick<ServiceDeps, 'config' | 'clock'>;

function scheduleIn(deps: Deps, timeZone: string): WeeklySchedule {
  const { action_reminder_day: day, action_reminder_hour: hour } = deps.config.reminders;
  return { day, hour, timeZone };
}

/**
 * Plans the owner's next weekly reminder after they gain or lose an action: the next slot in their
 * zone while they have anything open, none otherwise. A reminder already due (Firebreak was down) is
 * kept, so it still goes out; an owner whose zone is unknown is looked up (users.info) once.
 */
export async function planOwnerReminder(
  tx: Tx,
  effects: EffectQueue,
  deps: Deps,
  params: { teamId: string; ownerId: string },
): Promise<void> {
  const [open, existing, cached] = await Promise.all([
    listOpenActionsOfOwners(tx, { teamId: params.teamId, ownerIds: [params.ownerId] }),
    findActionOwner(tx, params),
    cachedTimeZone(tx, { teamId: params.teamId, userId: params.ownerId }),
  ]);
  const timeZone = cached ?? existing?.timeZone ?? null;
  if (!timeZone && !existing)
    effects.add({
      teamId: params.teamId,
      stream: `action-owner:${params.ownerId}`,
      kind: 'action.owner_tz',
      payload: { userId: params.ownerId },
    });
  const zoneChanged = (existing?.timeZone ?? null) !== timeZone;
  const keep = existing?.nextReminderAt && !zoneChanged ? existing.nextReminderAt : undefined;
  const next =
    open.length === 0
      ? null
      : (keep ?? nextWeeklySlot(deps.clock.now(), scheduleIn(deps, timeZone ?? deps.config.timezone)).at);
  await upsertActionOwner(tx, { ...params, nextReminderAt: next, timeZone });
  if (next) await ensureSweepBy(tx, params.teamId, next);
}

/** Once users.info has told the owner's zone, their pending reminder moves to their own morning. */
export async function setOwnerTimeZone(
  db: Queryable,
  deps: Deps,
  params: { teamId: string; ownerId: string; timeZone: string | null },
): Promise<void> {
  const existing = await findActionOwner(db, params);
  if (!existing || (existing.timeZone ?? null) === params.timeZone) return;
  const zone = params.timeZone ?? deps.config.timezone;
  const next = existing.nextReminderAt ? nextWeeklySlot(deps.clock.now(), scheduleIn(deps, zone)).at : null;
  await upsertActionOwner(db, { ...params, nextReminderAt: next });
  if (next) await ensureSweepBy(db, params.teamId, next);
}

async function ensureSweepBy(db: Queryable, teamId: string, runAt: Date): Promise<void> {
  await scheduleJobBy(db, { teamId, kind: actionReminderSweepJob, key: sweepKey, runAt });
}

/**
 * Sends the reminders that are due, one page of owners per run. Each owner's DM is queued in the
 * same transaction that records the week as reminded, so it goes out once per week whichever
 * replica runs the sweep, however often it restarts, and late (once) after a downtime.
 */
export function actionReminderSweepHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const now = deps.clock.now();
    const owners = await claimDueOwners(tx, { teamId: job.teamId, now, limit: reminderPageSize });
    const actions = await listOpenActionsOfOwners(tx, {
      teamId: job.teamId,
      ownerIds: owners.map((owner) => owner.ownerId),
    });
    const updates: Array<{ ownerId: string; nextReminderAt: Date | null; remindedWeek?: string }> = [];
    for (const owner of owners) {
      const timeZone = owner.timeZone ?? deps.config.timezone;
      const schedule = scheduleIn(deps, timeZone);
      const planned = owner.nextReminderAt ?? now;
      const slot = slotBeingSent(planned, now, schedule);
      const mine = actions.filter((action) => action.ownerId === owner.ownerId);
      const today = localDateOf(now, timeZone);
      const due = mine.some((action) => isAwake(action, today)) && owner.remindedWeek !== slot.week;
      // Planned from the later of now and this slot, so a late run does not send this week's again.
      const after = new Date(Math.max(now.getTime(), planned.getTime()));
      const next = mine.length > 0 ? nextWeeklySlot(after, schedule).at : null;
      if (due)
        effects.add({
          teamId: job.teamId,
          stream: `action-reminder:${owner.ownerId}`,
          kind: 'action.reminder_dm',
          payload: { userId: owner.ownerId, week: slot.week, timeZone },
        });
      updates.push({ ownerId: owner.ownerId, nextReminderAt: next, ...(due ? { remindedWeek: slot.week } : {}) });
    }
    await setOwnerReminders(tx, { teamId: job.teamId, owners: updates });
    const again = owners.length === reminderPageSize ? now : await earliestReminder(tx, { teamId: job.teamId });
    // "By", not "at": a sweep another transaction planned meanwhile (an owner's new action, committed
    // after `again` was read) may be sooner and must not be cancelled.
    if (again) await ensureSweepBy(tx, job.teamId, again);
  };
}

/** Makes sure this week's escalation run is planned (at the reminder day and hour in the team's zone). */
export async function planEscalation(db: Queryable, deps: Deps, teamId: string): Promise<void> {
  const runAt = nextWeeklySlot(deps.clock.now(), scheduleIn(deps, deps.config.timezone)).at;
  await scheduleJobBy(db, { teamId, kind: actionEscalationJob, key: escalationKey, runAt });
}

/**
 * Once a week, actions overdue by more than `actions.escalate_after_days` go to their incident's
 * commander by DM and, when `channels.action_escalation` is set, to that channel. Queued in the
 * job's transaction, so once per week; the next run is planned while anything is still open.
 */
export function actionEscalationHandler(deps: ServiceDeps): JobHandler {
  return async (tx, effects, job) => {
    const today = localDateOf(deps.clock.now(), deps.config.timezone);
    const before = shiftDays(today, -deps.config.actions.escalate_after_days);
    const overdue = await listOpenActionsDueBefore(tx, { teamId: job.teamId, before, limit: escalationLimit });
    const byCommander = new Map<string, number[]>();
    for (const incidentId of new Set(overdue.map((action) => action.incidentId))) {
      const holders = await listRoleHolders(tx, { teamId: job.teamId, incidentId });
      const commander = holders.find((holder) => holder.role === deps.config.commander_role)?.userId;
      if (!commander) continue;
      const ids = overdue.filter((action) => action.incidentId === incidentId).map((action) => action.id);
      byCommander.set(commander, [...(byCommander.get(commander) ?? []), ...ids]);
    }
    for (const [userId, actionIds] of byCommander)
      effects.add({
        teamId: job.teamId,
        stream: `action-escalation:${userId}`,
        kind: 'action.escalation_dm',
        payload: { userId, actionIds },
      });
    const channel = deps.config.channels.action_escalation;
    if (channel && overdue.length > 0)
      effects.add({
        teamId: job.teamId,
        stream: 'action-escalation:channel',
        kind: 'action.escalation_post',
        payload: { channel, actionIds: overdue.map((action) => action.id) },
      });
    const stillOpen = await listOpenActionsDueBefore(tx, { teamId: job.teamId, before: '9999-12-31', limit: 1 });
    if (stillOpen.length > 0) {
      const runAt = nextWeeklySlot(deps.clock.now(), scheduleIn(deps, deps.config.timezone)).at;
      await scheduleJob(tx, { teamId: job.teamId, kind: actionEscalationJob, key: escalationKey, runAt });
    }
  };
}
