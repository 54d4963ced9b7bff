import { changeStatus } from '../../../incidents/index.ts';
import { ids } from '../../ids.ts';
import { parseResolveView } from '../../parse/lifecycle-views.ts';
import { lifecycleFormIncident, withoutAccess } from './lifecycle-form.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

const f = ids.lifecycleModal;

/** Each resolution refusal shows under the field it concerns (the resolution time otherwise). */
export const resolveFormFields: FieldOf = withoutAccess((code) => {
  if (code === 'incident.change_required') return f.change;
  if (code.startsWith('incident.resolved_')) return f.resolvedAt;
  if (code === 'incident.unknown_severity') return f.severity;
  return f.resolvedAt;
});

/** The resolution form: resolves before the ack, so a refusal keeps the form open to fix. */
export const resolveFormSubmitted: SubmitHandler = async (services, args) => {
  const { incident, actorId } = await lifecycleFormIncident(services, args);
  await changeStatus(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    to: 'resolved',
    actorId,
    resolution: parseResolveView(args.view),
  });
};
