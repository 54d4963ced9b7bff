export type { Digest, DigestIncident, DigestIncidents } from './digest.ts';
export { digestHandler, digestJob, planDigest } from './digest-job.ts';
export { comparisonWeeks, loadDigest } from './digest-service.ts';
export { digestedWeekStart, digestSchedule, latestDigestSlot, mondayOf, nextDigestSlot } from './digest-week.ts';
export * from './stats.ts';
export {
  type ActionExportRow,
  actionsCsv,
  type IncidentExportRow,
  incidentsCsv,
  listActionExportRows,
  listIncidentExportRows,
} from './stats-export.ts';
export { requestStatsExport, statsExportFiles } from './stats-export-service.ts';
export * from './stats-period.ts';
export { listKnownServices, periodStatsQuery, type StatsRules } from './stats-repo.ts';
export { incidentStats, periodStats, type StatsDeps, type StatsReport, statsRules } from './stats-service.ts';
export { axisDate } from './week-labels.ts';
export { digestWeeks, lastTwelveWeekStarts } from './week-starts.ts';
export { renderWeeklyChart, type WeeklyChart } from './weekly-chart.ts';
export type { WeeklyChartInput, WeeklyChartWeek } from './weekly-chart-input.ts';
