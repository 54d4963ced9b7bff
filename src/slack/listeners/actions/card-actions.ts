import type { App } from '@slack/bolt';
import { changeStatus, listRoleHolders, parseStatus, requireActive, requireTransition } from '../../../incidents/index.ts';
import { resolveModalView, rolesModalView, severityModalView } from '../../blocks/lifecycle-modals.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, guarded, teamOf } from './action-support.ts';

/** The pinned card's Change severity, Assign roles and Resolve buttons, and its status select. */
export function registerCardActions(app: App, services: SlackServices): void {
  const load = (args: ActionArgs, id: string) => incidentForAction(services, args.client, teamOf(args.body), Number(id), args.body.user.id);
  const open = (args: ActionArgs, view: Parameters<ActionArgs['client']['views']['open']>[0]['view']) => args.client.views.open({ trigger_id: args.body.trigger_id, view });
  // Buttons carry the incident id; the status select reads it from its sibling buttons.
  const cardId = (args: ActionArgs) => {
    const blocks = args.body.message?.blocks as Array<{ block_id?: string; elements?: Array<{ value?: string }> }> | undefined;
    return String((args.action as { value?: string }).value ?? blocks?.find((b) => b.block_id === 'card_actions')?.elements?.[0]?.value);
  };

  app.action(ids.actions.cardSeverity, guarded(services, async (args) => {
    const incident = await load(args, cardId(args));
    await open(args, severityModalView(services.copy, services.config, incident));
  }));
  app.action(ids.actions.cardRoles, guarded(services, async (args) => {
    const incident = await load(args, cardId(args));
    requireActive(incident);
    const holders = await listRoleHolders(services.deps.db, { teamId: incident.teamId, incidentId: incident.id });
    await open(args, rolesModalView(services.copy, services.config, incident, holders));
  }));
  app.action(ids.actions.cardResolve, guarded(services, async (args) => {
    const incident = await load(args, cardId(args));
    requireTransition(incident.status, 'resolved');
    await open(args, resolveModalView(services.copy, services.config, incident, services.deps.clock.now()));
  }));
  app.action(ids.actions.cardStatus, guarded(services, async (args) => {
    const incident = await load(args, cardId(args));
    const to = parseStatus((args.action as { selected_option?: { value: string } }).selected_option?.value ?? '');
    if (to === 'resolved') {
      requireTransition(incident.status, 'resolved');
      await open(args, resolveModalView(services.copy, services.config, incident, services.deps.clock.now()));
      return;
    }
    await changeStatus(services.deps, { teamId: incident.teamId, incidentId: incident.id, to, actorId: args.body.user.id });
  }));
}
