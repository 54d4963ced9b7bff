import { findPostmortem, noPostmortem } from '../../../postmortems/index.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, clickedIncident } from './action-support.ts';

/** The incident and postmortem a postmortem button is about (the button carries the incident id). */
export async function clickedPostmortem(services: SlackServices, args: ActionArgs) {
  const incident = await clickedIncident(services, args);
  const postmortem = await findPostmortem(services.deps.db, { teamId: incident.teamId, incidentId: incident.id });
  if (!postmortem) throw noPostmortem(incident);
  return { incident, postmortem };
}

/** Tells only the clicker, under the message the button is in. */
export async function tellClicker(args: ActionArgs, text: string): Promise<void> {
  await args.respond?.({ response_type: 'ephemeral', replace_original: false, text });
}
