import { findFollowUp, markFollowUpAccepted } from '../follow-ups/index.ts';
import { findIncidentById, type Incident, nextCounterValue } from '../incidents/index.ts';
import type { Tx } from '../platform/db.ts';
import { DomainError } from '../platform/errors.ts';
import { type LocalDate, localDateOf } from '../platform/local-time.ts';
import { redactSecrets } from '../platform/secrets.ts';
import { type EffectQueue, inTransaction } from '../platform/transaction.ts';
import { type ActionPriority, type ActionType, formatActionRef } from './action.ts';
import { type ActionDeps, queueHomeRefresh, recordActionChange } from './action-changes.ts';
import type { Action } from './action-model.ts';
import { planEscalation, planOwnerReminder } from './action-reminders.ts';
import { findActionByFollowUp, findActionByNumber, insertAction, lockActionByNumber } from './action-repo.ts';
import { defaultDueDate } from './due-dates.ts';

export const maxActionText = 500;
export const maxCloseNote = 2000;

export type NewActionInput = {
  teamId: string;
  incidentId: number;
  actorId: string;
  text: string;
  ownerId: string | undefined;
  dueDate?: LocalDate;
  type?: ActionType;
  priority?: ActionPriority;
  trackerKey?: string;
  followUpId?: number;
};

/** Days to the default due date per severity: `actions.due_days`, else 15 for the two most severe, 30 after. */
export function dueDaysBySeverity(config: ActionDeps['config']): Record<string, number> {
  return Object.fromEntries(
    config.severities.map((severity, rank) => [
      severity.name,
      config.actions.due_days[severity.name] ?? (rank < 2 ? 15 : 30),
    ]),
  );
}

/** Today's date where the team works (due dates are calendar dates there). */
export function teamToday(deps: Pick<ActionDeps, 'config' | 'clock'>): LocalDate {
  return localDateOf(deps.clock.now(), deps.config.timezone);
}

/**
 * Creates an action with the next ACT number: on the timeline, in the audit log, reflected in the
 * postmortem, the owner told by DM and their weekly reminder planned. With no due date, the
 * severity's default applies (`dueDefaulted` says so, for the reply to name the date).
 */
export async function createAction(
  deps: ActionDeps,
  input: NewActionInput,
): Promise<{ action: Action; incident: Incident; dueDefaulted: boolean; created: boolean }> {
  // What people type is stored and posted; a pasted token or password is never kept.
  const text = redactSecrets(input.text.trim().replace(/\s+/g, ' ')).text;
  if (!text) throw new DomainError('action.text_required', 'Say what should be done, e.g. “Add an alert on …”.');
  if (text.length > maxActionText)
    throw new DomainError(
      'action.text_too_long',
      `Keep the action under ${maxActionText} characters (it has ${text.length}); put detail in the tracker.`,
    );
  if (!input.ownerId)
    throw new DomainError(
      'action.owner_required',
      'Every action needs an owner: mention them, e.g. `@alice`.',
      'mrkdwn',
    );
  const today = teamToday(deps);
  if (input.dueDate && input.dueDate < today)
    throw new DomainError('action.due_past', `The due date ${input.dueDate} is in the past; pick ${today} or later.`);
  const ownerId = input.ownerId;
  return inTransaction(deps, async (tx, effects) => {
    const incident = await findIncidentById(tx, { teamId: input.teamId, id: input.incidentId });
    if (!incident) throw new DomainError('incident.not_found', 'That incident no longer exists.');
    const dueDefaulted = !input.dueDate;
    const dueDate = input.dueDate ?? defaultDueDate(incident.severity, dueDaysBySeverity(deps.config), today);
    const now = deps.clock.now();
    const number = await nextCounterValue(tx, { teamId: input.teamId, name: 'action' });
    const action = await insertAction(tx, {
      teamId: input.teamId,
      number,
      incidentId: incident.id,
      text,
      ownerId,
      dueDate,
      type: input.type ?? 'corrective',
      priority: input.priority ?? null,
      trackerKey: input.trackerKey ?? null,
      followUpId: input.followUpId ?? null,
      createdBy: input.actorId,
      createdAt: now,
      updatedAt: now,
    });
    if (!action) {
      // Two people accepted the same proposed follow-up: the first click made the action.
      const existing = await existingForFollowUp(tx, input);
      return { action: existing, incident, dueDefaulted: false, created: false };
    }
    await recordActionChange(tx, effects, deps, {
      kind: 'created',
      action,
      incident,
      actorId: input.actorId,
      at: now,
      note: null,
      text: `${formatActionRef(number)} added for <@${ownerId}>, due ${dueDate}: ${text}`,
      after: { text, ownerId, dueDate, type: action.type, priority: action.priority, trackerKey: action.trackerKey },
    });
    if (input.followUpId !== undefined) await markFollowUpAccepted(tx, { teamId: input.teamId, id: input.followUpId });
    if (ownerId !== input.actorId) notify(effects, action, ownerId, 'assigned', input.actorId);
    await planOwnerReminder(tx, effects, deps, { teamId: action.teamId, ownerId });
    await planEscalation(tx, deps, action.teamId);
    queueHomeRefresh(effects, action.teamId, [ownerId]);
    return { action, incident, dueDefaulted, created: true };
  });
}

async function existingForFollowUp(tx: Tx, input: NewActionInput): Promise<Action> {
  const existing =
    input.followUpId !== undefined
      ? await findActionByFollowUp(tx, { teamId: input.teamId, followUpId: input.followUpId })
      : undefined;
  if (!existing) throw new Error('action insert returned no row');
  return existing;
}

export type ActionTarget = { teamId: string; number: number; actorId: string };

/** The action with that number, or the error every surface shows for an unknown ACT reference. */
export async function requireAction(
  deps: Pick<ActionDeps, 'db'>,
  params: { teamId: string; number: number },
): Promise<Action> {
  const action = await findActionByNumber(deps.db, params);
  if (!action) throw actionNotFound(params.number);
  return action;
}

export function actionNotFound(number: number): DomainError {
  return new DomainError(
    'action.not_found',
    `There is no ${formatActionRef(number)}. \`/incident actions mine\` lists yours.`,
    'mrkdwn',
  );
}

/**
 * Runs one change of an open action under its row lock, so two clicks of Done (or two people) queue
 * and the second finds it closed: `changed` is false then and nothing is recorded twice.
 */
export async function changeOpenAction(
  deps: ActionDeps,
  target: ActionTarget,
  change: (tx: Tx, effects: EffectQueue, action: Action, incident: Incident, now: Date) => Promise<Action>,
): Promise<{ action: Action; incident: Incident; changed: boolean }> {
  return inTransaction(deps, async (tx, effects) => {
    const action = await lockActionByNumber(tx, target);
    if (!action) throw actionNotFound(target.number);
    const incident = await findIncidentById(tx, { teamId: target.teamId, id: action.incidentId });
    if (!incident) throw actionNotFound(target.number);
    if (action.status !== 'open') return { action, incident, changed: false };
    const changed = await change(tx, effects, action, incident, deps.clock.now());
    return { action: changed, incident, changed: true };
  });
}

/** Tells `userId` about the action, unless they did it themselves. */
export function notify(
  effects: EffectQueue,
  action: Action,
  userId: string,
  news: 'assigned' | 'reassigned_away' | 'closed_by_other' | 'snoozed_by_other',
  actorId: string,
): void {
  if (news !== 'assigned' && userId === actorId) return;
  effects.add({
    teamId: action.teamId,
    stream: `action:${action.id}`,
    kind: 'action.notify_dm',
    payload: { actionId: action.id, userId, news, actorId },
  });
}

/**
 * Turns a proposed follow-up (“Write a runbook for search-api”) into an action with an owner and a due
 * date, in one click; accepting it twice (two people, a double click) makes one action.
 */
export async function acceptFollowUp(
  deps: ActionDeps,
  input: {
    teamId: string;
    actorId: string;
    followUpId: number;
    ownerId: string | undefined;
    dueDate?: LocalDate;
    /** What the person changed in the proposal before accepting it (its wording, type, priority, tracker key). */
    edits?: Partial<Pick<NewActionInput, 'text' | 'type' | 'priority' | 'trackerKey'>>;
  },
): Promise<{ action: Action; incident: Incident; dueDefaulted: boolean; created: boolean }> {
  const followUp = await findFollowUp(deps.db, { teamId: input.teamId, id: input.followUpId });
  if (!followUp) throw new DomainError('action.follow_up_not_found', 'That proposal no longer exists.');
  return createAction(deps, {
    teamId: input.teamId,
    incidentId: followUp.incidentId,
    actorId: input.actorId,
    text: followUp.text,
    ownerId: input.ownerId,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    type: followUp.kind === 'write_runbook' ? 'runbook' : 'corrective',
    ...input.edits,
    followUpId: followUp.id,
  });
}
