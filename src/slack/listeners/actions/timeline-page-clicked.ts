import { z } from 'zod';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import { timelineModal } from '../../timeline-modal-loader.ts';
import { type ClickHandler, modalOf } from './action-support.ts';

const pageValue = z.string().regex(/^\d{1,15}:\d{1,6}$/, 'expected "<incident>:<page>"');

/** The timeline modal's Previous or Next button: redraws the modal in place with that page. */
export const timelinePageClicked: ClickHandler = async (services, args) => {
  const view = modalOf(args);
  const [incidentId, pageNumber] = pageValue.parse(actionValueOf(args.action)).split(':').map(Number) as [
    number,
    number,
  ];
  // Checked on every page turn: the value names an incident, and the clicker may not be (or no longer be) its member.
  const incident = await incidentForAction(
    services,
    args.client,
    teamIdOf(args.body),
    recordIdOf(String(incidentId)),
    args.body.user.id,
  );
  const next = await timelineModal(services, args.client, {
    teamId: incident.teamId,
    incidentId: incident.id,
    page: pageNumber,
  });
  // The hash makes a stale page click fail instead of overwriting a newer page.
  await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
};
