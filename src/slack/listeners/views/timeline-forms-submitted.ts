import type { App } from '@slack/bolt';
import { setMilestones } from '../../../incidents/index.ts';
import { addNote, requireNoteText } from '../../../timeline/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseMilestonesView, parseNoteView } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';
import { noField, onSubmit } from './view-support.ts';

const inFuture = (services: SlackServices, at: Date | undefined) => at !== undefined && at.getTime() > services.deps.clock.now().getTime() + 60_000;

/** The note and Milestones forms: validation errors show under their field, otherwise one service call. */
export function registerTimelineFormsSubmitted(app: App, services: SlackServices): void {
  const noteField = (code: string) => (code.startsWith('note.') || code.startsWith('timeline.') ? ids.timelineForms.text : undefined);
  app.view(ids.views.note, onSubmit(services, 'note form', noteField, async ({ ack, body, view, client }) => {
    const input = parseNoteView(view);
    const text = requireNoteText(input.text);
    if (inFuture(services, input.at)) return ack({ response_action: 'errors', errors: { [ids.timelineForms.when]: 'Pick a time before now.' } });
    // Checked at submission too: the person may have left the private channel since the form opened.
    const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
    await ack();
    await addNote(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId: body.user.id, text, noteType: input.noteType, at: input.at, requestKey: `view:${view.id}:${view.hash}` });
  }));
  app.view(ids.views.milestones, onSubmit(services, 'milestones form', noField, async ({ ack, body, view, client }) => {
    const input = parseMilestonesView(view);
    const future = Object.entries(input.values).find(([, at]) => inFuture(services, at));
    if (future) return ack({ response_action: 'errors', errors: { [`ms_${future[0]}`]: 'Pick a time before now.' } });
    const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
    await ack();
    await setMilestones(services.deps, { teamId: incident.teamId, incidentId: incident.id, actorId: body.user.id, values: input.values, requestKey: `view:${view.id}:${view.hash}` });
  }));
}
