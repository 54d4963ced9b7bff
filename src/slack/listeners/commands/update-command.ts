import { updateFormContext } from '../../../updates/index.ts';
import { stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { incidentForChannel } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident update`: opens the stakeholder update form for this channel's incident. */
export const updateCommand: Subcommand = async (services, { ack, command, client }) => {
  // The trigger expires in 3 s: look up the incident (one indexed query), then open at once.
  const incident = await incidentForChannel(services, client, command);
  const form = await updateFormContext(services.deps, { teamId: incident.teamId, incidentId: incident.id });
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: stakeholderUpdateView(services.copy, {
      incidentId: form.incident.id,
      ref: form.ref,
      cadenceMinutes: form.cadenceMinutes,
    }),
  });
};
