import type { App, BlockButtonAction } from '@slack/bolt';
import { listMilestones, requireIncident } from '../../../timeline/index.ts';
import { milestonesModalView, noteModalView } from '../../blocks/timeline-forms.ts';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';

/** The card's "Add note" and "Milestones" buttons open their forms (the button carries the incident id). */
export function registerCardTimelineButtons(app: App, services: SlackServices): void {
  app.action<BlockButtonAction>(ids.actions.cardNote, async ({ ack, body, action, client }) => {
    await ack();
    const incident = await requireIncident(services.deps, { teamId: body.team?.id ?? body.user.team_id ?? '', incidentId: Number(action.value) });
    await client.views.open({ trigger_id: body.trigger_id, view: noteModalView(services.copy, { incidentId: incident.id }) });
  });
  app.action<BlockButtonAction>(ids.actions.cardMilestones, async ({ ack, body, action, client }) => {
    await ack();
    const incident = await requireIncident(services.deps, { teamId: body.team?.id ?? body.user.team_id ?? '', incidentId: Number(action.value) });
    const milestones = await listMilestones(services.deps.db, incident);
    await client.views.open({ trigger_id: body.trigger_id, view: milestonesModalView(services.copy, { incidentId: incident.id, milestones }) });
  });
}
