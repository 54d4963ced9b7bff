import { type Action, findActionById, formatActionRef, teamToday } from '../../actions/index.ts';
import { listFollowUps } from '../../follow-ups/index.ts';
import { findIncidentById, type Incident, incidentRef } from '../../incidents/index.ts';
import type { EffectExecutor, OutboxEffect } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import { actionDmMessage, actionNewsMessage } from '../blocks/action-dm.ts';
import { proposalBlocks } from '../blocks/action-proposals.ts';
import { mention } from '../blocks/format.ts';
import { type EffectContext, loadIncident, requireChannel } from './effect-context.ts';
import { postOnce } from './post-once.ts';

async function loadAction(ctx: EffectContext, effect: OutboxEffect): Promise<{ action: Action; incident: Incident }> {
  const actionId = Number(effect.payload.actionId);
  const action = await findActionById(ctx.db, { teamId: effect.teamId, id: actionId });
  if (!action) throw new PermanentEffectError(`action ${actionId} not found`);
  const incident = await findIncidentById(ctx.db, { teamId: effect.teamId, id: action.incidentId });
  if (!incident) throw new PermanentEffectError(`incident ${action.incidentId} not found`);
  return { action, incident };
}

/**
 * Tells one person, by direct message and exactly once, what happened to an action: given to them (with
 * the four buttons while it is open), taken from them, or closed or snoozed by someone else. Read when
 * sent, so the message shows the action as it is now.
 */
export function notifyActionDm(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { action, incident } = await loadAction(ctx, effect);
    const userId = String(effect.payload.userId);
    const actor = mention(String(effect.payload.actorId));
    const news = String(effect.payload.news);
    const values = {
      actor,
      ref: formatActionRef(action.number),
      text: action.text,
      incident: incidentRef(incident),
      owner: mention(action.ownerId),
      status: action.status,
      note: action.closeNote ?? '',
      due: action.dueDate,
    };
    const message =
      news === 'assigned'
        ? actionDmMessage(ctx.copy, {
            lead: ctx.copy.render(
              userId === String(effect.payload.actorId) ? 'actions.dm_assigned_self' : 'actions.dm_assigned',
              values,
            ),
            item: {
              action,
              incidentRef: incidentRef(incident),
              today: teamToday({ config: ctx.config, clock: ctx.clock }),
              trackerUrl: ctx.config.actions.tracker_url,
            },
          })
        : actionNewsMessage(ctx.copy.render(`actions.dm_${news}`, values));
    const opened = await ctx.client.conversations.open({ users: userId });
    if (!opened.channel?.id) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
    const posted = await postOnce(ctx, effect, { channel: opened.channel.id, ...message });
    return { channel: opened.channel.id, ts: posted.ts };
  };
}

/** On resolve, posts the incident's pending follow-ups in its channel as proposed actions, each with *Accept*. */
export function proposeActions(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const followUps = await listFollowUps(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const proposals = followUps.filter((f) => f.status === 'pending').map((f) => ({ id: f.id, text: f.text }));
    if (proposals.length === 0) return { skipped: 'no pending follow-ups' };
    const ref = incidentRef(incident);
    const posted = await postOnce(ctx, effect, {
      channel: requireChannel(incident),
      text: ctx.copy.render('actions.proposals_intro', { ref }),
      blocks: proposalBlocks(ctx.copy, { ref, proposals }),
    });
    return { ts: posted.ts };
  };
}
