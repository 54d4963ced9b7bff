/** The moments of an incident that response metrics are measured between, in the order they happen. */
export const milestoneNames = [
  'started',
  'detected',
  'declared',
  'acknowledged',
  'mitigated',
  'resolved',
  'closed',
] as const;
export type MilestoneName = (typeof milestoneNames)[number];
