import type { App } from '@slack/bolt';
import { changeStatus, listRoleHolders, parseStatus, requireActive, requireTransition } from '../../../incidents/index.ts';
import { resolveModalView, rolesModalView, severityModalView } from '../../blocks/lifecycle-modals.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, onClick } from './action-support.ts';

/** The pinned card's Change severity, Assign roles and Resolve buttons, and its status select. */
export function registerCardActions(app: App, services: SlackServices): void {
  const load = (args: ActionArgs) => incidentForAction(services, args.client, teamIdOf(args.body), cardIncidentId(args), args.body.user.id);
  const open = (args: ActionArgs, view: Parameters<ActionArgs['client']['views']['open']>[0]['view']) => args.client.views.open({ trigger_id: args.body.trigger_id, view });

  app.action(ids.actions.cardSeverity, onClick(services, 'card severity', async (args) => {
    const incident = await load(args);
    await open(args, severityModalView(services.copy, services.config, incident));
  }));
  app.action(ids.actions.cardRoles, onClick(services, 'card roles', async (args) => {
    const incident = await load(args);
    requireActive(incident);
    const holders = await listRoleHolders(services.deps.db, { teamId: incident.teamId, incidentId: incident.id });
    await open(args, rolesModalView(services.copy, services.config, incident, holders));
  }));
  app.action(ids.actions.cardResolve, onClick(services, 'card resolve', async (args) => {
    const incident = await load(args);
    requireTransition(incident.status, 'resolved');
    await open(args, resolveModalView(services.copy, services.config, incident, services.deps.clock.now()));
  }));
  app.action(ids.actions.cardStatus, onClick(services, 'card status', async (args) => {
    const incident = await load(args);
    const to = parseStatus(actionValueOf(args.action));
    if (to === 'resolved') {
      requireTransition(incident.status, 'resolved');
      await open(args, resolveModalView(services.copy, services.config, incident, services.deps.clock.now()));
      return;
    }
    await changeStatus(services.deps, { teamId: incident.teamId, incidentId: incident.id, to, actorId: args.body.user.id });
  }));
}

// Buttons carry the incident id; the status select reads it from its sibling buttons.
function cardIncidentId(args: ActionArgs): number {
  const own = (args.action as { value?: unknown }).value;
  if (own !== undefined) return recordIdOf(own);
  const blocks = args.body.message?.blocks as Array<{ block_id?: string; elements?: Array<{ value?: string }> }> | undefined;
  return recordIdOf(blocks?.find((b) => b.block_id === 'card_actions')?.elements?.[0]?.value);
}
