export const actionTypes = ['mitigation', 'corrective', 'preventive', 'detection', 'runbook', 'process'] as const;
export type ActionType = (typeof actionTypes)[number];
export const actionPriorities = ['p1', 'p2', 'p3'] as const;
export type ActionPriority = (typeof actionPriorities)[number];
export const actionStatuses = ['open', 'done', 'wont_do'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export function formatActionRef(number: number): string {
  return `ACT-${number}`;
}

export function parseActionRef(text: string): number | undefined {
  const match = /^act-?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}
