import type { LocalDate } from '../platform/local-time.ts';
import type { PeriodStats } from './stats.ts';
import type { WeeklyChartWeek } from './weekly-chart-input.ts';

/** A real incident declared or resolved in the digested week; a private one has no number, title or channel. */
export type DigestIncidentRow = {
  number: number | null;
  title: string | null;
  severity: string;
  isPrivate: boolean;
  channelId: string | null;
  opened: boolean;
  resolved: boolean;
};

/** A public incident as the digest names it. */
export type DigestIncident = { ref: string; title: string; severity: string; channelId: string | null };

/** Incidents of one kind in the week: public ones named, private ones only counted, and all by severity. */
export type DigestIncidents = {
  total: number;
  listed: DigestIncident[];
  privateCount: number;
  bySeverity: Array<{ severity: string; count: number }>;
};

export type DigestWeekRow = WeeklyChartWeek;

/**
 * Every figure of one week's reliability digest. Real incidents only in the main figures; drills and
 * near-misses on their own; no figure about any one person.
 */
export type Digest = {
  /** The Monday the week began, and the last day (Sunday), in the configured zone. */
  weekStart: LocalDate;
  weekEnd: LocalDate;
  /** The week's figures, and those of the four weeks before it (the comparison). */
  week: PeriodStats;
  previous: PeriodStats;
  opened: DigestIncidents;
  resolved: DigestIncidents;
  postmortems: { dueOnTime: number; dueLate: number; duePending: number; overdueNow: number };
  actions: { closed: number; declined: number; overdueNow: number; dueOnTime: number; dueLate: number };
  drills: { opened: number; resolved: number };
  nearMisses: { opened: number; resolved: number };
  /** The twelve weeks ending with this one, oldest first, every week present (zeros when quiet). */
  series: DigestWeekRow[];
};
