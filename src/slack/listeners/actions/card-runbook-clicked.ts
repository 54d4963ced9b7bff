import { DomainError } from '../../../platform/errors.ts';
import { runbookChoices } from '../../../runbooks/index.ts';
import { runbookPickView } from '../../blocks/runbook-modals.ts';
import { type ClickHandler, clickedIncident, openModal } from './action-support.ts';

/** The card's "Runbook" button: opens the runbook picker, or says there are no runbooks. */
export const cardRunbookClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  const choices = await runbookChoices(services.deps, { teamId: incident.teamId, incidentId: incident.id });
  if (choices.matching.length + choices.others.length === 0)
    throw new DomainError('runbook.none', services.copy.render('runbooks.none'), 'mrkdwn');
  await openModal(
    args,
    runbookPickView(services.copy, {
      incidentId: choices.incident.id,
      matching: choices.matching,
      others: choices.others,
    }),
  );
};
