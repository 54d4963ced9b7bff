import type { KnownBlock } from '@slack/types';
import { listActionsPage, teamToday } from '../actions/index.ts';
import { findIncidentById, type Incident, incidentRef } from '../incidents/index.ts';
import { canSeeAction } from './action-access.ts';
import type { ActionItemModel } from './blocks/action-item.ts';
import { actionListBlocks, actionsPerPage } from './blocks/action-list.ts';
import { mention } from './blocks/format.ts';
import type { SlackClient } from './client.ts';
import { incidentForAction } from './incident-access.ts';
import { type ActionListTarget, actionPageValue } from './parse/action-page-value.ts';
import type { SlackServices } from './services.ts';

/**
 * One page of a list of actions for `viewerId` (shared by the command, the paging buttons and the
 * redraw after a change). An incident's list needs access to the incident; in the other lists, an
 * action of a private incident the viewer may not see is only counted.
 */
export async function actionListPage(
  services: SlackServices,
  client: SlackClient,
  params: { teamId: string; viewerId: string; target: ActionListTarget; page: number },
): Promise<{ text: string; blocks: KnownBlock[] }> {
  const { teamId, target, viewerId } = params;
  const today = teamToday(services.deps);
  const scoped =
    target.scope === 'incident'
      ? await incidentForAction(services, client, teamId, target.incidentId, viewerId)
      : undefined;
  const { actions, total } = await listActionsPage(services.deps.db, {
    teamId,
    filter:
      target.scope === 'incident'
        ? { scope: 'incident', incidentId: target.incidentId }
        : target.scope === 'owner'
          ? { scope: 'owner', ownerId: target.ownerId }
          : { scope: 'overdue', today },
    offset: (params.page - 1) * actionsPerPage,
    limit: actionsPerPage,
  });
  const incidents = new Map<number, Incident>(scoped ? [[scoped.id, scoped]] : []);
  const items: ActionItemModel[] = [];
  let hidden = 0;
  for (const action of actions) {
    let incident = incidents.get(action.incidentId);
    if (!incident) {
      incident = await findIncidentById(services.deps.db, { teamId, id: action.incidentId });
      if (incident) incidents.set(incident.id, incident);
    }
    if (!incident || !(scoped || (await canSeeAction(client, incident, action, viewerId)))) {
      hidden++;
      continue;
    }
    items.push({ action, incidentRef: incidentRef(incident), today, trackerUrl: services.config.actions.tracker_url });
  }
  const title =
    target.scope === 'incident'
      ? services.copy.render('actions.list_incident', { ref: incidentRef(scoped as Incident) })
      : target.scope === 'owner'
        ? target.ownerId === viewerId
          ? services.copy.render('actions.list_mine')
          : services.copy.render('actions.list_owner', { owner: mention(target.ownerId) })
        : services.copy.render('actions.list_overdue');
  const blocks = actionListBlocks(services.copy, {
    title,
    items,
    hidden,
    page: params.page,
    total,
    pageValue: (page) => actionPageValue(target, page),
  });
  return { text: title, blocks };
}
