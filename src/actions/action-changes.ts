import { recordAudit } from '../audit/index.ts';
import type { Incident } from '../incidents/index.ts';
import type { Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import { appendTimelineEntries } from '../timeline/index.ts';
import { formatActionRef } from './action.ts';
import type { Action, ActionEventKind } from './action-model.ts';
import { insertActionEvent } from './action-repo.ts';

/** Something that happened to an action, for the capabilities above actions (the postmortem shows them). */
export type ActionChange = { kind: ActionEventKind; action: Action; incident: Incident; actorId: string };

/** Reacts inside the transaction that changed the action, so the reaction commits or rolls back with it. */
export type ActionChangeListener = (tx: Tx, effects: EffectQueue, change: ActionChange) => Promise<void>;

/** What action services need: the shared deps and the reactions registered at wiring time (src/app). */
export type ActionDeps = ServiceDeps & { actionListeners: ActionChangeListener[] };

/**
 * Records one change of an action everywhere it is kept — its history, the incident's timeline and the
 * audit log — and tells the registered listeners. Keyed so that replaying the same change adds nothing.
 */
export async function recordActionChange(
  tx: Tx,
  effects: EffectQueue,
  deps: ActionDeps,
  change: ActionChange & {
    actorId: string;
    at: Date;
    note: string | null;
    text: string;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  },
): Promise<void> {
  const { action, incident } = change;
  const ref = formatActionRef(action.number);
  await insertActionEvent(tx, {
    teamId: action.teamId,
    actionId: action.id,
    kind: change.kind,
    actorId: change.actorId,
    at: change.at,
    note: change.note,
    before: change.before ?? null,
    after: change.after ?? null,
  });
  await appendTimelineEntries(tx, [
    {
      teamId: action.teamId,
      incidentId: incident.id,
      kind: `action_${change.kind}`,
      occurredAt: change.at,
      actorId: change.actorId,
      text: change.text,
      data: { actionId: action.id, ref, ...change.after },
      sourceKey: `action:${action.id}:${change.kind}:${change.at.getTime()}`,
    },
  ]);
  await recordAudit(tx, [
    {
      teamId: action.teamId,
      incidentId: incident.id,
      actorId: change.actorId,
      action: `action.${change.kind}`,
      before: change.before ? { ref, ...change.before } : null,
      after: { ref, ...change.after, ...(change.note ? { note: change.note } : {}) },
      at: change.at,
    },
  ]);
  for (const listener of deps.actionListeners) await listener(tx, effects, change);
}

/** Redraws a person's App Home once what it shows for them has changed (coalesced: a burst is one publish). */
export function queueHomeRefresh(effects: EffectQueue, teamId: string, userIds: Iterable<string>): void {
  for (const userId of new Set(userIds))
    effects.coalesce({ teamId, stream: `home:${userId}`, kind: 'home.publish', payload: { userId } });
}
