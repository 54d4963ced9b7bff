import { type Incident, listRoleHolders, setSourcePermalink, updateIncidentSlackRefs } from '../../incidents/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { findPostmortem } from '../../postmortems/index.ts';
import { runProgress } from '../../runbooks/index.ts';
import { type IncidentCardModel, incidentCardBlocks, incidentCardText } from '../blocks/incident-card.ts';
import { type EffectContext, loadIncident, requireChannel, severityLabel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

/** Builds the card's view model from the database (the card always shows current state). */
export async function cardModel(ctx: EffectContext, incident: Incident): Promise<IncidentCardModel> {
  const holders = await listRoleHolders(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
  const severity = ctx.config.severities.find((s) => s.name === incident.severity);
  const shownRoles = new Set([
    ctx.config.commander_role,
    ...(severity?.roles_required ?? []),
    ...holders.map((h) => h.role),
  ]);
  return {
    incident,
    severityLabel: severityLabel(ctx.config, incident.severity),
    roles: ctx.config.roles
      .filter((role) => shownRoles.has(role.id))
      .map((role) => ({ id: role.id, name: role.name, holderId: holders.find((h) => h.role === role.id)?.userId })),
    permalink: incident.sourceMessage?.permalink,
    updatedAt: ctx.clock.now(),
    runbooks: (await runProgress(ctx.db, { teamId: incident.teamId, incidentId: incident.id })).map((run) => ({
      title: run.title,
      settled: run.settled,
      total: run.total,
      completed: run.status === 'completed',
    })),
    postmortem: await findPostmortem(ctx.db, { teamId: incident.teamId, incidentId: incident.id }),
  };
}

/** Posts the incident card in the incident channel and remembers its ts for later edits and the pin. */
export function postCard(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    let incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    if (incident.cardTs) return { ts: incident.cardTs };
    incident = await withSourcePermalink(ctx, incident);
    const model = await cardModel(ctx, incident);
    const posted = await postOnce(ctx, effect, {
      channel,
      text: incidentCardText(model),
      blocks: incidentCardBlocks(ctx.copy, model),
    });
    await updateIncidentSlackRefs(ctx.db, { teamId: incident.teamId, id: incident.id, cardTs: posted.ts });
    return { ts: posted.ts };
  };
}

/** Pins the card; pinning twice is not an error. */
export function pinCard(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    if (!incident.cardTs) return { skipped: 'no card' };
    try {
      await ctx.client.pins.add({ channel, timestamp: incident.cardTs });
    } catch (error) {
      if (slackErrorCode(error) !== 'already_pinned') throw error;
    }
    return { pinned: incident.cardTs };
  };
}

// The permalink of the message an incident was declared from is fetched once and kept.
async function withSourcePermalink(ctx: EffectContext, incident: Incident): Promise<Incident> {
  const source = incident.sourceMessage;
  if (!source || source.permalink) return incident;
  try {
    const { permalink } = await ctx.client.chat.getPermalink({ channel: source.channelId, message_ts: source.ts });
    if (!permalink) return incident;
    await setSourcePermalink(ctx.db, { teamId: incident.teamId, id: incident.id, permalink });
    return { ...incident, sourceMessage: { ...source, permalink } };
  } catch (error) {
    ctx.logger.warn({ err: error }, 'cannot get permalink of source message');
    return incident;
  }
}

/** Redraws the pinned card in place (chat.update, never a new post) from the current state. */
export function refreshCard(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    // No card yet: card.post will draw the current state when it runs.
    if (!incident.channelId || !incident.cardTs) return { skipped: 'no card yet' };
    const model = await cardModel(ctx, incident);
    await ctx.client.chat.update({
      channel: incident.channelId,
      ts: incident.cardTs,
      text: incidentCardText(model),
      blocks: incidentCardBlocks(ctx.copy, model),
    });
    return { ts: incident.cardTs };
  };
}
