import { incidentStats } from '../../../insights/index.ts';
import { statsAnswer } from '../../blocks/stats-answer.ts';
import { parseStatsArgs } from '../../parse/stats-args.ts';
import { statsContext, statsProblem } from '../../stats-replies.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident stats [30d|90d|quarter|from..to] [sev1] [service:x]`: acks at once, then answers through
 * response_url, so a slow aggregate over a long period never costs the 3-second acknowledgement.
 */
export const statsCommand: Subcommand = async (services, args) => {
  const parsed = parseStatsArgs(args.rest, services.config);
  if (!parsed.ok) throw statsProblem(services, parsed);
  await args.ack({ response_type: 'ephemeral', text: services.copy.render('stats.computing') });
  const report = await incidentStats(services.deps, { teamId: args.command.team_id, ...parsed.value });
  const answer = statsAnswer(services.copy, report, statsContext(services, parsed.value));
  await args.respond({ response_type: 'ephemeral', replace_original: true, ...answer });
};
