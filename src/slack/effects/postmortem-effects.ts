import { listFollowUps } from '../../follow-ups/index.ts';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { EffectExecutor, OutboxEffect } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import {
  findPostmortem,
  findVersion,
  loadPostmortemRecord,
  type Postmortem,
  rescheduleReminder,
  setPostmortemSlackRefs,
  statusLabels,
} from '../../postmortems/index.ts';
import { cachedUserNames, saveUserProfile } from '../../timeline/index.ts';
import { postmortemMessage } from '../blocks/postmortem-message.ts';
import { canSeeIncident } from '../incident-access.ts';
import { resolveUserNames } from '../user-names.ts';
import { type EffectContext, loadIncident, requireChannel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';
import { alreadyUploaded, uploadBytes } from './timeline-effects.ts';

async function loadPostmortem(ctx: EffectContext, effect: OutboxEffect) {
  const incident = await loadIncident(ctx, effect);
  const postmortem = await findPostmortem(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
  if (!postmortem) throw new PermanentEffectError(`incident ${incident.id} has no postmortem`);
  return { incident, postmortem };
}

/** Posts the postmortem's message with its buttons once, then edits it in place as the postmortem moves. */
export function showPostmortemMessage(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { incident, postmortem } = await loadPostmortem(ctx, effect);
    const channel = requireChannel(incident);
    const followUps = await listFollowUps(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const proposals = followUps.filter((f) => f.status === 'pending').map((f) => ({ id: f.id, text: f.text }));
    const message = postmortemMessage(ctx.copy, { incident, postmortem, canvasUrl: '', proposals });
    if (postmortem.messageTs) {
      try {
        await ctx.client.chat.update({ channel, ts: postmortem.messageTs, ...message });
        return { ts: postmortem.messageTs, updated: true };
      } catch (error) {
        // Someone deleted it: post it again rather than leave the postmortem without its buttons.
        if (slackErrorCode(error) !== 'message_not_found') throw error;
      }
    }
    await warmNames(ctx, incident, postmortem);
    const posted = await postOnce(ctx, effect, { channel, ...message });
    await setPostmortemSlackRefs(ctx.db, postmortem.id, { messageTs: posted.ts });
    return { ts: posted.ts };
  };
}

/**
 * A postmortem names people; the first draft may be rendered before their names were ever fetched.
 * Fetch the missing ones (cached a day) and regenerate, so the document reads @alice rather than an id.
 */
async function warmNames(ctx: EffectContext, incident: Incident, postmortem: Postmortem): Promise<void> {
  const record = await loadPostmortemRecord(ctx.db, incident);
  const userIds = [...new Set([...record.userIds, postmortem.ownerId])];
  const now = ctx.clock.now();
  const cached = await cachedUserNames(ctx.db, { teamId: incident.teamId, userIds, now });
  const missing = userIds.filter((id) => !cached.has(id));
  if (missing.length > 0)
    await resolveUserNames({ db: ctx.db, client: ctx.client, now }, { teamId: incident.teamId, userIds: missing });
  // Always: another effect (the owner's time zone) may have cached a name since the draft was rendered.
  // A regenerate that changes nothing stores nothing.
  await ctx.regeneratePostmortem?.({
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: ctx.botUserId,
    reason: 'display names fetched',
  });
}

// Slack's answers when a workspace may not have (this kind of) canvas: the postmortem falls back to files.
const canvasRefusals = new Set([
  'free_teams_cannot_create_non_tabbed_canvases',
  'free_team_canvas_tab_already_exists',
  'team_tier_cannot_create_channel_canvases',
  'free_teams_cannot_edit_standalone_canvases',
  'canvas_disabled_user_team',
  'canvas_creation_failed',
  'team_not_allowed',
  'missing_scope',
  'not_allowed_token_type',
]);
const canvasGone = new Set(['canvas_not_found', 'canvas_deleted', 'file_not_found', 'file_deleted']);

/**
 * Keeps the channel's canvas showing the latest version: created as the channel's canvas tab (else a
 * canvas shared in the channel), then replaced whole with one `canvases.edit` per change. A workspace
 * that cannot have canvases is told once, and gets the draft as a Markdown file instead.
 */
export function syncPostmortemCanvas(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { incident, postmortem } = await loadPostmortem(ctx, effect);
    const channel = requireChannel(incident);
    if (postmortem.canvasUnavailable) return { skipped: `no canvases: ${postmortem.canvasUnavailable}` };
    const version = await findVersion(ctx.db, {
      teamId: incident.teamId,
      postmortemId: postmortem.id,
      version: postmortem.version,
    });
    if (!version) throw new PermanentEffectError(`postmortem ${postmortem.id} has no version ${postmortem.version}`);
    const document_content = { type: 'markdown' as const, markdown: version.markdown };
    if (postmortem.canvasId) {
      try {
        await ctx.client.canvases.edit({
          canvas_id: postmortem.canvasId,
          changes: [{ operation: 'replace', document_content }],
        });
        return { canvas: postmortem.canvasId, version: version.version };
      } catch (error) {
        const code = slackErrorCode(error) ?? '';
        if (canvasRefusals.has(code)) return fallBackToFiles(ctx, effect, postmortem, code);
        if (!canvasGone.has(code)) throw error;
        ctx.logger.warn({ incidentId: incident.id, code }, 'postmortem canvas is gone; creating it again');
      }
    }
    const title = `${incidentRef(incident)} postmortem`;
    let canvasId: string | undefined;
    try {
      canvasId = (await ctx.client.conversations.canvases.create({ channel_id: channel, document_content })).canvas_id;
    } catch (error) {
      const code = slackErrorCode(error) ?? '';
      if (code === 'channel_canvas_already_exists') {
        try {
          canvasId = (await ctx.client.canvases.create({ title, channel_id: channel, document_content })).canvas_id;
        } catch (inner) {
          const innerCode = slackErrorCode(inner) ?? '';
          if (canvasRefusals.has(innerCode)) return fallBackToFiles(ctx, effect, postmortem, innerCode);
          throw inner;
        }
      } else if (canvasRefusals.has(code)) return fallBackToFiles(ctx, effect, postmortem, code);
      else throw error;
    }
    if (!canvasId) throw new Error('Slack created a canvas without returning its id');
    await setPostmortemSlackRefs(ctx.db, postmortem.id, { canvasId });
    return { canvas: canvasId, version: version.version, created: true };
  };
}

async function fallBackToFiles(ctx: EffectContext, effect: OutboxEffect, postmortem: Postmortem, reason: string) {
  const incident = await loadIncident(ctx, effect);
  const channel = requireChannel(incident);
  await setPostmortemSlackRefs(ctx.db, postmortem.id, { canvasUnavailable: reason, canvasId: null });
  await postOnce(ctx, effect, { channel, text: ctx.copy.render('postmortems.canvas_unavailable', { reason }) });
  const fileId = await uploadVersion(ctx, effect, postmortem, {
    version: postmortem.version,
    requestedBy: ctx.botUserId,
    published: false,
  });
  return { fallback: reason, file: fileId };
}

/** Uploads one version as Markdown to the incident channel (on publish, on `export`, or as the fallback). */
export function uploadPostmortemFile(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { postmortem } = await loadPostmortem(ctx, effect);
    const fileId = await uploadVersion(ctx, effect, postmortem, {
      version: Number(effect.payload.version),
      requestedBy: String(effect.payload.requestedBy),
      published: effect.payload.reason === 'published',
    });
    return fileId ? { file: fileId } : { skipped: 'already uploaded' };
  };
}

async function uploadVersion(
  ctx: EffectContext,
  effect: OutboxEffect,
  postmortem: Postmortem,
  params: { version: number; requestedBy: string; published: boolean },
): Promise<string | undefined> {
  const incident = await loadIncident(ctx, effect);
  const channel = requireChannel(incident);
  const version = await findVersion(ctx.db, {
    teamId: incident.teamId,
    postmortemId: postmortem.id,
    version: params.version,
  });
  if (!version) throw new PermanentEffectError(`postmortem ${postmortem.id} has no version ${params.version}`);
  const ref = incidentRef(incident);
  const filename = `${ref.toLowerCase()}-postmortem-v${version.version}.md`;
  if (effect.uncertain && (await alreadyUploaded(ctx, channel, filename))) return undefined;
  const fileId = await uploadBytes(ctx, filename, version.markdown);
  await ctx.client.files.completeUploadExternal({
    files: [{ id: fileId, title: `${ref} postmortem v${version.version}` }],
    channel_id: channel,
    initial_comment: ctx.copy.render('postmortems.file_comment', {
      ref,
      version: version.version,
      published: params.published,
      by: `<@${params.requestedBy}>`,
    }),
  });
  return fileId;
}

async function directMessage(ctx: EffectContext, effect: OutboxEffect, userId: string, text: string) {
  const opened = await ctx.client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
  const posted = await postOnce(ctx, effect, { channel: opened.channel.id, text });
  return { channel: opened.channel.id, ts: posted.ts };
}

/** Asks a reviewer, by direct message, to read the postmortem (in the incident channel: a private one stays there). */
export function askReviewer(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { incident } = await loadPostmortem(ctx, effect);
    // Checked again when sent: a reviewer who left the private channel since being picked is not told its title.
    if (!(await canSeeIncident(ctx.client, incident, String(effect.payload.userId))))
      return { skipped: 'the reviewer is not in the private channel' };
    return directMessage(
      ctx,
      effect,
      String(effect.payload.userId),
      ctx.copy.render('postmortems.review_dm', {
        requester: `<@${String(effect.payload.requestedBy)}>`,
        ref: incidentRef(incident),
        title: incident.title,
        channel: requireChannel(incident),
        canvas: '',
      }),
    );
  };
}

/**
 * The owner's reminder: before, on and after the due day, naming the state it is in. An owner who has left a
 * private incident's channel is not told its title: the channel is told instead, so someone takes it over.
 */
export function remindOwner(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const { incident, postmortem } = await loadPostmortem(ctx, effect);
    if (postmortem.firstPublishedAt) return { skipped: 'published' };
    const stage = String(effect.payload.stage);
    const ownerId = String(effect.payload.userId);
    if (!(await canSeeIncident(ctx.client, incident, ownerId)))
      return postOnce(ctx, effect, {
        channel: requireChannel(incident),
        text: ctx.copy.render('postmortems.reminder_owner_left', {
          ref: incidentRef(incident),
          due: postmortem.dueDate,
          status: statusLabels[postmortem.status],
          owner: `<@${ownerId}>`,
        }),
      });
    return directMessage(
      ctx,
      effect,
      ownerId,
      ctx.copy.render(`postmortems.reminder_${stage === 'before' || stage === 'due' ? stage : 'overdue'}`, {
        ref: incidentRef(incident),
        title: incident.title,
        due: postmortem.dueDate,
        status: statusLabels[postmortem.status],
        channel: requireChannel(incident),
        late: Number(effect.payload.businessDaysLate ?? 0),
      }),
    );
  };
}

/** Learns the owner's time zone (users.info `tz`) and moves their pending reminder to their own hour. */
export function learnOwnerTimeZone(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const userId = String(effect.payload.userId);
    const { user } = await ctx.client.users.info({ user: userId });
    const now = ctx.clock.now();
    const name = user?.profile?.display_name || user?.real_name || user?.name || userId;
    await saveUserProfile(ctx.db, { teamId: effect.teamId, userId, displayName: name, tz: user?.tz ?? null, now });
    await rescheduleReminder(ctx.db, ctx, {
      teamId: effect.teamId,
      incidentId: Number(effect.payload.incidentId),
      now,
    });
    return { tz: user?.tz ?? null };
  };
}
