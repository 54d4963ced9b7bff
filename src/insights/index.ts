export * from './stats.ts';
export * from './stats-period.ts';
export { listKnownServices, periodStatsQuery, type StatsRules } from './stats-repo.ts';
export { incidentStats, periodStats, type StatsDeps, type StatsReport, statsRules } from './stats-service.ts';
