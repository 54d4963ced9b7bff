import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { Clock } from '../platform/clock.ts';
import type { Queryable } from '../platform/db.ts';
import type { PeriodStats, StatsFilter } from './stats.ts';
import { type PeriodSpec, periodsFor, type StatsPeriod } from './stats-period.ts';
import { listKnownServices, loadPeriodStats, type StatsRules } from './stats-repo.ts';

export type StatsDeps = { db: Queryable; config: FirebreakConfig; clock: Clock };

/** A period's figures next to the period before; `unknownService` when the service was never named. */
export type StatsReport = {
  spec: PeriodSpec;
  filter: StatsFilter;
  current: PeriodStats;
  previous: PeriodStats;
  unknownService?: { suggestions: string[] };
};

/** The figures of `/incident stats` for a period and the one before it; never names a private incident. */
export async function incidentStats(
  deps: StatsDeps,
  input: { teamId: string; spec: PeriodSpec; filter: StatsFilter },
): Promise<StatsReport> {
  const now = deps.clock.now();
  const { current, previous } = periodsFor(input.spec, now, deps.config.timezone);
  const [currentStats, previousStats] = await Promise.all([
    periodStats(deps, { teamId: input.teamId, period: current, filter: input.filter }),
    periodStats(deps, { teamId: input.teamId, period: previous, filter: input.filter }),
  ]);
  const report: StatsReport = {
    spec: input.spec,
    filter: input.filter,
    current: currentStats,
    previous: previousStats,
  };
  if (input.filter.service !== undefined && currentStats.incidents + previousStats.incidents === 0) {
    const known = await listKnownServices(deps.db, { teamId: input.teamId, limit: 200 });
    if (!known.includes(input.filter.service)) report.unknownService = { suggestions: known.slice(0, 5) };
  }
  return report;
}

/** One period's figures under the workspace's rules. */
export function periodStats(
  deps: StatsDeps,
  input: { teamId: string; period: StatsPeriod; filter?: StatsFilter },
): Promise<PeriodStats> {
  return loadPeriodStats(deps.db, {
    teamId: input.teamId,
    period: input.period,
    filter: input.filter ?? {},
    now: deps.clock.now(),
    rules: statsRules(deps.config),
  });
}

/** What of the configuration the figures depend on. */
export function statsRules(config: FirebreakConfig): StatsRules {
  return {
    timeZone: config.timezone,
    nearMissSeverities: config.severities
      .filter((severity) => severity.near_miss ?? severity.name === 'near-miss')
      .map((severity) => severity.name),
    commanderSeverities: config.severities
      .filter((severity) => severity.roles_required.includes(config.commander_role))
      .map((severity) => severity.name),
    commanderRole: config.commander_role,
    roleNudgeMinutes: config.reminders.role_nudge_minutes,
    updateCadence: Object.fromEntries(
      config.severities.flatMap((severity) =>
        severity.update_cadence_minutes ? [[severity.name, severity.update_cadence_minutes]] : [],
      ),
    ),
  };
}
