import { writeUpPostmortem } from '../../../postmortems/index.ts';
import { writeUpSavedModal } from '../../blocks/postmortem-modals.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseWriteUpView } from '../../parse/postmortem-views.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

/** An over-long section is refused under its own field; the form stays open with everything typed. */
export const writeUpFormFields: FieldOf = (code) =>
  code.startsWith('postmortem.section_too_long.') ? code.slice('postmortem.section_too_long.'.length) : undefined;

/** The write-up: stored (each section versioned), then the form shows any phrase that may read as blame. */
export const writeUpSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseWriteUpView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  const { postmortem, flags } = await writeUpPostmortem(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: body.user.id,
    sections: input.sections,
  });
  await ack({
    response_action: 'update',
    view: writeUpSavedModal(services.copy, { version: postmortem.version, flags }),
  });
};
