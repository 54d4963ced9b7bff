import { incidentRef } from '../../incidents/index.ts';
import { type EffectExecutor, PermanentEffectError } from '../../outbox/index.ts';
import { type Confidence, findUpdate, type StakeholderUpdate } from '../../updates/index.ts';
import { mention } from '../blocks/format.ts';
import { stakeholderUpdateMessage } from '../blocks/stakeholder-update.ts';
import { resolveChannelId, withMembership } from './announce-effects.ts';
import { type EffectContext, loadIncident, requireChannel, severityLabel } from './effect-context.ts';
import { postOnce } from './post-once.ts';

/**
 * Posts one stakeholder update to one target: the incident channel, or a stakeholder channel (in the
 * thread of the incident's announcement when it is the announcement channel; never for private incidents).
 */
export function postUpdate(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const update = await findUpdate(ctx.db, { teamId: effect.teamId, id: Number(effect.payload.updateId) });
    if (!update) throw new PermanentEffectError(`stakeholder update ${String(effect.payload.updateId)} not found`);
    const message = stakeholderUpdateMessage(ctx.copy, {
      incident,
      severityLabel: severityLabel(ctx.config, incident.severity),
      authorId: update.authorId,
      status: update.status,
      impact: update.impact,
      actions: update.actions,
      eta: update.eta,
      confidence: update.confidence as Confidence | null,
      nextUpdateAt: nextUpdateAt(ctx, incident.severity, update),
    });
    const target = String(effect.payload.target);
    if (target === 'incident') {
      const posted = await postOnce(ctx, effect, { channel: requireChannel(incident), ...message });
      return { channel: posted.channel, ts: posted.ts };
    }
    // Checked again at send time: the incident may have been made private since the update was queued.
    if (incident.isPrivate) return { skipped: 'private incident' };
    const channel = await resolveChannelId(ctx, effect.teamId, target);
    const threadTs =
      channel === incident.announcementChannelId && incident.announcementTs ? incident.announcementTs : undefined;
    const posted = await withMembership(ctx, channel, () =>
      postOnce(ctx, effect, { channel, ...message, ...(threadTs ? { thread_ts: threadTs } : {}) }),
    );
    return { channel: posted.channel, ts: posted.ts, threaded: Boolean(threadTs) };
  };
}

/** Nudges whoever owns stakeholder updates, in the incident channel with a mention. */
export function nudgeForUpdate(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const userId = String(effect.payload.userId);
    const missed = Number(effect.payload.missed ?? 0);
    const key = missed > 0 ? 'updates.nudge_missed' : 'updates.nudge_due';
    const text = ctx.copy.render(key, {
      who: mention(userId),
      ref: incidentRef(incident),
      minutes: missed * Number(effect.payload.intervalMinutes ?? 0),
    });
    const posted = await postOnce(ctx, effect, { channel: requireChannel(incident), text });
    return { ts: posted.ts, userId };
  };
}

/** The same nudge by direct message, so it reaches the owner outside the channel too. */
export function nudgeForUpdateByDm(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const userId = String(effect.payload.userId);
    const missed = Number(effect.payload.missed ?? 0);
    const key = missed > 0 ? 'updates.nudge_missed_dm' : 'updates.nudge_due_dm';
    const text = ctx.copy.render(key, {
      ref: incidentRef(incident),
      channel: `<#${requireChannel(incident)}>`,
      minutes: missed * Number(effect.payload.intervalMinutes ?? 0),
    });
    const opened = await ctx.client.conversations.open({ users: userId });
    const dm = opened.channel?.id;
    if (!dm) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
    const posted = await postOnce(ctx, effect, { channel: dm, text });
    return { channel: dm, ts: posted.ts, userId };
  };
}

function nextUpdateAt(ctx: EffectContext, severity: string, update: StakeholderUpdate): Date | undefined {
  const minutes =
    update.nextUpdateMinutes ?? ctx.config.severities.find((s) => s.name === severity)?.update_cadence_minutes;
  return minutes ? new Date(update.postedAt.getTime() + minutes * 60_000) : undefined;
}
