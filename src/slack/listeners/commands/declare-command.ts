import { declareIncident } from '../../../incidents/index.ts';
import { redactSecrets } from '../../../platform/secrets.ts';
import { declareModalView } from '../../blocks/declare-modal.ts';
import { parseDeclareArgs } from '../../parse/declare-args.ts';
import type { SlackServices } from '../../services.ts';
import type { Subcommand, SubcommandArgs } from './subcommand.ts';

/** `/incident declare [sev] <title>`: declares at once; with no text, opens the declare form. */
export const declareCommand: Subcommand = async (services, args) => {
  const { ack, command, client, rest } = args;
  if (rest) return declareFromText(services, args, { isDrill: false });
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view: declareModalView(services.copy, services.config, {
      privateMetadata: JSON.stringify({ channelId: command.channel_id }),
    }),
  });
};

/** Declares from the command's text (a drill too); the acknowledgement says what is being declared. */
export async function declareFromText(
  services: SlackServices,
  { ack, command, rest }: SubcommandArgs,
  options: { isDrill: boolean },
): Promise<void> {
  // Validation is pure and fast, so a typo is answered in the acknowledgement itself.
  const { severity, title } = parseDeclareArgs(rest, services.config);
  const label = services.config.severities.find((s) => s.name === severity)?.label ?? severity;
  const acknowledgement = options.isDrill ? 'declare.drill_acknowledged' : 'declare.acknowledged';
  // The acknowledgement repeats the title as it will be stored: with any secret taken out.
  await ack({
    response_type: 'ephemeral',
    text: services.copy.render(acknowledgement, { severity: label, title: redactSecrets(title).text }),
  });
  await declareIncident(services.deps, {
    teamId: command.team_id,
    declareKey: `command:${command.trigger_id}`,
    declaredBy: command.user_id,
    title,
    severity,
    isDrill: options.isDrill,
    responseUrl: command.response_url,
  });
}
