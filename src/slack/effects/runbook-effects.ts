import { findIncidentById } from '../../incidents/index.ts';
import { type EffectExecutor, listIncidentEffects, PermanentEffectError } from '../../outbox/index.ts';
import { findRun, findRunbook, listRunSteps, listRuns, offerTsOf, setRunMessage } from '../../runbooks/index.ts';
import { runbookChecklist } from '../blocks/runbook-checklist.ts';
import { type OfferedRun, runbookOfferMessage } from '../blocks/runbook-offer.ts';
import { type EffectContext, loadIncident, requireChannel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

/** Offers matching runbooks (and notes services without one) in the incident channel. */
export function offerRunbooksInChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const names = (effect.payload.names as string[] | undefined) ?? [];
    const runbooks = names.flatMap((name) => findRunbook(ctx.runbooks ?? [], name) ?? []);
    const missing = (effect.payload.missing as string[] | undefined) ?? [];
    if (runbooks.length === 0 && missing.length === 0) return { skipped: 'nothing to offer' };
    const posted = await postOnce(ctx, effect, {
      channel,
      ...runbookOfferMessage(ctx.copy, { incidentId: incident.id, runbooks, missing }),
    });
    return { ts: posted.ts, channel: posted.channel };
  };
}

const goneMessage = new Set(['message_not_found', 'channel_not_found', 'is_archived']);

/**
 * Redraws an offer after a run was started from it (chat.update): the runbooks it offered and the
 * services it noted come from the offer's own effect; each started one names its starter instead of Start.
 */
export function redrawRunbookOffer(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const offerTs = String(effect.payload.offerTs);
    const history = await listIncidentEffects(ctx.db, { teamId: effect.teamId, incidentId: incident.id });
    const offer = history.find((e) => e.kind === 'runbooks.offer' && e.result?.ts === offerTs);
    if (!offer) return { skipped: 'offer not found' };
    const names = (offer.payload.names as string[] | undefined) ?? [];
    const runbooks = names.flatMap((name) => findRunbook(ctx.runbooks ?? [], name) ?? []);
    const missing = (offer.payload.missing as string[] | undefined) ?? [];
    const runs = new Map<string, OfferedRun>();
    for (const run of await listRuns(ctx.db, { teamId: effect.teamId, incidentId: incident.id }))
      if (offerTsOf(run) === offerTs)
        runs.set(run.runbookName, { startedBy: run.startedBy, completed: run.status === 'completed' });
    const channel = String(offer.result?.channel ?? requireChannel(incident));
    try {
      await ctx.client.chat.update({
        channel,
        ts: offerTs,
        ...runbookOfferMessage(ctx.copy, { incidentId: incident.id, runbooks, missing, runs }),
      });
    } catch (error) {
      // The offer went with its channel (a private move cleans up the public one): nothing left to redraw.
      if (goneMessage.has(slackErrorCode(error) ?? '')) return { skipped: 'offer is gone' };
      throw error;
    }
    return { ts: offerTs, channel };
  };
}

/** Posts a run's checklist once, then edits it in place (chat.update) to show the current state. */
export function drawChecklist(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const run = await findRun(ctx.db, { teamId: effect.teamId, runId: Number(effect.payload.runId) });
    if (!run) throw new PermanentEffectError(`runbook run ${String(effect.payload.runId)} not found`);
    const message = runbookChecklist(ctx.copy, run, await listRunSteps(ctx.db, run));
    if (run.channelId && run.messageTs) {
      await ctx.client.chat.update({ channel: run.channelId, ts: run.messageTs, ...message });
      return { ts: run.messageTs };
    }
    const incident = await findIncidentById(ctx.db, { teamId: run.teamId, id: run.incidentId });
    if (!incident) throw new PermanentEffectError(`incident ${run.incidentId} not found`);
    const posted = await postOnce(ctx, effect, { channel: requireChannel(incident), ...message });
    await setRunMessage(ctx.db, { teamId: run.teamId, runId: run.id, channelId: posted.channel, messageTs: posted.ts });
    return { ts: posted.ts };
  };
}
