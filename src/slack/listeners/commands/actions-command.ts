import { actionListPage } from '../../action-list-loader.ts';
import { argsProblem } from '../../action-replies.ts';
import { incidentForChannel, incidentForCommand } from '../../incident-access.ts';
import { parseActionListArgs } from '../../parse/action-list-args.ts';
import type { ActionListTarget } from '../../parse/action-page-value.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident actions [mine|overdue|@person|INC-12] [page N]`: a page of actions with their buttons,
 * overdue first; with nothing named, the channel's incident's, closed ones included.
 */
export const actionsCommand: Subcommand = async (services, args) => {
  const { command, client } = args;
  const parsed = parseActionListArgs(args.rest);
  if (!parsed.ok) throw argsProblem(services, parsed);
  const query = parsed.value;
  let target: ActionListTarget;
  if (query.scope === 'incident')
    target = { scope: 'incident', incidentId: (await incidentForChannel(services, client, command)).id };
  else if (query.scope === 'incident_ref')
    target = {
      scope: 'incident',
      incidentId: (await incidentForCommand(services, client, command, `INC-${query.number}`)).incident.id,
    };
  else if (query.scope === 'mine') target = { scope: 'owner', ownerId: command.user_id };
  else if (query.scope === 'person') target = { scope: 'owner', ownerId: query.userId };
  else target = { scope: 'overdue' };
  const page = await actionListPage(services, client, {
    teamId: command.team_id,
    viewerId: command.user_id,
    target,
    page: query.page,
  });
  await args.ack({ response_type: 'ephemeral', ...page });
};
