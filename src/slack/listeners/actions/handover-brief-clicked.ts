import type { App } from '@slack/bolt';
import { z } from 'zod';
import { listRoleHolders, requireActive } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { requireRole } from '../../../roles/index.ts';
import { handoverModalView } from '../../blocks/lifecycle-modals.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import type { SlackServices } from '../../services.ts';
import { actionValue, guarded, teamOf } from './action-support.ts';

const valueSchema = z.object({ incidentId: z.number(), role: z.string(), to: z.string() });

/** The outgoing holder clicked "Write handover brief": the brief form opens (for the holder only). */
export function registerHandoverBriefClicked(app: App, services: SlackServices): void {
  app.action(ids.actions.handoverBrief, guarded(services, async (args) => {
    const value = valueSchema.parse(JSON.parse(actionValue(args)));
    const incident = await incidentForAction(services, args.client, teamOf(args.body), value.incidentId, args.body.user.id);
    requireActive(incident);
    const role = requireRole(services.config, value.role);
    const holder = (await listRoleHolders(services.deps.db, { teamId: incident.teamId, incidentId: incident.id })).find((h) => h.role === role.id)?.userId;
    if (holder !== args.body.user.id) throw new DomainError('role.not_holder', services.copy.render('roles.not_the_holder', { holder: holder ?? 'nobody', role: role.name }));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: handoverModalView(services.copy, incident, { role: role.id, roleName: role.name, toUserId: value.to }) });
  }));
}
