import { incidentInChannel, incidentRef } from '../../../incidents/index.ts';
import { truncate } from '../../blocks/format.ts';
import { pickIncidentModalView } from '../../blocks/timeline-forms.ts';
import { canSeeIncident, visibleOpenIncidents } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { shortcutMessageOf } from '../../parse/shortcut-message.ts';
import type { PickedMessage } from '../../parse/timeline-views.ts';
import { recordPickedMessage } from './picked-message.ts';
import type { ShortcutHandler } from './shortcut-support.ts';

/**
 * "Add to incident timeline": records a message from any channel; with several open incidents, asks
 * which. Offers only incidents the person may see: in an incident channel, that incident; elsewhere the
 * open incidents, private ones only to members of their channel.
 */
export const addToTimelineShortcut: ShortcutHandler = async (services, { shortcut, client, respond }) => {
  const teamId = teamIdOf(shortcut);
  const picked = shortcutMessageOf(shortcut);
  // private_metadata holds 3,000 characters.
  const message: PickedMessage = { ...picked, text: truncate(picked.text, 2500) };
  const here = await incidentInChannel(services.deps, { teamId, channelId: message.channelId });
  const visibleHere = here && (await canSeeIncident(client, here, shortcut.user.id)) ? here : undefined;
  const open = visibleHere ? [visibleHere] : await visibleOpenIncidents(services, client, teamId, shortcut.user.id);
  if (open.length === 0) {
    await respond({ response_type: 'ephemeral', text: services.copy.render('timeline.no_open_incident') });
    return;
  }
  if (open.length > 1) {
    const incidents = open.map((incident) => ({
      id: incident.id,
      label: `${incidentRef(incident)} · ${incident.title}`,
    }));
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: pickIncidentModalView(services.copy, {
        incidents,
        quote: message.text,
        privateMetadata: JSON.stringify(message),
      }),
    });
    return;
  }
  const incident = open[0] as (typeof open)[number];
  await recordPickedMessage(services, client, { teamId, incidentId: incident.id, actorId: shortcut.user.id, message });
  await respond({
    response_type: 'ephemeral',
    text: services.copy.render('timeline.added_to_timeline', { ref: incidentRef(incident) }),
  });
};
