import { z } from 'zod';
import { actOnStep } from '../../../runbooks/index.ts';
import { ids } from '../../ids.ts';
import { runForAction } from '../../incident-access.ts';
import { metadataOf, recordIdSchema, stateValuesOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SubmitHandler } from './view-support.ts';

const m = ids.runbookModal;
const skipSchema = z.object({ [m.reason]: z.object({ [m.reason]: z.object({ value: z.string().nullable() }) }) });
const skipMetadata = z.object({ runId: recordIdSchema, stepId: z.string() });

/** The skip form: records the step as skipped with its reason, which is required. */
export const runbookSkipSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const reason = (skipSchema.parse(stateValuesOf(view))[m.reason]?.[m.reason]?.value ?? '').trim();
  if (!reason) return ack({ response_action: 'errors', errors: { [m.reason]: 'Say why the step is skipped.' } });
  const { runId, stepId } = metadataOf(view.private_metadata, skipMetadata);
  const { run } = await runForAction(services, client, teamIdOf(body), runId, body.user.id);
  await ack();
  await actOnStep(services.deps, {
    teamId: run.teamId,
    runId: run.id,
    stepId,
    userId: body.user.id,
    action: { kind: 'skip', reason },
  });
};
