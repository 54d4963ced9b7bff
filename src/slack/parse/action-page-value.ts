import { z } from 'zod';
import { recordIdSchema } from './interaction-values.ts';

/** A list of actions a Previous/Next button (or a Done in a list) names: an incident's, an owner's, or the overdue ones. */
export type ActionListTarget =
  | { scope: 'incident'; incidentId: number }
  | { scope: 'owner'; ownerId: string }
  | { scope: 'overdue' };

/** The button value for page `page` of a list: "i:12:2", "o:U0BOB:2", "d:-:2". */
export function actionPageValue(target: ActionListTarget, page: number): string {
  const arg = target.scope === 'incident' ? String(target.incidentId) : target.scope === 'owner' ? target.ownerId : '-';
  const letter = target.scope === 'incident' ? 'i' : target.scope === 'owner' ? 'o' : 'd';
  return `${letter}:${arg}:${page}`;
}

const pageValueSchema = z
  .string()
  .max(60)
  .regex(/^(i:\d{1,15}|o:[UW][A-Z0-9]{2,20}|d:-):\d{1,4}$/, 'expected "<scope>:<arg>:<page>"');

/** Reads a list button's value back; a ZodError for anything a list button would not carry. */
export function parseActionPageValue(value: unknown): { target: ActionListTarget; page: number } {
  const [scope, arg, page] = pageValueSchema.parse(value).split(':') as [string, string, string];
  const target: ActionListTarget =
    scope === 'i'
      ? { scope: 'incident', incidentId: recordIdSchema.parse(Number(arg)) }
      : scope === 'o'
        ? { scope: 'owner', ownerId: arg }
        : { scope: 'overdue' };
  return { target, page: z.number().int().min(1).parse(Number(page)) };
}
