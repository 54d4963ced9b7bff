import { evidenceFileName, evidenceJson, evidenceMarkdown, loadEvidenceBundle } from '../../evidence/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import { resolveUserNames } from '../user-names.ts';
import type { EffectContext } from './effect-context.ts';
import { alreadyUploaded, shareFiles } from './timeline-effects.ts';

/**
 * Uploads an incident's evidence bundle, Markdown and JSON, to its channel in one message. The files
 * are read from the database when this runs and say that moment and who asked; their names carry the
 * export's number ("inc-7-evidence-2.md"), so a retry after a lost answer finds its upload instead of
 * posting a second one.
 */
export function exportEvidence(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const bundle = await loadEvidenceBundle(ctx.db, {
      teamId: effect.teamId,
      incidentId: Number(effect.payload.incidentId),
    });
    const channel = bundle.incident.channelId;
    if (!channel) throw new PermanentEffectError('incident has no channel');
    const number = Number(effect.payload.exportNumber);
    const markdownName = evidenceFileName(bundle.ref, number, 'md');
    if (effect.uncertain && (await alreadyUploaded(ctx, channel, markdownName))) return { skipped: 'already uploaded' };
    const requestedBy = String(effect.payload.requestedBy);
    const now = ctx.clock.now();
    const names = await resolveUserNames(
      { db: ctx.db, client: ctx.client, now },
      { teamId: effect.teamId, userIds: [...new Set([requestedBy, ...bundle.userIds])] },
    );
    const context = {
      generatedAt: now,
      generatedBy: requestedBy,
      timeZone: ctx.config.timezone,
      names,
      botUserId: ctx.botUserId,
    };
    const files = await shareFiles(ctx, {
      channel,
      files: [
        {
          filename: markdownName,
          title: `${bundle.ref} evidence bundle (Markdown)`,
          content: evidenceMarkdown(bundle, context),
        },
        {
          filename: evidenceFileName(bundle.ref, number, 'json'),
          title: `${bundle.ref} evidence bundle (JSON)`,
          content: evidenceJson(bundle, context),
        },
      ],
      comment: ctx.copy.render('evidence.comment', { ref: bundle.ref, number, requester: `<@${requestedBy}>` }),
    });
    return { files };
  };
}
