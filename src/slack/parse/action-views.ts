import { z } from 'zod';
import { actionPrioritySchema, actionTypeSchema } from '../../actions/index.ts';
import type { ActionChangeOrigin } from '../blocks/action-modals.ts';
import { ids } from '../ids.ts';
import { metadataOf, recordIdSchema, stateValuesOf } from './interaction-values.ts';

type ViewInput = { state: { values: unknown }; private_metadata?: string };
const m = ids.actionModal;
// Slack sends every input with its value key (null when empty); an entry without it is not Slack's.
const text = z.object({ value: z.string().nullable() });
const option = z.object({ selected_option: z.object({ value: z.string() }).nullable() });
const user = z.object({ selected_user: z.string().max(30).nullable() });
const date = z.object({
  selected_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
const field = <T extends z.ZodTypeAny>(id: string, shape: T) => z.object({ [id]: shape }).optional();

const formSchema = z.object({
  [m.text]: field(m.text, text),
  [m.owner]: field(m.owner, user),
  [m.due]: field(m.due, date),
  [m.type]: field(m.type, option),
  [m.priority]: field(m.priority, option),
  [m.tracker]: field(m.tracker, text),
});
const formMetadata = z.object({ incidentId: recordIdSchema, followUpId: recordIdSchema.optional() });

/** The new-action form, as typed: the tracker key upper-cased but not yet checked (its refusal names the field). */
export function parseActionFormView(view: ViewInput) {
  const state = formSchema.parse(stateValuesOf(view)) as Record<string, Record<string, Record<string, unknown>>>;
  const value = (id: string) => state[id]?.[id];
  const type = value(m.type)?.selected_option as { value: string } | null | undefined;
  const priority = value(m.priority)?.selected_option as { value: string } | null | undefined;
  const tracker = String(value(m.tracker)?.value ?? '').trim();
  return {
    ...metadataOf(view.private_metadata, formMetadata),
    text: String(value(m.text)?.value ?? ''),
    ownerId: (value(m.owner)?.selected_user as string | null | undefined) ?? undefined,
    due: (value(m.due)?.selected_date as string | null | undefined) ?? undefined,
    type: type ? actionTypeSchema.parse(type.value) : undefined,
    priority: priority ? actionPrioritySchema.parse(priority.value) : undefined,
    tracker: tracker === '' ? undefined : tracker.toUpperCase(),
  };
}

const originSchema: z.ZodType<ActionChangeOrigin> = z.object({
  number: recordIdSchema,
  list: z.string().max(100).optional(),
  responseUrl: z.string().url().max(500).optional(),
  // Only a direct message is redrawn in place (the bot's own DM about this action).
  channelId: z
    .string()
    .regex(/^D[A-Z0-9]{2,29}$/)
    .optional(),
  ts: z.string().max(30).optional(),
  reminder: z.boolean().optional(),
});

const changeSchema = z.object({
  [m.evidence]: field(m.evidence, text),
  [m.reason]: field(m.reason, text),
  [m.due]: field(m.due, date),
  [m.owner]: field(m.owner, user),
});

/** A Done, Snooze, Reassign or Won't do form: where it came from and what was given (empty when left blank). */
export function parseActionChangeView(view: ViewInput) {
  const state = changeSchema.parse(stateValuesOf(view)) as Record<string, Record<string, Record<string, unknown>>>;
  const value = (id: string) => state[id]?.[id];
  return {
    origin: metadataOf(view.private_metadata, originSchema),
    evidence: String(value(m.evidence)?.value ?? ''),
    reason: String(value(m.reason)?.value ?? ''),
    due: (value(m.due)?.selected_date as string | null | undefined) ?? undefined,
    ownerId: (value(m.owner)?.selected_user as string | null | undefined) ?? undefined,
  };
}
