import { declareIncident } from '../../../incidents/index.ts';
import { declareModalView } from '../../blocks/declare-modal.ts';
import { parseDeclareArgs } from '../../parse/declare-args.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident declare [sev] <title>`: declares at once; with no text, opens the declare form. */
export const declareCommand: Subcommand = async ({ ack, command, client, rest, services }) => {
  if (!rest) {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: declareModalView(services.copy, services.config, { privateMetadata: JSON.stringify({ channelId: command.channel_id }) }),
    });
    return;
  }
  // Validation is pure and fast, so a typo is answered in the acknowledgement itself.
  const { severity, title } = parseDeclareArgs(rest, services.config);
  const label = services.config.severities.find((s) => s.name === severity)?.label ?? severity;
  await ack({ response_type: 'ephemeral', text: services.copy.render('declare.acknowledged', { severity: label, title }) });
  await declareIncident(services.deps, {
    teamId: command.team_id,
    declareKey: `command:${command.trigger_id}`,
    declaredBy: command.user_id,
    title,
    severity,
    responseUrl: command.response_url,
  });
};

