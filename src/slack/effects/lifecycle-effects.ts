import { incidentRef } from '../../incidents/index.ts';
import { type EffectExecutor, PermanentEffectError } from '../../outbox/index.ts';
import { type EffectContext, loadIncident, requireChannel, severityLabel } from './effect-context.ts';
import { postOnce } from './post-once.ts';
import { slackErrorCode } from './slack-errors.ts';

type Values = Record<string, unknown>;

/** Posts a message rendered from a template into the incident's own channel (private when the incident is). */
export function postInIncident(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const values = {
      ...(effect.payload.values as Values | undefined),
      ref: incidentRef(incident),
      ...labels(ctx, effect.payload.values as Values | undefined),
    };
    const text = ctx.copy.render(String(effect.payload.template), values);
    const posted = await postOnce(ctx, effect, { channel, text });
    return { ts: posted.ts };
  };
}

/** Replies in the thread of the incident's announcement; never for a private incident. */
export function replyToAnnouncement(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    if (incident.isPrivate) return { skipped: 'private' };
    if (!incident.announcementChannelId || !incident.announcementTs) return { skipped: 'not announced' };
    const template = String(effect.payload.template ?? 'severity.escalation_announcement');
    const values = {
      ...(effect.payload as Values),
      ref: incidentRef(incident),
      severity: severityLabel(ctx.config, incident.severity),
      drill: incident.isDrill,
      channel: `<#${incident.channelId}>`,
      ...labels(ctx, effect.payload as Values),
    };
    const posted = await postOnce(ctx, effect, {
      channel: incident.announcementChannelId,
      thread_ts: incident.announcementTs,
      text: ctx.copy.render(template, values),
    });
    return { ts: posted.ts };
  };
}

/** Tells the configured escalation contacts of the incident's severity, in the incident channel. */
export function notifyEscalation(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const severity = ctx.config.severities.find((s) => s.name === String(effect.payload.severity));
    if (!severity || severity.escalation.length === 0) return { skipped: 'no contacts' };
    const contacts = severity.escalation.map((c) => ({
      name: c.name,
      mention: c.slack_user ? `<@${c.slack_user}>` : '',
      note: c.note ?? '',
    }));
    const text = ctx.copy.render('severity.escalation_contacts', {
      severity: severity.label ?? severity.name,
      contacts,
    });
    const posted = await postOnce(ctx, effect, { channel, text });
    return { ts: posted.ts };
  };
}

/** Tells one escalation contact by direct message that the incident was raised to their level. */
export function directMessageEscalationContact(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const userId = String(effect.payload.userId);
    const label = (name: unknown) => severityLabel(ctx.config, String(name));
    const text = ctx.copy.render('severity.escalation_dm', {
      ref: incidentRef(incident),
      from_label: label(effect.payload.from),
      to_label: label(effect.payload.to),
      channel: `<#${requireChannel(incident)}>`,
    });
    const opened = await ctx.client.conversations.open({ users: userId });
    if (!opened.channel?.id) throw new PermanentEffectError(`conversations.open gave no channel for ${userId}`);
    const posted = await postOnce(ctx, effect, { channel: opened.channel.id, text });
    return { channel: opened.channel.id, ts: posted.ts };
  };
}

/** Archives a channel; one already archived is done. */
export function archiveChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = String(effect.payload.channelId ?? effect.payload.oldChannelId ?? requireChannel(incident));
    try {
      await ctx.client.conversations.archive({ channel });
    } catch (error) {
      if (slackErrorCode(error) !== 'already_archived') throw error;
    }
    return { archived: channel };
  };
}

/** Gives the public channel of an incident going private a neutral name and a pointer naming nobody. */
export function retirePublicChannel(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = String(effect.payload.oldChannelId);
    const base = `${incidentRef(incident).toLowerCase()}-moved-private`;
    for (let attempt = 1; attempt <= 10; attempt++) {
      const name = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await ctx.client.conversations.rename({ channel, name });
        break;
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'not_authorized' || code === 'is_archived') break;
        if (code !== 'name_taken') throw error;
      }
    }
    const posted = await postOnce(ctx, effect, {
      channel,
      text: ctx.copy.render('private.moved_pointer', { ref: incidentRef(incident) }),
    });
    return { ts: posted.ts };
  };
}

/** Invites everyone who was in the public channel into the new private one. */
export function moveMembers(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    const channel = requireChannel(incident);
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.client.conversations.members({
        channel: String(effect.payload.oldChannelId),
        limit: 1000,
        cursor,
      });
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    const invitees = members.filter((id) => id !== ctx.botUserId);
    for (let i = 0; i < invitees.length; i += 100) {
      try {
        await ctx.client.conversations.invite({ channel, users: invitees.slice(i, i + 100).join(',') });
      } catch (error) {
        if (slackErrorCode(error) !== 'already_in_channel') throw error;
      }
    }
    return { invited: invitees };
  };
}

/** Replaces a private incident's public announcement with a line that names nothing but its number. */
export function redactAnnouncement(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const incident = await loadIncident(ctx, effect);
    if (!incident.announcementChannelId || !incident.announcementTs) return { skipped: 'not announced' };
    await ctx.client.chat.update({
      channel: incident.announcementChannelId,
      ts: incident.announcementTs,
      text: ctx.copy.render('private.redacted_announcement', { ref: incidentRef(incident) }),
      blocks: [],
    });
    return { redacted: incident.announcementTs };
  };
}

// Severity names in template values are shown with their configured labels.
function labels(ctx: EffectContext, values: Values | undefined): Values {
  const out: Values = {};
  for (const key of ['from', 'to', 'severity'] as const) {
    const value = values?.[key];
    if (typeof value === 'string' && ctx.config.severities.some((s) => s.name === value))
      out[`${key}_label`] = severityLabel(ctx.config, value);
  }
  return out;
}
