import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseLifecycleMetadata } from '../../parse/lifecycle-views.ts';
import type { SlackServices } from '../../services.ts';
import type { FieldOf, ViewArgs } from './view-support.ts';

/** The incident a severity, roles, resolve or handover form is about (from its metadata), access checked. */
export async function lifecycleFormIncident(services: SlackServices, args: ViewArgs) {
  const meta = parseLifecycleMetadata(args.view);
  const incident = await incidentForAction(
    services,
    args.client,
    teamIdOf(args.body),
    meta.incidentId,
    args.body.user.id,
  );
  return { incident, meta, actorId: args.body.user.id };
}

// A refusal to see the incident replaces the form with a notice rather than sitting under a field.
export function withoutAccess(fieldOf: FieldOf): FieldOf {
  return (code, services) =>
    code === 'incident.not_found' || code === 'incident.not_visible' ? undefined : fieldOf(code, services);
}
