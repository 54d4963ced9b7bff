import { DomainError } from '../platform/errors.ts';
import { atLocalHour, type LocalDate, shiftDays } from '../platform/local-time.ts';
import { redactSecrets } from '../platform/secrets.ts';
import { formatActionRef } from './action.ts';
import { type ActionDeps, queueHomeRefresh, recordActionChange } from './action-changes.ts';
import type { Action } from './action-model.ts';
import { planOwnerReminder } from './action-reminders.ts';
import { updateAction } from './action-repo.ts';
import {
  type ActionTarget,
  changeOpenAction,
  maxCloseNote,
  notify,
  requireAction,
  teamToday,
} from './action-service.ts';

type Outcome = { action: Action; changed: boolean };

function requiredNote(note: string | undefined, code: string, ask: string): string {
  const text = redactSecrets((note ?? '').trim()).text;
  if (!text) throw new DomainError(code, ask);
  if (text.length > maxCloseNote)
    throw new DomainError(
      `${code.replace(/_required$/, '')}_too_long`,
      `Keep it under ${maxCloseNote} characters; link the rest.`,
    );
  return text;
}

/**
 * Done, with the evidence it is: a note or a link, required. Anyone may close an action (the history
 * names who); closing one already closed records nothing and says who closed it.
 */
export async function completeAction(deps: ActionDeps, target: ActionTarget & { evidence?: string }): Promise<Outcome> {
  const evidence = requiredNote(
    target.evidence,
    'action.evidence_required',
    'Say how it was verified: a note or a link to the evidence (the PR, the dashboard, the runbook).',
  );
  return close(deps, target, 'done', evidence);
}

/** Won't do, with the reason, required (the postmortem shows it beside the action). */
export async function declineAction(deps: ActionDeps, target: ActionTarget & { reason?: string }): Promise<Outcome> {
  const reason = requiredNote(target.reason, 'action.reason_required', 'Say why it will not be done.');
  return close(deps, target, 'wont_do', reason);
}

async function close(
  deps: ActionDeps,
  target: ActionTarget,
  status: 'done' | 'wont_do',
  note: string,
): Promise<Outcome> {
  const result = await changeOpenAction(deps, target, async (tx, effects, action, incident, now) => {
    const closed = await updateAction(tx, action.id, {
      status,
      closedBy: target.actorId,
      closedAt: now,
      closeNote: note,
      snoozedUntil: null,
      updatedAt: now,
    });
    const ref = formatActionRef(action.number);
    const byOther = target.actorId !== action.ownerId ? ` (owner <@${action.ownerId}>)` : '';
    await recordActionChange(tx, effects, deps, {
      kind: status,
      action: closed,
      incident,
      actorId: target.actorId,
      at: now,
      note,
      text: status === 'done' ? `${ref} done${byOther}: ${note}` : `${ref} won't be done${byOther}: ${note}`,
      before: { status: 'open' },
      after: {
        status,
        onTime: status === 'done' ? now.getTime() <= endOfDue(action.dueDate, deps.config.timezone) : undefined,
      },
    });
    notify(effects, closed, action.ownerId, 'closed_by_other', target.actorId);
    await planOwnerReminder(tx, effects, deps, { teamId: action.teamId, ownerId: action.ownerId });
    queueHomeRefresh(effects, action.teamId, [action.ownerId, target.actorId]);
    return closed;
  });
  return result;
}

// On time means by the end of the due day where the team works (the zone due dates are set in).
function endOfDue(dueDate: LocalDate, timeZone: string): number {
  return atLocalHour(shiftDays(dueDate, 1), 0, timeZone).getTime() - 1;
}

/** Moves the due date later, with a reason; reminders leave the action out until its new week. */
export async function snoozeAction(
  deps: ActionDeps,
  target: ActionTarget & { until: LocalDate; reason?: string },
): Promise<Outcome> {
  const reason = requiredNote(target.reason, 'action.reason_required', 'Say why it needs more time.');
  const today = teamToday(deps);
  if (target.until <= today)
    throw new DomainError('action.snooze_not_later', `Pick a date after today (${today}) to snooze to.`);
  return changeOpenAction(deps, target, async (tx, effects, action, incident, now) => {
    const snoozed = await updateAction(tx, action.id, {
      dueDate: target.until,
      snoozedUntil: target.until,
      updatedAt: now,
    });
    await recordActionChange(tx, effects, deps, {
      kind: 'snoozed',
      action: snoozed,
      incident,
      actorId: target.actorId,
      at: now,
      note: reason,
      text: `${formatActionRef(action.number)} snoozed from ${action.dueDate} to ${target.until}: ${reason}`,
      before: { dueDate: action.dueDate },
      after: { dueDate: target.until },
    });
    notify(effects, snoozed, action.ownerId, 'snoozed_by_other', target.actorId);
    queueHomeRefresh(effects, action.teamId, [action.ownerId]);
    return snoozed;
  });
}

/** Gives the action to someone else: both owners are told, both reminders re-planned. */
export async function reassignAction(deps: ActionDeps, target: ActionTarget & { ownerId: string }): Promise<Outcome> {
  const current = await requireAction(deps, target);
  if (current.ownerId === target.ownerId && current.status === 'open')
    throw new DomainError(
      'action.same_owner',
      `<@${target.ownerId}> already owns ${formatActionRef(current.number)}.`,
      'mrkdwn',
    );
  return changeOpenAction(deps, target, async (tx, effects, action, incident, now) => {
    const moved = await updateAction(tx, action.id, { ownerId: target.ownerId, updatedAt: now });
    await recordActionChange(tx, effects, deps, {
      kind: 'reassigned',
      action: moved,
      incident,
      actorId: target.actorId,
      at: now,
      note: null,
      text: `${formatActionRef(action.number)} reassigned from <@${action.ownerId}> to <@${target.ownerId}>`,
      before: { ownerId: action.ownerId },
      after: { ownerId: target.ownerId },
    });
    notify(effects, moved, target.ownerId, 'assigned', target.actorId);
    notify(effects, moved, action.ownerId, 'reassigned_away', target.actorId);
    for (const ownerId of [action.ownerId, target.ownerId])
      await planOwnerReminder(tx, effects, deps, { teamId: action.teamId, ownerId });
    queueHomeRefresh(effects, action.teamId, [action.ownerId, target.ownerId]);
    return moved;
  });
}
