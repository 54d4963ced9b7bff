import { requireActive, requireRole, roleHolderOf } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { handoverModalView, handoverPromptBlocks } from '../../blocks/lifecycle-modals.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { firstWord, parseMention } from '../../parse/lifecycle-args.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident handover <role> @user`: the outgoing holder writes a brief. Run by the holder, the form
 * opens at once; otherwise the holder gets a button (ephemeral, in the incident channel) that opens it.
 */
export const handoverCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident, rest: text } = await incidentForCommand(services, client, command, rest);
  requireActive(incident);
  const { word, rest: who } = firstWord(text);
  const usage = services.copy.render('commands.usage_handover');
  if (!word) throw new DomainError('command.usage', usage, 'mrkdwn');
  const role = requireRole(services.config, word);
  const to = parseMention(who, usage, services.copy.render('commands.mention_plain', { typed: who, usage }));
  const holder = await roleHolderOf(services.deps, { teamId: incident.teamId, incidentId: incident.id, role: role.id });
  if (!holder)
    throw new DomainError(
      'role.unheld',
      `Nobody holds ${role.name} yet: give it with \`/incident role ${role.id} @person\`.`,
    );
  if (holder === to) throw new DomainError('role.same_holder', `<@${to}> already holds ${role.name}.`, 'mrkdwn');
  if (holder === command.user_id) {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: handoverModalView(services.copy, incident, { role: role.id, roleName: role.name, toUserId: to }),
    });
    return;
  }
  await ack({ response_type: 'ephemeral', text: services.copy.render('roles.handover_requested', { holder }) });
  const blocks = handoverPromptBlocks(services.copy, {
    incidentId: incident.id,
    role: role.id,
    roleName: role.name,
    holder,
    actor: command.user_id,
    to,
  });
  await client.chat.postEphemeral({
    channel: incident.channelId ?? command.channel_id,
    user: holder,
    text: services.copy.render('roles.handover_button'),
    blocks,
  });
};
