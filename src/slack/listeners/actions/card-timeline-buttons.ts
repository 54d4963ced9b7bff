import type { App } from '@slack/bolt';
import { listMilestones } from '../../../incidents/index.ts';
import { milestonesModalView, noteModalView } from '../../blocks/timeline-forms.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, onClick } from './action-support.ts';

/** The card's "Add note" and "Milestones" buttons open their forms (the button carries the incident id). */
export function registerCardTimelineButtons(app: App, services: SlackServices): void {
  const load = (args: ActionArgs) => incidentForAction(services, args.client, teamIdOf(args.body), recordIdOf(actionValueOf(args.action)), args.body.user.id);
  app.action(ids.actions.cardNote, onClick(services, 'card note', async (args) => {
    const incident = await load(args);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: noteModalView(services.copy, { incidentId: incident.id }) });
  }));
  app.action(ids.actions.cardMilestones, onClick(services, 'card milestones', async (args) => {
    const incident = await load(args);
    const milestones = await listMilestones(services.deps.db, incident);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: milestonesModalView(services.copy, { incidentId: incident.id, milestones }) });
  }));
}
