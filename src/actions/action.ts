import { z } from 'zod';

/** What an action does for the system; "post-facto change review" is a `process` action. */
export const actionTypes = ['mitigation', 'corrective', 'preventive', 'detection', 'runbook', 'process'] as const;
export type ActionType = (typeof actionTypes)[number];
export const actionTypeSchema = z.enum(actionTypes);

export const actionPriorities = ['p1', 'p2', 'p3'] as const;
export type ActionPriority = (typeof actionPriorities)[number];
export const actionPrioritySchema = z.enum(actionPriorities);

// A snoozed action stays `open` with a later due date, so "open and past due" alone means overdue.
export const actionStatuses = ['open', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusSchema = z.enum(actionStatuses);

/** An issue key in a tracker such as Jira or Linear: "OPS-123". */
export const trackerKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/);

/** The reference people type and read for action number `number`: 17 → "ACT-17". */
export function formatActionRef(number: number): string {
  return `ACT-${number}`;
}

/**
 * The number in an action reference ("ACT-17", "act17", "act-17", any case), or undefined when the
 * text is not one; numbers start at 1.
 */
export function parseActionRef(text: string): number | undefined {
  const match = /^act-?(\d{1,9})$/i.exec(text.trim());
  const number = match ? Number(match[1]) : 0;
  return number >= 1 ? number : undefined;
}
