import { recordAudit } from '../../audit/index.ts';
import { incidentRef, listRoleHolders, missingRoles, updateIncidentSlackRefs } from '../../incidents/index.ts';
import { type EffectExecutor, PermanentEffectError } from '../../outbox/index.ts';
import { appendTimelineEntries } from '../../timeline/index.ts';
import { announcementMessage } from '../blocks/announcement.ts';
import { type EffectContext, loadIncident, requireChannel, severityLabel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

/** Announces the incident in the configured channel, joining it first if the bot is not a member. */
export function announceIncident(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    requireChannel(incident);
    if (incident.isPrivate) return { skipped: 'private' };
    if (incident.announcementTs) return { ts: incident.announcementTs };
    const target = ctx.config.channels.announcement;
    if (!target) return { skipped: 'no announcement channel configured' };
    const channel = await resolveChannelId(ctx, effect.teamId, target);
    const holders = await listRoleHolders(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const commanderId = holders.find((h) => h.role === ctx.config.commander_role)?.userId ?? incident.declaredBy;
    const message = announcementMessage(ctx.copy, {
      incident,
      severityLabel: severityLabel(ctx.config, incident.severity),
      commanderId,
    });
    const posted = await withMembership(ctx, channel, () => postOnce(ctx, effect, { channel, ...message }));
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      await updateIncidentSlackRefs(tx, {
        teamId: incident.teamId,
        id: incident.id,
        announcementChannelId: posted.channel,
        announcementTs: posted.ts,
      });
      await appendTimelineEntries(tx, [
        {
          teamId: incident.teamId,
          incidentId: incident.id,
          kind: 'announced',
          occurredAt: now,
          actorId: ctx.botUserId,
          // The configured name as the label, so exports read "#incidents" rather than a channel id.
          text: target.startsWith('#')
            ? `Announced in <#${posted.channel}|${target.slice(1)}>`
            : `Announced in <#${posted.channel}>`,
          data: { channelId: posted.channel, ts: posted.ts },
          sourceKey: `incident:${incident.id}:announced`,
        },
      ]);
      await recordAudit(tx, [
        {
          teamId: incident.teamId,
          incidentId: incident.id,
          actorId: ctx.botUserId,
          action: 'incident.announced',
          after: { channelId: posted.channel },
          at: now,
        },
      ]);
    });
    return { channel: posted.channel, ts: posted.ts };
  };
}

/** Asks in the incident channel for the roles the severity requires that are still empty. */
export function askForRoles(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const severity = ctx.config.severities.find((s) => s.name === incident.severity);
    if (!severity) return { skipped: 'unknown severity' };
    const holders = await listRoleHolders(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const missing = missingRoles(
      severity,
      holders.map((h) => h.role),
    );
    if (missing.length === 0) return { skipped: 'all roles filled' };
    const names = missing.map((id) => ctx.config.roles.find((r) => r.id === id)?.name ?? id);
    const text = ctx.copy.render('declare.roles_needed', {
      severity: severityLabel(ctx.config, incident.severity),
      roles: names.join(', '),
    });
    const posted = await postOnce(ctx, effect, { channel, text });
    return { ts: posted.ts, missing };
  };
}

/** Replies in the thread of the message an incident was declared from, linking the incident. */
export function linkSourceMessage(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const source = incident.sourceMessage;
    if (!source || incident.isPrivate) return { skipped: 'no public source message' };
    const text = ctx.copy.render('declare.source_reply', {
      ref: incidentRef(incident),
      channel: `<#${requireChannel(incident)}>`,
    });
    try {
      const posted = await withMembership(ctx, source.channelId, () =>
        postOnce(ctx, effect, { channel: source.channelId, text, thread_ts: source.ts }),
      );
      return { ts: posted.ts };
    } catch (error) {
      // A private channel or DM the bot cannot join: the card still links the message.
      const code = slackErrorCode(error);
      if (code === 'channel_not_found' || code === 'not_in_channel' || code === 'method_not_supported_for_channel_type')
        return { skipped: code };
      throw error;
    }
  };
}

/** Tells the declarer, through the slash command's response_url, where the incident lives. */
export function confirmToDeclarer(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const holders = await listRoleHolders(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const held = holders
      .filter((h) => h.userId === effect.payload.userId)
      .map((h) => ctx.config.roles.find((r) => r.id === h.role)?.name ?? h.role);
    const text = ctx.copy.render('declare.confirmed', {
      ref: incidentRef(incident),
      channel: `<#${channel}>`,
      role: held.length > 0 ? held.join(' and ') : 'a responder',
    });
    await ctx.postToResponseUrl(String(effect.payload.responseUrl), {
      response_type: 'ephemeral',
      replace_original: true,
      text,
    });
    return { confirmed: true };
  };
}

const channelIdPattern = /^[CG][A-Z0-9]{2,}$/;
// Channel names from firebreak.yml resolved to ids, per workspace; names rarely change.
const channelIdsByName = new Map<string, string>();

/** A configured channel (name or id) as an id; names are looked up once and cached. */
export async function resolveChannelId(
  ctx: EffectContext,
  teamId: string,
  nameOrId: string,
  setting = 'channels.announcement',
): Promise<string> {
  if (channelIdPattern.test(nameOrId)) return nameOrId;
  const name = nameOrId.replace(/^#/, '');
  const cached = channelIdsByName.get(`${teamId}:${name}`);
  if (cached) return cached;
  let cursor: string | undefined;
  do {
    const page = await ctx.client.conversations.list({
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: 1000,
      cursor,
    });
    const found = page.channels?.find((c) => c.name === name);
    if (found?.id) {
      channelIdsByName.set(`${teamId}:${name}`, found.id);
      return found.id;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  throw new PermanentEffectError(
    `channel #${name} not found: create it and invite Firebreak, or change ${setting} in firebreak.yml`,
  );
}

/** Posts, joining the (public) channel first when the bot is not a member. */
export async function withMembership<T>(ctx: EffectContext, channel: string, post: () => Promise<T>): Promise<T> {
  try {
    return await post();
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error;
    await ctx.client.conversations.join({ channel });
    return post();
  }
}
