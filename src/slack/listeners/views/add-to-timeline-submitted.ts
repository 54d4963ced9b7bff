import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parsePickIncidentView } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';
import { recordPickedMessage } from '../shortcuts/add-to-timeline.ts';
import { noField, onSubmit } from './view-support.ts';

/** The user picked which open incident a message belongs to (one they may see: checked again here). */
export function registerAddToTimelineSubmitted(app: App, services: SlackServices): void {
  app.view(ids.views.addToTimeline, onSubmit(services, 'add to timeline form', noField, async ({ ack, body, view, client }) => {
    const input = parsePickIncidentView(view);
    const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
    await ack();
    await recordPickedMessage(services, client, { teamId: incident.teamId, incidentId: incident.id, actorId: body.user.id, message: input.message });
  }));
}
