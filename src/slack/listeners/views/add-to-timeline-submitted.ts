import type { App } from '@slack/bolt';
import { ids } from '../../ids.ts';
import { parsePickIncidentView } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';
import { recordPickedMessage } from '../shortcuts/add-to-timeline.ts';

/** The user picked which open incident a message belongs to. */
export function registerAddToTimelineSubmitted(app: App, services: SlackServices): void {
  app.view(ids.views.addToTimeline, async ({ ack, body, view, client }) => {
    const input = parsePickIncidentView(view);
    await ack();
    await recordPickedMessage(services, client, { teamId: body.team?.id ?? body.user.team_id ?? '', incidentId: input.incidentId, actorId: body.user.id, message: input.message });
  });
}
