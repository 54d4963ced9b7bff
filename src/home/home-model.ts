import type { Action } from '../actions/index.ts';
import type { Incident } from '../incidents/index.ts';
import type { LocalDate } from '../platform/local-time.ts';
import type { Postmortem } from '../postmortems/index.ts';

/** An open incident as one person's Home shows it: with the roles they hold in it. */
export type HomeIncident = { incident: Incident; roles: string[] };

/**
 * What one person's Home shows: open incidents (newest first) with their roles, their open actions
 * (overdue first, then by due date), the postmortems they own that are not yet published, and how many
 * of each were left out of the page. Private incidents are in it unfiltered: the Slack edge asks Slack
 * who is a member before showing one.
 */
export type HomeModel = {
  userId: string;
  /** Today in the person's zone, for the overdue marks. */
  today: LocalDate;
  incidents: HomeIncident[];
  actions: Action[];
  postmortems: Array<{ postmortem: Postmortem; incident: Incident }>;
  /** Every incident named by an action or postmortem above, by id (for refs and access checks). */
  incidentsById: Map<number, Incident>;
  /** Open actions beyond those loaded. */
  moreActions: number;
};
