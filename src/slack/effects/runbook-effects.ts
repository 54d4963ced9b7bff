import { findIncidentById } from '../../incidents/index.ts';
import { type EffectExecutor, PermanentEffectError } from '../../outbox/index.ts';
import { findRun, findRunbook, listRunSteps, setRunMessage } from '../../runbooks/index.ts';
import { runbookChecklist } from '../blocks/runbook-checklist.ts';
import { runbookOfferMessage } from '../blocks/runbook-offer.ts';
import { type EffectContext, loadIncident, requireChannel } from './effect-context.ts';
import { postOnce } from './post-once.ts';

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
    return { ts: posted.ts };
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
