import type { EffectExecutor } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import type { FieldRedaction } from '../../platform/secrets.ts';
import { loadTimelineSummary, timelineCsv, timelineMarkdown } from '../../timeline/index.ts';
import { resolveUserNames } from '../user-names.ts';
import { type EffectContext, loadIncident } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

/** Tells the thread that a message was stored with secrets removed; names the kinds, never the secret. */
export function postRedactionNotice(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const channel = String(effect.payload.channelId);
    const kinds = (effect.payload.kinds as string[]).map((kind) => kind.replace(/_/g, ' ')).join(', ');
    const posted = await postOnce(ctx, effect, {
      channel,
      thread_ts: String(effect.payload.threadTs),
      text: ctx.copy.render('timeline.redaction_notice', { kinds }),
    });
    return { ts: posted.ts };
  };
}

// Slack refuses an ephemeral to someone outside the channel; they are told in a direct message instead.
const notInChannel = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived']);

/**
 * Tells the person who typed a field that secrets were taken out of it before it was saved, naming the
 * kinds and fields, never the secret: an ephemeral in the incident channel, or a direct message.
 */
export function noticeTypedRedaction(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const userId = String(effect.payload.userId);
    const found = effect.payload.found as FieldRedaction[];
    const kinds = [...new Set(found.flatMap((f) => f.kinds))].map((kind) => label(ctx, `secrets.kinds.${kind}`, kind));
    const fields = found.map((f) => label(ctx, `secrets.fields.${f.field}`, f.field));
    const text = ctx.copy.render('secrets.removed_notice', { kinds: listed(kinds), fields: listed(fields) });
    if (incident.channelId) {
      try {
        await ctx.client.chat.postEphemeral({ channel: incident.channelId, user: userId, text });
        return { channel: incident.channelId, ephemeral: true };
      } catch (error) {
        if (!notInChannel.has(slackErrorCode(error) ?? '')) throw error;
      }
    }
    const opened = await ctx.client.conversations.open({ users: userId });
    if (!opened.channel?.id) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
    const posted = await postOnce(ctx, effect, { channel: opened.channel.id, text });
    return { channel: opened.channel.id, ts: posted.ts };
  };
}

// A kind or field without a name in the templates still reads ("aws secret key"), rather than failing the notice.
function label(ctx: EffectContext, key: string, fallback: string): string {
  try {
    return ctx.copy.render(key);
  } catch {
    return fallback.replace(/_/g, ' ');
  }
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Uploads the whole timeline as Markdown and CSV to the incident channel (getUploadURLExternal, upload,
 * completeUploadExternal). File names carry the export's number in the incident ("inc-1-timeline-export-2"),
 * so a person tells exports apart and a retry after a lost answer finds its upload.
 */
export function exportTimeline(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const summary = await loadTimelineSummary(ctx.db, {
      teamId: effect.teamId,
      incidentId: Number(effect.payload.incidentId),
    });
    const channel = summary.incident.channelId;
    if (!channel) throw new PermanentEffectError('incident has no channel');
    // Effects queued before exports were numbered carry none; their id still names them uniquely.
    const number = effect.payload.exportNumber === undefined ? effect.id : Number(effect.payload.exportNumber);
    const base = `${summary.ref.toLowerCase()}-timeline-export-${number}`;
    if (effect.uncertain && (await alreadyUploaded(ctx, channel, `${base}.md`))) return { skipped: 'already uploaded' };
    const names = await resolveUserNames(
      { db: ctx.db, client: ctx.client, now: ctx.clock.now() },
      { teamId: effect.teamId, userIds: summary.userIds },
    );
    const context = {
      ref: summary.ref,
      title: summary.incident.title,
      timeZone: ctx.config.timezone,
      names,
      botUserId: ctx.botUserId,
    };
    const files = [
      {
        filename: `${base}.md`,
        title: `${summary.ref} timeline (Markdown)`,
        content: timelineMarkdown(summary.items, context),
      },
      { filename: `${base}.csv`, title: `${summary.ref} timeline (CSV)`, content: timelineCsv(summary.items, context) },
    ];
    const requester = `<@${String(effect.payload.requestedBy)}>`;
    const uploaded = await shareFiles(ctx, {
      channel,
      files,
      comment: ctx.copy.render('timeline.export_comment', { ref: summary.ref, count: summary.items.length, requester }),
    });
    return { files: uploaded };
  };
}

export type SharedFile = { filename: string; title: string; content: string };

/**
 * Uploads each file's bytes, then shares them all in one message of `channel` led by `comment` (one
 * files.completeUploadExternal); returns the file ids.
 */
export async function shareFiles(
  ctx: EffectContext,
  params: { channel: string; files: readonly SharedFile[]; comment: string },
): Promise<string[]> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of params.files)
    uploaded.push({ id: await uploadBytes(ctx, file.filename, file.content), title: file.title });
  await ctx.client.files.completeUploadExternal({
    files: uploaded as [{ id: string; title: string }],
    channel_id: params.channel,
    initial_comment: params.comment,
  });
  return uploaded.map((file) => file.id);
}

/**
 * Uploads one file's bytes (text as UTF-8, or binary such as a PNG as given) and returns its id, to be
 * shared by files.completeUploadExternal. `altText` is the screen-reader description of an image.
 */
export async function uploadBytes(
  ctx: EffectContext,
  filename: string,
  content: string | Buffer,
  options: { altText?: string } = {},
): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // Slack's argument is alt_txt (the SDK's typings call it alt_text, which the method ignores).
  const altText = options.altText === undefined ? {} : ({ alt_txt: options.altText } as {});
  const target = await ctx.client.files.getUploadURLExternal({ filename, length: bytes.length, ...altText });
  if (!target.upload_url || !target.file_id) throw new Error('files.getUploadURLExternal returned no upload_url');
  const response = await fetch(target.upload_url, { method: 'POST', body: bytes, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`file upload answered HTTP ${response.status}`);
  return target.file_id;
}

export async function alreadyUploaded(ctx: EffectContext, channel: string, filename: string): Promise<boolean> {
  const page = await ctx.client.conversations.history({ channel, limit: 15 });
  return (page.messages ?? []).some((message) => (message.files ?? []).some((file) => file.name === filename));
}
