import { changeSeverity } from '../../../incidents/index.ts';
import { ids } from '../../ids.ts';
import { parseSeverityView } from '../../parse/lifecycle-views.ts';
import { lifecycleFormIncident, withoutAccess } from './lifecycle-form.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

const f = ids.lifecycleModal;

/** A refusal about the reason shows under the reason; any other under the severity. */
export const severityFormFields: FieldOf = withoutAccess((code) => (code.includes('reason') ? f.reason : f.severity));

/**
 * The severity form: the change is made before the ack (a fast transaction), so a refusal shows
 * under the field it concerns and the form stays open to fix.
 */
export const severityFormSubmitted: SubmitHandler = async (services, args) => {
  const { incident, actorId } = await lifecycleFormIncident(services, args);
  await changeSeverity(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId,
    ...parseSeverityView(args.view),
  });
};
