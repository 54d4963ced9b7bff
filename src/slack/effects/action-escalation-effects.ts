import { type Action, listActionsByIds } from '../../actions/index.ts';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { EffectExecutor, OutboxEffect } from '../../outbox/index.ts';
import { localDateOf } from '../../platform/local-time.ts';
import { type EscalationIncident, escalationDmMessage, escalationPostMessage } from '../blocks/action-escalation.ts';
import { canSeeIncident } from '../incident-access.ts';
import { incidentsOf, itemModel } from './action-reminder-effects.ts';
import { resolveChannelId, withMembership } from './announce-effects.ts';
import type { EffectContext } from './effect-context.ts';
import { postOnce } from './post-once.ts';

type Loaded = { actions: Action[]; incidents: Map<number, Incident> };

// Reloaded when sent: an action closed since the job ran is no longer listed.
async function loadOpen(ctx: EffectContext, effect: OutboxEffect): Promise<Loaded> {
  const ids = (effect.payload.actionIds as unknown[]).map(Number);
  const actions = (await listActionsByIds(ctx.db, { teamId: effect.teamId, ids })).filter(
    (action) => action.status === 'open',
  );
  return { actions, incidents: await incidentsOf(ctx, effect.teamId, actions) };
}

function byIncident(ctx: EffectContext, loaded: Loaded, keep: (incident: Incident) => boolean): EscalationIncident[] {
  const today = localDateOf(ctx.clock.now(), ctx.config.timezone);
  const groups = new Map<number, EscalationIncident>();
  for (const action of loaded.actions) {
    const incident = loaded.incidents.get(action.incidentId);
    if (!incident || !keep(incident)) continue;
    const group = groups.get(incident.id) ?? {
      ref: incidentRef(incident),
      title: incident.title,
      isPrivate: incident.isPrivate,
      items: [],
    };
    group.items.push(itemModel(ctx, action, loaded.incidents, today));
    groups.set(incident.id, group);
  }
  return [...groups.values()];
}

/**
 * The commander's weekly DM of their incidents' actions overdue past `actions.escalate_after_days`; a private
 * incident whose channel they have left is not in it (the escalation channel still counts its actions).
 */
export function escalateByDm(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const loaded = await loadOpen(ctx, effect);
    const userId = String(effect.payload.userId);
    const hidden = new Set<number>();
    for (const incident of loaded.incidents.values())
      if (!(await canSeeIncident(ctx.client, incident, userId))) hidden.add(incident.id);
    const incidents = byIncident(ctx, loaded, (incident) => !hidden.has(incident.id));
    if (incidents.length === 0) return { skipped: 'nothing overdue' };
    const message = escalationDmMessage(ctx.copy, { days: ctx.config.actions.escalate_after_days, incidents });
    return postOnce(ctx, effect, { channel: userId, ...message });
  };
}

/** The weekly list in `channels.action_escalation`; a private incident's actions are counted per owner, never described. */
export function escalateInChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const loaded = await loadOpen(ctx, effect);
    if (loaded.actions.length === 0) return { skipped: 'nothing overdue' };
    const incidents = byIncident(ctx, loaded, (incident) => !incident.isPrivate);
    const counts = new Map<string, number>();
    for (const action of loaded.actions)
      if (loaded.incidents.get(action.incidentId)?.isPrivate)
        counts.set(action.ownerId, (counts.get(action.ownerId) ?? 0) + 1);
    const privateOverdue = [...counts].map(([ownerId, count]) => ({ ownerId, count }));
    const message = escalationPostMessage(ctx.copy, {
      days: ctx.config.actions.escalate_after_days,
      incidents,
      privateOverdue,
    });
    const channel = await resolveChannelId(
      ctx,
      effect.teamId,
      String(effect.payload.channel),
      'channels.action_escalation',
    );
    return withMembership(ctx, channel, () => postOnce(ctx, effect, { channel, ...message }));
  };
}
