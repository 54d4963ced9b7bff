import { addNote, requireNoteText } from '../../../timeline/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseNoteView } from '../../parse/timeline-views.ts';
import { type FieldOf, isInFuture, type SubmitHandler } from './view-support.ts';

/** Note and timeline refusals show under the note's text. */
export const noteFormFields: FieldOf = (code) =>
  code.startsWith('note.') || code.startsWith('timeline.') ? ids.timelineForms.text : undefined;

/** The note form: validation errors show under their field, otherwise the note is added. */
export const noteFormSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseNoteView(view);
  const text = requireNoteText(input.text);
  if (isInFuture(services, input.at))
    return ack({ response_action: 'errors', errors: { [ids.timelineForms.when]: 'Pick a time before now.' } });
  // Checked at submission too: the person may have left the private channel since the form opened.
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await ack();
  await addNote(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    text,
    noteType: input.noteType,
    at: input.at,
    requestKey: `view:${view.id}:${view.hash}`,
  });
};
