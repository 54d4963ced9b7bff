import { axisDate, type Digest, loadDigest, renderWeeklyChart, statsRules } from '../../insights/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { reliabilityDigestMessage } from '../blocks/reliability-digest.ts';
import { resolveChannelId, withMembership } from './announce-effects.ts';
import { type EffectContext, severityLabel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { uploadBytes } from './timeline-effects.ts';

// Slack refuses a longer alt_txt (alt_txt_too_large).
const maxAltText = 1000;

/** The chart's file name: one per week, so a retry can tell whether this week's chart is already up. */
export function digestChartFilename(weekStart: string): string {
  return `reliability-digest-${weekStart}.png`;
}

/**
 * Posts the week's reliability digest in `digest.channel` (figures read now, at sending) and uploads
 * the twelve-week chart, with alt text, in the digest's thread: beside the figures it illustrates, and
 * one top-level post a week. A retry after a lost answer finds the post (by the effect id) and the
 * chart (by its file name) and sends neither again.
 */
export function postDigest(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const setting = ctx.config.digest.channel;
    if (!setting) return { skipped: 'digest.channel is not set' };
    const weekStart = String(effect.payload.weekStart);
    const digest = await loadDigest(ctx, { teamId: effect.teamId, weekStart });
    const weekLabel = axisDate(weekStart);
    const message = reliabilityDigestMessage(ctx.copy, {
      digest,
      weekLabel,
      timeZone: ctx.config.timezone,
      severityLabels: Object.fromEntries(ctx.config.severities.map((s) => [s.name, severityLabel(ctx.config, s.name)])),
      severityOrder: ctx.config.severities.map((s) => s.name),
    });
    const channel = await resolveChannelId(ctx, effect.teamId, setting, 'digest.channel');
    const posted = await withMembership(ctx, channel, () => postOnce(ctx, effect, { channel, ...message }));
    const filename = digestChartFilename(weekStart);
    if (effect.uncertain && (await chartInThread(ctx, posted.channel, posted.ts, filename)))
      return { ts: posted.ts, skipped: 'chart already uploaded' };
    // Drawn only once it is known to be needed: a retry that finds the chart up skips the rendering.
    const chart = await renderWeeklyChart({
      weeks: digest.series,
      severities: chartSeverities(ctx, digest),
      title: ctx.copy.render('digest.chart_title', { week: weekLabel }),
    });
    const altText = chart.altText.length <= maxAltText ? chart.altText : `${chart.altText.slice(0, maxAltText - 1)}…`;
    const fileId = await uploadBytes(ctx, filename, chart.png, { altText });
    await ctx.client.files.completeUploadExternal({
      files: [{ id: fileId, title: ctx.copy.render('digest.chart_title', { week: weekLabel }) }],
      channel_id: posted.channel,
      thread_ts: posted.ts,
      initial_comment: ctx.copy.render('digest.chart_comment'),
    });
    return { ts: posted.ts, file: fileId };
  };
}

// Real severities, most severe first as configured; one no longer configured still shows, by its name.
function chartSeverities(ctx: EffectContext, digest: Digest): Array<{ name: string; label: string }> {
  const nearMiss = new Set(statsRules(ctx.config).nearMissSeverities);
  const configured = ctx.config.severities
    .filter((severity) => !nearMiss.has(severity.name))
    .map((severity) => ({ name: severity.name, label: severityLabel(ctx.config, severity.name) }));
  const known = new Set(configured.map((severity) => severity.name));
  const others = [...new Set(digest.series.flatMap((week) => Object.keys(week.bySeverity)))]
    .filter((name) => !known.has(name))
    .sort()
    .map((name) => ({ name, label: name }));
  return [...configured, ...others];
}

async function chartInThread(ctx: EffectContext, channel: string, ts: string, filename: string): Promise<boolean> {
  const page = await ctx.client.conversations.replies({ channel, ts, limit: 15 });
  return (page.messages ?? []).some((message) => (message.files ?? []).some((file) => file.name === filename));
}
