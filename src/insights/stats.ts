import type { StatsPeriod } from './stats-period.ts';

/** What `/incident stats` is asked for: a period, and at most one severity and one service. */
export type StatsFilter = { severity?: string; service?: string };

/** The response times DOMAIN.md defines, each measured between two milestones of one incident. */
export const responseMetricIds = [
  'time_to_detect',
  'time_to_acknowledge',
  'time_to_mitigate',
  'time_to_restore',
  'time_to_restore_from_detection',
] as const;
export type ResponseMetricId = (typeof responseMetricIds)[number];

/**
 * One response time over a period's incidents. Incidents without both milestones, or with the later
 * one before the earlier (a back-dated correction not yet made whole), are "not measured", never zero.
 * Median and p90 are percentile_cont (linear interpolation, as spreadsheets' PERCENTILE.INC).
 */
export type DurationSummary = {
  measured: number;
  notMeasured: number;
  /** Of the not measured: incidents whose milestones are out of order. */
  inconsistent: number;
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
};

/** A share of something done on time: `onTime` of `onTime + late`; `pending` are not yet due. */
export type OnTimeShare = { onTime: number; late: number; pending: number };

/** The incidents counted apart from real ones: drills, and near-misses (by severity). */
export type ApartCount = { count: number; resolved: number; medianRestoreMs: number | null };

/** Every figure of one period, computed in SQL from Firebreak's own milestones and records. */
export type PeriodStats = {
  period: StatsPeriod;
  /** Real incidents: not drills, not near-misses. Private ones are counted here, never named. */
  incidents: number;
  privateIncidents: number;
  bySeverity: Array<{ severity: string; count: number }>;
  /** Public real incidents per service (an incident on two services counts for each). */
  byService: Array<{ service: string; count: number }>;
  /** Public real incidents with no service named. */
  withoutService: number;
  drills: ApartCount;
  nearMisses: ApartCount;
  response: Record<ResponseMetricId, DurationSummary>;
  /** Real incidents with a service, and how many of them followed another on a shared service within N days. */
  repeats: { withService: number; within30: number; within60: number; within90: number };
  /** Postmortems due in the period: published by their due time, or late (published after, or still not). */
  postmortems: OnTimeShare;
  /** Actions due in the period: done by the end of their due day, or late; won't-do ones apart. */
  actions: OnTimeShare & { declined: number };
  /** Updates sent for the period's incidents that had a due time: sent by it, or after. */
  updates: OnTimeShare;
  /** Incidents of severities that require a commander: with one within `reminders.role_nudge_minutes`. */
  roleCoverage: { covered: number; total: number };
};

/** Whether a service was ever named on an incident of the workspace, so a typo is told apart from a quiet service. */
export type ServiceKnown = { known: boolean; suggestions: string[] };
