import { describePeriod, statsExportFiles } from '../../insights/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import type { EffectContext } from './effect-context.ts';
import { alreadyUploaded, shareFiles } from './timeline-effects.ts';

/**
 * Uploads the stats CSVs (incidents, actions) to the requester's DM in one message. The file names
 * carry the effect's id, so a retry after a lost answer finds its upload instead of sending it twice.
 */
export function exportStatsCsv(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { userId, from, to, severity, service } = effect.payload as {
      userId: string;
      from: string;
      to: string;
      severity?: string;
      service?: string;
    };
    const opened = await ctx.client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
    const base = `firebreak-stats-${from}-${effect.id}`;
    if (effect.uncertain && (await alreadyUploaded(ctx, channel, `${base}-incidents.csv`)))
      return { skipped: 'already uploaded' };
    const filter = { ...(severity ? { severity } : {}), ...(service ? { service } : {}) };
    const files = await statsExportFiles(ctx, { teamId: effect.teamId, from, to, filter });
    const period = describePeriod(files.period);
    const ids = await shareFiles(ctx, {
      channel,
      files: [
        { filename: `${base}-incidents.csv`, title: `Incidents ${period}`, content: files.incidentsCsv },
        { filename: `${base}-actions.csv`, title: `Actions ${period}`, content: files.actionsCsv },
      ],
      comment: ctx.copy.render('stats.export_comment', {
        period,
        filters: [severity, service ? `service ${service}` : undefined].filter(Boolean).join(', '),
        incidents: files.incidents,
        actions: files.actions,
      }),
    });
    return { channel, files: ids };
  };
}
