import { type Action, groupByDue, isAwake, listOpenActionsOfOwners, setOwnerTimeZone } from '../../actions/index.ts';
import { findIncidentById, type Incident, incidentRef } from '../../incidents/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { type LocalDate, localDateOf } from '../../platform/local-time.ts';
import { saveUserProfile } from '../../timeline/index.ts';
import type { ActionItemModel } from '../blocks/action-item.ts';
import { actionReminderMessage } from '../blocks/action-reminder.ts';
import type { EffectContext } from './effect-context.ts';
import { postOnce } from './post-once.ts';

/** The incidents these actions came from, by id (one lookup per distinct incident). */
export async function incidentsOf(
  ctx: EffectContext,
  teamId: string,
  actions: readonly Pick<Action, 'incidentId'>[],
): Promise<Map<number, Incident>> {
  const ids = [...new Set(actions.map((action) => action.incidentId))];
  const found = await Promise.all(ids.map((id) => findIncidentById(ctx.db, { teamId, id })));
  return new Map(found.filter((incident) => incident !== undefined).map((incident) => [incident.id, incident]));
}

/** How the action reads in a list for a reader whose today is `today`. */
export function itemModel(
  ctx: EffectContext,
  action: Action,
  incidents: Map<number, Incident>,
  today: LocalDate,
): ActionItemModel {
  const incident = incidents.get(action.incidentId);
  return {
    action,
    incidentRef: incident ? incidentRef(incident) : '',
    today,
    trackerUrl: ctx.config.actions.tracker_url ?? undefined,
  };
}

/**
 * The owner's weekly reminder: ONE direct message of their open actions, snoozed ones left out until
 * their week, grouped by due in the owner's zone; nothing is sent when nothing is open and awake. It
 * posts to the user's id (the app DM) so 10,000 owners cost no conversations.open, and once per effect.
 */
export function remindActionOwner(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const userId = String(effect.payload.userId);
    const timeZone = String(effect.payload.timeZone ?? ctx.config.timezone);
    const today = localDateOf(ctx.clock.now(), timeZone);
    const open = await listOpenActionsOfOwners(ctx.db, { teamId: effect.teamId, ownerIds: [userId] });
    const awake = open.filter((action) => isAwake(action, today));
    if (awake.length === 0) return { skipped: 'nothing open' };
    const incidents = await incidentsOf(ctx, effect.teamId, awake);
    const { overdue, thisWeek, later } = groupByDue(awake, today);
    const items = (actions: Action[]) => actions.map((action) => itemModel(ctx, action, incidents, today));
    const message = actionReminderMessage(ctx.copy, {
      overdue: items(overdue),
      thisWeek: items(thisWeek),
      later: items(later),
    });
    return postOnce(ctx, effect, { channel: userId, ...message });
  };
}

/** Learns the owner's time zone (users.info `tz`, cached) and moves their weekly reminder to their own morning. */
export function learnActionOwnerTimeZone(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const userId = String(effect.payload.userId);
    const { user } = await ctx.client.users.info({ user: userId });
    const now = ctx.clock.now();
    const name = user?.profile?.display_name || user?.real_name || user?.name || userId;
    const tz = user?.tz ?? null;
    await saveUserProfile(ctx.db, { teamId: effect.teamId, userId, displayName: name, tz, now });
    await setOwnerTimeZone(ctx.db, ctx, { teamId: effect.teamId, ownerId: userId, timeZone: tz });
    return { tz };
  };
}
