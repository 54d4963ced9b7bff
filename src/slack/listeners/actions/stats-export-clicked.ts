import { describePeriod, requestStatsExport } from '../../../insights/index.ts';
import { actionValueOf, teamIdOf } from '../../parse/interaction-values.ts';
import { parseStatsArgs, statsButtonValue } from '../../parse/stats-args.ts';
import { statsProblem } from '../../stats-replies.ts';
import type { ClickHandler } from './action-support.ts';

/** *Export CSV* under a stats answer: queues the period's incidents and actions to the clicker's DM. */
export const statsExportClicked: ClickHandler = async (services, args) => {
  const parsed = parseStatsArgs(statsButtonValue.parse(actionValueOf(args.action)), services.config);
  if (!parsed.ok) throw statsProblem(services, parsed);
  const period = await requestStatsExport(services.deps, {
    teamId: teamIdOf(args.body),
    userId: args.body.user.id,
    ...parsed.value,
  });
  await args.respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: services.copy.render('stats.export_queued', { period: describePeriod(period) }),
  });
};
