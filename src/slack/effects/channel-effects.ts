import { recordAudit } from '../../audit/index.ts';
import {
  channelNameCandidate,
  findIncidentByChannel,
  listRoleHolders,
  updateIncidentSlackRefs,
} from '../../incidents/index.ts';
import { type EffectExecutor, PermanentEffectError } from '../../outbox/index.ts';
import { appendTimelineEntries } from '../../timeline/index.ts';
import { capitalise } from '../blocks/format.ts';
import { type EffectContext, loadIncident, requireChannel, severityLabel } from './effect-context.ts';
import { slackErrorCode } from './slack-errors.ts';

const maxNameAttempts = 20;

/** Creates the incident channel, trying name, name-2, …; adopts our own channel after a lost response. */
export function createChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    if (incident.channelId) return { channelId: incident.channelId, adopted: true };
    for (let attempt = 1; attempt <= maxNameAttempts; attempt++) {
      const name = channelNameCandidate(incident.channelName, attempt);
      let channelId: string | undefined;
      try {
        const created = await ctx.client.conversations.create({ name, is_private: incident.isPrivate });
        channelId = created.channel?.id;
      } catch (error) {
        if (slackErrorCode(error) !== 'name_taken') throw error;
        // Taken: by our own earlier attempt whose answer was lost (adopt it), or by someone else (next name).
        channelId = effect.uncertain
          ? await findOwnUnclaimedChannel(ctx, effect.teamId, name, incident.declaredAt)
          : undefined;
        if (!channelId) continue;
      }
      if (!channelId) throw new PermanentEffectError('conversations.create returned no channel id');
      await ctx.db.transaction(async (tx) => {
        await updateIncidentSlackRefs(tx, { teamId: incident.teamId, id: incident.id, channelId, channelName: name });
        const now = ctx.clock.now();
        await appendTimelineEntries(tx, [
          {
            teamId: incident.teamId,
            incidentId: incident.id,
            kind: 'channel_created',
            occurredAt: now,
            actorId: ctx.botUserId,
            text: `Channel #${name} created`,
            data: { channelId, name, private: incident.isPrivate },
            sourceKey: `incident:${incident.id}:channel_created`,
          },
        ]);
        await recordAudit(tx, [
          {
            teamId: incident.teamId,
            incidentId: incident.id,
            actorId: ctx.botUserId,
            action: 'channel.created',
            after: { channelId, name },
            at: now,
          },
        ]);
      });
      return { channelId, name };
    }
    throw new PermanentEffectError(
      `no free channel name after ${maxNameAttempts} tries starting at #${incident.channelName}`,
    );
  };
}

async function findOwnUnclaimedChannel(
  ctx: EffectContext,
  teamId: string,
  name: string,
  declaredAt: Date,
): Promise<string | undefined> {
  let cursor: string | undefined;
  do {
    const page = await ctx.client.conversations.list({
      types: 'public_channel,private_channel',
      exclude_archived: false,
      limit: 1000,
      cursor,
    });
    const channel = page.channels?.find((c) => c.name === name);
    if (channel?.id) {
      const ours = channel.creator === ctx.botUserId && (channel.created ?? 0) * 1000 >= declaredAt.getTime() - 60_000;
      const claimed = await findIncidentByChannel(ctx.db, { teamId, channelId: channel.id });
      return ours && !claimed ? channel.id : undefined;
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

// Per-user failures that must not stop the others from being invited.
const skippableInviteErrors = new Set([
  'already_in_channel',
  'cant_invite_self',
  'user_not_found',
  'user_is_deactivated',
  'cant_invite',
  'user_is_restricted',
  'ura_max_channels',
]);

/** Invites responders; people already in, the bot itself and unknown users are skipped, not fatal. */
export function inviteToChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const userIds = ((effect.payload.userIds as string[] | undefined) ?? []).filter((id) => id !== ctx.botUserId);
    if (userIds.length === 0) return { invited: [] };
    try {
      await ctx.client.conversations.invite({ channel, users: userIds.join(',') });
      return { invited: userIds };
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === 'already_in_channel') return { invited: [] };
      if (!code || userIds.length === 1) {
        if (code && skippableInviteErrors.has(code)) return { skipped: { [userIds[0] as string]: code } };
        throw error;
      }
    }
    const invited: string[] = [];
    const skipped: Record<string, string> = {};
    for (const userId of userIds) {
      try {
        await ctx.client.conversations.invite({ channel, users: userId });
        invited.push(userId);
      } catch (error) {
        const code = slackErrorCode(error);
        if (!code || !skippableInviteErrors.has(code)) throw error;
        skipped[userId] = code;
      }
    }
    return { invited, skipped };
  };
}

/** Sets the channel topic to severity · status · commander · title. */
export function setChannelTopic(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const holders = await listRoleHolders(ctx.db, { teamId: incident.teamId, incidentId: incident.id });
    const commander = holders.find((h) => h.role === ctx.config.commander_role);
    const commanderName = commander ? await displayName(ctx, commander.userId) : 'unassigned';
    const topic = ctx.copy
      .render('declare.topic', {
        severity: severityLabel(ctx.config, incident.severity),
        status: capitalise(incident.status),
        commander: commanderName,
        title: incident.title,
        drill: incident.isDrill,
      })
      // Slack shows `<url|label>`, `<!channel>` and `<@U…>` in a topic as a link or mention, so the title
      // keeps the template's escaping; a cut must not leave half an entity behind.
      .slice(0, 250)
      .replace(/&[a-z]*$/, '');
    await ctx.client.conversations.setTopic({ channel, topic });
    return { topic };
  };
}

/** Sets the topic again after a change; skipped while the channel does not exist yet (declare sets it). */
export function refreshTopic(ctx: EffectContext): EffectExecutor {
  const setTopic = setChannelTopic(ctx);
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    if (!incident.channelId) return { skipped: 'no channel yet' };
    return setTopic(effect);
  };
}

async function displayName(ctx: EffectContext, userId: string): Promise<string> {
  try {
    const info = await ctx.client.users.info({ user: userId });
    return info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId;
  } catch {
    return userId;
  }
}
