import type { App, MessageShortcut, RespondFn } from '@slack/bolt';
import { findIncidentByChannel, incidentRef } from '../../../incidents/index.ts';
import { addMessageToTimeline } from '../../../timeline/index.ts';
import { pickIncidentModalView } from '../../blocks/timeline-forms.ts';
import { truncate } from '../../blocks/format.ts';
import type { SlackClient } from '../../client.ts';
import { ids } from '../../ids.ts';
import { canSeeIncident, visibleOpenIncidents } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { failureText, isUnexpected } from '../listener-errors.ts';
import type { PickedMessage } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';

/** "Add to incident timeline": records a message from any channel; with several open incidents, asks which. */
export function registerAddToTimeline(app: App, services: SlackServices): void {
  app.shortcut<MessageShortcut>(ids.shortcuts.addToTimeline, async ({ ack, shortcut, client, respond }) => {
    await ack();
    try {
      await addFromShortcut(services, { shortcut, client, respond });
    } catch (error) {
      const text = failureText(services, error, { listener: 'add to timeline shortcut', surface: 'shortcut' });
      await respond({ response_type: 'ephemeral', text }).catch((e: unknown) => services.logger.warn({ err: e }, 'cannot reply to a shortcut'));
      if (isUnexpected(error)) throw error;
    }
  });
}

/**
 * Offers only incidents the person may see: in an incident channel, that incident; elsewhere the open
 * incidents, private ones only to members of their channel.
 */
async function addFromShortcut(services: SlackServices, { shortcut, client, respond }: { shortcut: MessageShortcut; client: SlackClient; respond: RespondFn }): Promise<void> {
  const teamId = teamIdOf(shortcut);
  const message: PickedMessage = {
    channelId: shortcut.channel.id,
    ts: shortcut.message_ts,
    // private_metadata holds 3,000 characters.
    text: truncate(shortcut.message.text ?? '', 2500),
    ...(shortcut.message.user ? { authorId: shortcut.message.user } : {}),
    ...(shortcut.message.thread_ts ? { threadTs: shortcut.message.thread_ts as string } : {}),
  };
  const here = await findIncidentByChannel(services.deps.db, { teamId, channelId: message.channelId });
  const visibleHere = here && (await canSeeIncident(client, here, shortcut.user.id)) ? here : undefined;
  const open = visibleHere ? [visibleHere] : await visibleOpenIncidents(services, client, teamId, shortcut.user.id);
  if (open.length === 0) {
    await respond({ response_type: 'ephemeral', text: services.copy.render('timeline.no_open_incident') });
    return;
  }
  if (open.length > 1) {
    const incidents = open.map((incident) => ({ id: incident.id, label: `${incidentRef(incident)} · ${incident.title}` }));
    await client.views.open({ trigger_id: shortcut.trigger_id, view: pickIncidentModalView(services.copy, { incidents, quote: message.text, privateMetadata: JSON.stringify(message) }) });
    return;
  }
  const incident = open[0] as (typeof open)[number];
  await recordPickedMessage(services, client, { teamId, incidentId: incident.id, actorId: shortcut.user.id, message });
  await respond({ response_type: 'ephemeral', text: services.copy.render('timeline.added_to_timeline', { ref: incidentRef(incident) }) });
}

/** Records a message picked with the shortcut, with its permalink when the bot may read it. */
export async function recordPickedMessage(services: SlackServices, client: SlackClient, params: { teamId: string; incidentId: number; actorId: string; message: PickedMessage }): Promise<void> {
  const { message } = params;
  let permalink: string | undefined;
  try {
    permalink = (await client.chat.getPermalink({ channel: message.channelId, message_ts: message.ts })).permalink;
  } catch (error) {
    services.logger.info({ err: error }, 'no permalink for a message added to the timeline');
  }
  await addMessageToTimeline(services.deps, {
    teamId: params.teamId,
    incidentId: params.incidentId,
    actorId: params.actorId,
    channelId: message.channelId,
    ts: message.ts,
    authorId: message.authorId,
    text: message.text,
    permalink,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
  });
}
