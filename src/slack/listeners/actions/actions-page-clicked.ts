import { actionListPage } from '../../action-list-loader.ts';
import { parseActionPageValue } from '../../parse/action-page-value.ts';
import { actionValueOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { ClickHandler } from './action-support.ts';

/** Previous or Next under a list of actions: replaces the (ephemeral) list with that page, access checked again. */
export const actionsPageClicked: ClickHandler = async (services, args) => {
  const { target, page } = parseActionPageValue(actionValueOf(args.action));
  const next = await actionListPage(services, args.client, {
    teamId: teamIdOf(args.body),
    viewerId: args.body.user.id,
    target,
    page,
  });
  await args.respond({ response_type: 'ephemeral', replace_original: true, ...next });
};
