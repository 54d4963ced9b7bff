import { declareIncident } from '../../../incidents/index.ts';
import { parseDeclareArgs } from '../../parse/declare-args.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident drill [sev] <title>`: the whole declare flow, marked as a drill so metrics keep it apart. */
export const drillCommand: Subcommand = async ({ ack, command, rest, services }) => {
  const { severity, title } = parseDeclareArgs(rest, services.config);
  const label = services.config.severities.find((s) => s.name === severity)?.label ?? severity;
  await ack({ response_type: 'ephemeral', text: services.copy.render('declare.drill_acknowledged', { severity: label, title }) });
  await declareIncident(services.deps, {
    teamId: command.team_id,
    declareKey: `command:${command.trigger_id}`,
    declaredBy: command.user_id,
    title,
    severity,
    isDrill: true,
    responseUrl: command.response_url,
  });
};
