import { type HomeModel, loadHome, openedHomeRecently } from '../../home/index.ts';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { EffectExecutor } from '../../outbox/index.ts';
import { statusLabels } from '../../postmortems/index.ts';
import { type AppHomeModel, appHomeView } from '../blocks/app-home.ts';
import { canSeeIncident } from '../incident-access.ts';
import { itemModel } from './action-reminder-effects.ts';
import type { EffectContext } from './effect-context.ts';
import { severityLabel } from './effect-context.ts';

// Asked of Slack once per private incident named on the page; public ones are everyone's.
async function visibleTo(ctx: EffectContext, home: HomeModel): Promise<(incident: Incident) => boolean> {
  const named = [...home.incidents.map((line) => line.incident), ...home.incidentsById.values()];
  const privateOnes = [...new Map(named.filter((i) => i.isPrivate).map((i) => [i.id, i])).values()];
  const seen = new Map<number, boolean>();
  await Promise.all(
    privateOnes.map(async (incident) => seen.set(incident.id, await canSeeIncident(ctx.client, incident, home.userId))),
  );
  return (incident) => !incident.isPrivate || seen.get(incident.id) === true;
}

function homeModel(ctx: EffectContext, home: HomeModel, visible: (incident: Incident) => boolean): AppHomeModel {
  const shown = (incidentId: number) => {
    const incident = home.incidentsById.get(incidentId);
    return incident !== undefined && visible(incident);
  };
  return {
    incidents: home.incidents
      .filter(({ incident }) => visible(incident))
      .map(({ incident, roles }) => ({
        ref: incidentRef(incident),
        title: incident.title,
        severity: severityLabel(ctx.config, incident.severity),
        status: incident.status,
        isPrivate: incident.isPrivate,
        channelId: incident.channelId,
        roles: roles.map((id) => ctx.config.roles.find((role) => role.id === id)?.name ?? id),
      })),
    actions: home.actions
      .filter((action) => shown(action.incidentId))
      .map((action) => itemModel(ctx, action, home.incidentsById, home.today)),
    moreActions: home.moreActions,
    postmortems: home.postmortems
      .filter(({ incident }) => visible(incident))
      .map(({ postmortem, incident }) => ({
        ref: incidentRef(incident),
        title: incident.title,
        status: statusLabels[postmortem.status],
        due: postmortem.dueDate,
        overdue: postmortem.dueDate < home.today,
        channelId: incident.channelId,
      })),
  };
}

/**
 * Publishes the person's Home tab from the database as it is now (coalesced, so a burst of changes is
 * one views.publish), for people who opened it lately; a private incident, and anything from it,
 * appears only to its channel's members.
 */
export function publishHome(ctx: EffectContext): EffectExecutor {
  return async (effect) => {
    const userId = String(effect.payload.userId);
    // Someone who has not looked lately gets theirs published when they open it (app_home_opened).
    if (!(await openedHomeRecently(ctx, { teamId: effect.teamId, userId })))
      return { skipped: 'home not opened lately' };
    const home = await loadHome(ctx.db, ctx, { teamId: effect.teamId, userId });
    const view = appHomeView(ctx.copy, homeModel(ctx, home, await visibleTo(ctx, home)));
    await ctx.client.views.publish({ user_id: userId, view });
    return { blocks: view.blocks.length };
  };
}
