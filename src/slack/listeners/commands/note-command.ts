import { addNote, formatInZone, parseNoteText } from '../../../timeline/index.ts';
import { incidentForChannel } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident note [at 14:05] [decision:] text`: a typed, possibly back-dated timeline entry. */
export const noteCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { deps, config } = services;
  const incident = await incidentForChannel(services, client, command);
  const note = parseNoteText(rest, { now: deps.clock.now(), timeZone: config.timezone });
  const { at, text } = await addNote(deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    actorId: command.user_id,
    text: note.text,
    noteType: note.noteType,
    at: note.at,
    requestKey: `command:${command.trigger_id}`,
  });
  await ack({
    response_type: 'ephemeral',
    text: services.copy.render('timeline.note_added', {
      type: note.noteType ?? '',
      at: formatInZone(at, config.timezone),
      text,
    }),
  });
};
