import type { App } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';
import { addNote, requireNoteText, setMilestones } from '../../../timeline/index.ts';
import { ids } from '../../ids.ts';
import { parseMilestonesView, parseNoteView } from '../../parse/timeline-views.ts';
import type { SlackServices } from '../../services.ts';

/** The note and Milestones forms: validation errors show under their field, otherwise one service call. */
export function registerTimelineFormsSubmitted(app: App, services: SlackServices): void {
  app.view(ids.views.note, async ({ ack, body, view }) => {
    const input = parseNoteView(view);
    let text: string;
    try {
      text = requireNoteText(input.text);
      if (input.at && input.at.getTime() > services.deps.clock.now().getTime() + 60_000) {
        await ack({ response_action: 'errors', errors: { [ids.timelineForms.when]: 'Pick a time before now.' } });
        return;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await ack({ response_action: 'errors', errors: { [ids.timelineForms.text]: error.message } });
      return;
    }
    await ack();
    await addNote(services.deps, {
      teamId: body.team?.id ?? body.user.team_id ?? '',
      incidentId: input.incidentId,
      actorId: body.user.id,
      text,
      ...(input.noteType ? { noteType: input.noteType } : {}),
      ...(input.at ? { at: input.at } : {}),
      requestKey: `view:${view.id}:${view.hash}`,
    });
  });
  app.view(ids.views.milestones, async ({ ack, body, view }) => {
    const input = parseMilestonesView(view);
    const now = services.deps.clock.now().getTime();
    const future = Object.entries(input.values).find(([, at]) => at && at.getTime() > now + 60_000);
    if (future) {
      await ack({ response_action: 'errors', errors: { [`ms_${future[0]}`]: 'Pick a time before now.' } });
      return;
    }
    await ack();
    await setMilestones(services.deps, { teamId: body.team?.id ?? body.user.team_id ?? '', incidentId: input.incidentId, actorId: body.user.id, values: input.values, requestKey: `view:${view.id}:${view.hash}` });
  });
}
