import { z } from 'zod';
import { type HumanSections, humanSectionIds } from '../../postmortems/index.ts';
import { ids } from '../ids.ts';
import { metadataOf, recordIdSchema, stateValuesOf } from './interaction-values.ts';

type ViewInput = { state: { values: unknown }; private_metadata?: string };
const metadataSchema = z.object({ incidentId: recordIdSchema });
const text = z.object({ value: z.string().nullish() });

const writeUpSchema = z.object(
  Object.fromEntries(humanSectionIds.map((id) => [id, z.object({ [id]: text }).optional()])) as Record<
    (typeof humanSectionIds)[number],
    z.ZodOptional<z.ZodObject<Record<string, typeof text>>>
  >,
);

/** The write-up form: each human section's text (an empty field is an empty section). */
export function parseWriteUpView(view: ViewInput): { incidentId: number; sections: HumanSections } {
  const state = writeUpSchema.parse(stateValuesOf(view));
  const sections: HumanSections = {};
  for (const id of humanSectionIds) sections[id] = state[id]?.[id]?.value ?? '';
  return { incidentId: metadataOf(view.private_metadata, metadataSchema).incidentId, sections };
}

const m = ids.postmortemModal;
const reviewSchema = z.object({
  [m.reviewers]: z.object({
    [m.reviewers]: z.object({ selected_users: z.array(z.string().max(30)).max(100).nullish() }),
  }),
});

export function parseReviewView(view: ViewInput): { incidentId: number; reviewers: string[] } {
  const state = reviewSchema.parse(stateValuesOf(view));
  return {
    incidentId: metadataOf(view.private_metadata, metadataSchema).incidentId,
    reviewers: state[m.reviewers]?.[m.reviewers]?.selected_users ?? [],
  };
}

const reasonSchema = z.object({ [m.reason]: z.object({ [m.reason]: text }) });

export function parsePublishView(view: ViewInput): { incidentId: number; reason: string } {
  const state = reasonSchema.parse(stateValuesOf(view));
  return {
    incidentId: metadataOf(view.private_metadata, metadataSchema).incidentId,
    reason: (state[m.reason]?.[m.reason]?.value ?? '').trim(),
  };
}
