import { z } from 'zod';
import { startRunbook } from '../../../runbooks/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { metadataOf, recordIdSchema, stateValuesOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SubmitHandler } from './view-support.ts';

const m = ids.runbookModal;
const pickSchema = z.object({
  [m.runbook]: z.object({ [m.runbook]: z.object({ selected_option: z.object({ value: z.string() }) }) }),
});
const pickMetadata = z.object({ incidentId: recordIdSchema });

/** The runbook picker: starts the chosen runbook, once per form. */
export const runbookPickSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const name = pickSchema.parse(stateValuesOf(view))[m.runbook]?.[m.runbook]?.selected_option.value ?? '';
  const { incidentId } = metadataOf(view.private_metadata, pickMetadata);
  const incident = await incidentForAction(services, client, teamIdOf(body), incidentId, body.user.id);
  await ack();
  await startRunbook(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    name,
    userId: body.user.id,
    startKey: `view:${view.id}`,
  });
};
