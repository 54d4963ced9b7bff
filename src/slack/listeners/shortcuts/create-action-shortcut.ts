import { maxActionText } from '../../../actions/index.ts';
import { incidentInChannel } from '../../../incidents/index.ts';
import { openActionForm } from '../../action-form.ts';
import { truncate } from '../../blocks/format.ts';
import { canSeeIncident } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { shortcutMessageOf } from '../../parse/shortcut-message.ts';
import type { ShortcutHandler } from './shortcut-support.ts';

/**
 * "Create action" on a message in an incident channel: the new-action form, its text the message's.
 * Anywhere else (or in a private incident's channel the person is not in) it says where it works.
 */
export const createActionShortcut: ShortcutHandler = async (services, { shortcut, client, respond }) => {
  const teamId = teamIdOf(shortcut);
  const message = shortcutMessageOf(shortcut);
  const incident = await incidentInChannel(services.deps, { teamId, channelId: message.channelId });
  if (!incident || !(await canSeeIncident(client, incident, shortcut.user.id))) {
    await respond({ response_type: 'ephemeral', text: services.copy.render('actions.shortcut_elsewhere') });
    return;
  }
  await openActionForm(services, client, {
    triggerId: shortcut.trigger_id,
    incident,
    draft: { text: truncate(message.text.trim(), maxActionText) },
  });
};
