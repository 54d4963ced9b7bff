export * from './stats.ts';
export * from './stats-period.ts';
export { listKnownServices, periodStatsQuery, type StatsRules } from './stats-repo.ts';
export { incidentStats, periodStats, type StatsDeps, type StatsReport, statsRules } from './stats-service.ts';
export { digestWeeks, lastTwelveWeekStarts } from './week-starts.ts';
export { renderWeeklyChart, type WeeklyChart } from './weekly-chart.ts';
export type { WeeklyChartInput, WeeklyChartWeek } from './weekly-chart-input.ts';
