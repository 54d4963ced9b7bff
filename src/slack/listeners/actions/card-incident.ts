import type { Incident } from '../../../incidents/index.ts';
import { incidentForAction } from '../../incident-access.ts';
import { recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import type { ActionArgs } from './action-support.ts';

/** The incident of the pinned card a button or select sits on, reloaded and access checked. */
export function cardIncident(services: SlackServices, args: ActionArgs): Promise<Incident> {
  return incidentForAction(services, args.client, teamIdOf(args.body), cardIncidentId(args), args.body.user.id);
}

// Buttons carry the incident id; the status select reads it from its sibling buttons.
function cardIncidentId(args: ActionArgs): number {
  const own = (args.action as { value?: unknown }).value;
  if (own !== undefined) return recordIdOf(own);
  const blocks = args.body.message?.blocks as
    | Array<{ block_id?: string; elements?: Array<{ value?: string }> }>
    | undefined;
  return recordIdOf(blocks?.find((b) => b.block_id === 'card_actions')?.elements?.[0]?.value);
}
