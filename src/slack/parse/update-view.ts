import { z } from 'zod';
import { DomainError } from '../../platform/errors.ts';
import { confidenceLevels, type StakeholderUpdateInput } from '../../updates/index.ts';
import { ids } from '../ids.ts';
import { metadataOf, recordIdOf, recordIdSchema, stateValuesOf } from './interaction-values.ts';

const f = ids.updateModal;
const text = (id: string) => z.object({ [id]: z.object({ value: z.string().nullable() }).optional() }).optional();

const stateSchema = z.object({
  [f.status]: text(f.status),
  [f.impact]: text(f.impact),
  [f.actions]: text(f.actions),
  [f.next]: text(f.next),
  [f.eta]: text(f.eta),
  [f.confidence]: z
    .object({
      [f.confidence]: z
        .object({ selected_option: z.object({ value: z.enum(confidenceLevels) }).nullable() })
        .optional(),
    })
    .optional(),
});

const metadataSchema = z.object({ incidentId: recordIdSchema });

/** Reads the update form (submitted or previewed); the incident id comes from the view's metadata. */
export function parseUpdateView(view: {
  state: { values: unknown };
  private_metadata?: string;
}): StakeholderUpdateInput & { incidentId: number } {
  const state = stateSchema.parse(stateValuesOf(view));
  const { incidentId } = metadataOf(view.private_metadata, metadataSchema);
  const value = (id: string) =>
    (state as Record<string, Record<string, { value?: string | null } | undefined> | undefined>)[id]?.[id]?.value ?? '';
  const next = value(f.next).trim();
  return {
    incidentId,
    status: value(f.status),
    impact: value(f.impact),
    actions: value(f.actions),
    nextUpdateMinutes: next ? Number(next) : undefined,
    eta: value(f.eta),
    confidence: state[f.confidence]?.[f.confidence]?.selected_option?.value ?? undefined,
  };
}

/** "12:build-db" → run 12, step build-db (optionally ":n" for a decision branch). */
export function parseStepValue(value: string): { runId: number; stepId: string; branch: number | undefined } {
  // A step id is a runbook identifier (lowercase, digits, - and _): anything else, or a very long one, was not ours.
  const match = /^(\d{1,15}):([a-z0-9][a-z0-9_-]{0,99})(?::(\d{1,3}))?$/.exec(value);
  if (!match) throw new DomainError('payload.malformed', 'a runbook step button carries "<run>:<step>[:<branch>]"');
  return {
    runId: recordIdOf(match[1]),
    stepId: match[2] as string,
    branch: match[3] === undefined ? undefined : Number(match[3]),
  };
}
