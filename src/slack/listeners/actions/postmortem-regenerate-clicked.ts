import { regeneratePostmortem } from '../../../postmortems/index.ts';
import { type ClickHandler, clickedIncident } from './action-support.ts';
import { tellClicker } from './postmortem-clicked.ts';

/** *Regenerate*: rebuilds the generated sections from the record; a second click at once changes nothing. */
export const postmortemRegenerateClicked: ClickHandler = async (services, args) => {
  const incident = await clickedIncident(services, args);
  const { postmortem, changed } = await regeneratePostmortem(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId: args.body.user.id,
  });
  await tellClicker(
    args,
    services.copy.render(changed ? 'postmortems.regenerated' : 'postmortems.unchanged', {
      version: postmortem.version,
    }),
  );
};
