import { completeHandover } from '../../../incidents/index.ts';
import { ids } from '../../ids.ts';
import { parseHandoverView } from '../../parse/lifecycle-views.ts';
import { lifecycleFormIncident, withoutAccess } from './lifecycle-form.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

/** Refusals show under the brief. */
export const handoverFormFields: FieldOf = withoutAccess(() => ids.lifecycleModal.brief);

/** The handover brief form: hands the role over before the ack, so a refusal keeps the form open to fix. */
export const handoverFormSubmitted: SubmitHandler = async (services, args) => {
  const { incident, meta, actorId } = await lifecycleFormIncident(services, args);
  const brief = parseHandoverView(args.view).brief;
  await completeHandover(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    role: meta.role ?? '',
    fromUserId: actorId,
    toUserId: meta.to ?? '',
    brief,
    actorId,
  });
};
