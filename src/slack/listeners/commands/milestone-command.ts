import { setMilestone } from '../../../incidents/index.ts';
import { formatInZone, parseMilestoneArgs } from '../../../timeline/index.ts';
import { incidentForChannel } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident milestone started 13:52`: sets or corrects a milestone, audited. */
export const milestoneCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { deps, config } = services;
  const incident = await incidentForChannel(services, client, command);
  const { name, at } = parseMilestoneArgs(rest, { now: deps.clock.now(), timeZone: config.timezone });
  const result = await setMilestone(deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    name,
    at,
    actorId: command.user_id,
    requestKey: `command:${command.trigger_id}`,
  });
  const shown = formatInZone(at, config.timezone);
  const text = result.changed
    ? services.copy.render('timeline.milestone_set', {
        name,
        at: shown,
        previous: result.previous ? formatInZone(result.previous, config.timezone) : '',
      })
    : services.copy.render('timeline.milestone_unchanged', { name, at: shown });
  await ack({ response_type: 'ephemeral', text });
};
