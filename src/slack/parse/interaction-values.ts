import { z } from 'zod';

/** A database id carried by a button or a form's metadata: a positive integer JavaScript holds exactly. */
export const recordIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const recordIdText = z
  .string()
  .regex(/^\d{1,15}$/, 'expected a record id')
  .transform(Number)
  .pipe(recordIdSchema);

/** The incident (or run) id a button carries as its value; a ZodError for anything else. */
export function recordIdOf(value: unknown): number {
  return recordIdText.parse(value);
}

/** A modal's private_metadata, parsed as JSON and checked against `schema` (a SyntaxError or ZodError otherwise). */
export function metadataOf<T>(raw: unknown, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(z.string().min(1, 'private_metadata is empty').parse(raw)));
}

/** The value a button or select carried, as Slack sends it. */
export function actionValueOf(action: unknown): string {
  const parsed = z
    .object({ value: z.string().optional(), selected_option: z.object({ value: z.string() }).nullish() })
    .parse(action);
  return parsed.value ?? parsed.selected_option?.value ?? '';
}

/** The workspace an interaction, command or event came from. */
export function teamIdOf(body: unknown): string {
  const parsed = z
    .object({
      team_id: z.string().optional(),
      team: z.object({ id: z.string() }).nullish(),
      user: z.object({ team_id: z.string().optional() }).nullish(),
    })
    .parse(body);
  const teamId = parsed.team?.id ?? parsed.team_id ?? parsed.user?.team_id;
  if (!teamId)
    throw new z.ZodError([
      { code: 'custom', path: ['team'], message: 'no workspace id in the request', input: undefined },
    ]);
  return teamId;
}

const viewStateSchema = z.object({ state: z.object({ values: z.record(z.string(), z.unknown()) }) });

/** A submitted view's `state.values`; a ZodError (a refusal, not a crash) when the state is missing or not an object. */
export function stateValuesOf(view: unknown): Record<string, unknown> {
  return viewStateSchema.parse(view).state.values;
}
