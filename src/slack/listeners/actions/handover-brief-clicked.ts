import type { App } from '@slack/bolt';
import { z } from 'zod';
import { listRoleHolders, requireActive } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { requireRole } from '../../../roles/index.ts';
import { handoverModalView } from '../../blocks/lifecycle-modals.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, metadataOf, recordIdSchema, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { onClick } from './action-support.ts';

const valueSchema = z.object({ incidentId: recordIdSchema, role: z.string(), to: z.string() });

/** The outgoing holder clicked "Write handover brief": the brief form opens (for the holder only). */
export function registerHandoverBriefClicked(app: App, services: SlackServices): void {
  app.action(ids.actions.handoverBrief, onClick(services, 'handover brief', async (args) => {
    const value = metadataOf(actionValueOf(args.action), valueSchema);
    const incident = await incidentForAction(services, args.client, teamIdOf(args.body), value.incidentId, args.body.user.id);
    requireActive(incident);
    const role = requireRole(services.config, value.role);
    const holder = (await listRoleHolders(services.deps.db, { teamId: incident.teamId, incidentId: incident.id })).find((h) => h.role === role.id)?.userId;
    if (holder !== args.body.user.id) throw new DomainError('role.not_holder', services.copy.render('roles.not_the_holder', { holder: holder ?? 'nobody', role: role.name }), 'mrkdwn');
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: handoverModalView(services.copy, incident, { role: role.id, roleName: role.name, toUserId: value.to }) });
  }));
}
