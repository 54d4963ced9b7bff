import { z } from 'zod';
import { type Milestones, milestoneNames } from '../../incidents/index.ts';
import { type NoteType, noteTypes } from '../../timeline/index.ts';
import { ids } from '../ids.ts';
import { metadataOf, recordIdOf, recordIdSchema, stateValuesOf } from './interaction-values.ts';

const f = ids.timelineForms;
const metadataSchema = z.object({ incidentId: recordIdSchema });

function metadata(raw: string | undefined): { incidentId: number } {
  return metadataOf(raw, metadataSchema);
}

const noteStateSchema = z.object({
  [f.text]: z.object({ [f.text]: z.object({ value: z.string().nullable() }) }),
  [f.type]: z
    .object({ [f.type]: z.object({ selected_option: z.object({ value: z.enum(noteTypes) }).nullable() }) })
    .optional(),
  [f.when]: z.object({ [f.when]: z.object({ selected_date_time: z.number().nullable() }) }).optional(),
});

/** The note form's input. */
export function parseNoteView(view: { state: { values: unknown }; private_metadata?: string }): {
  incidentId: number;
  text: string;
  noteType: NoteType | undefined;
  at: Date | undefined;
} {
  const state = noteStateSchema.parse(stateValuesOf(view));
  const when = state[f.when]?.[f.when]?.selected_date_time;
  return {
    incidentId: metadata(view.private_metadata).incidentId,
    text: state[f.text]?.[f.text]?.value ?? '',
    noteType: state[f.type]?.[f.type]?.selected_option?.value ?? undefined,
    at: typeof when === 'number' ? new Date(when * 1000) : undefined,
  };
}

/** The Milestones form's input: the milestones given a time. */
export function parseMilestonesView(view: { state: { values: unknown }; private_metadata?: string }): {
  incidentId: number;
  values: Milestones;
} {
  const values = z
    .record(z.string(), z.record(z.string(), z.object({ selected_date_time: z.number().nullable() })))
    .parse(stateValuesOf(view));
  const milestones: Milestones = {};
  for (const name of milestoneNames) {
    const seconds = values[`ms_${name}`]?.[name]?.selected_date_time;
    if (typeof seconds === 'number') milestones[name] = new Date(seconds * 1000);
  }
  return { incidentId: metadata(view.private_metadata).incidentId, values: milestones };
}

export const pickedMessageSchema = z.object({
  channelId: z.string(),
  ts: z.string(),
  text: z.string(),
  authorId: z.string().optional(),
  threadTs: z.string().optional(),
});
export type PickedMessage = z.infer<typeof pickedMessageSchema>;

/** The pick-an-incident form's input: the incident chosen and the message it was opened on. */
export function parsePickIncidentView(view: { state: { values: unknown }; private_metadata?: string }): {
  incidentId: number;
  message: PickedMessage;
} {
  const state = z
    .object({
      [f.incident]: z.object({ [f.incident]: z.object({ selected_option: z.object({ value: z.string() }) }) }),
    })
    .parse(stateValuesOf(view));
  return {
    incidentId: recordIdOf(state[f.incident]?.[f.incident]?.selected_option.value),
    message: metadataOf(view.private_metadata, pickedMessageSchema),
  };
}
