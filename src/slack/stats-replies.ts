import { describeSeverities } from '../incidents/index.ts';
import { statsRules } from '../insights/index.ts';
import { DomainError } from '../platform/errors.ts';
import type { StatsContext } from './blocks/stats-answer.ts';
import { formatStatsQuery, type StatsArgsParsed, type StatsQuery } from './parse/stats-args.ts';
import type { SlackServices } from './services.ts';

/** What to fix in the words after `/incident stats`, as the same error a command or button shows. */
export function statsProblem(services: SlackServices, problem: Extract<StatsArgsParsed, { ok: false }>): DomainError {
  return new DomainError(
    `stats.args_${problem.code}`,
    services.copy.render(`stats.problem.${problem.code}`, {
      detail: problem.detail,
      severities: describeSeverities(services.config),
    }),
    'mrkdwn',
  );
}

/** The workspace's rules the answer names beside its figures. */
export function statsContext(services: SlackServices, query: StatsQuery): StatsContext {
  const rules = statsRules(services.config);
  return {
    severityLabels: Object.fromEntries(services.config.severities.map((s) => [s.name, s.label ?? s.name])),
    commanderSeverities: rules.commanderSeverities,
    roleNudgeMinutes: rules.roleNudgeMinutes,
    exportValue: formatStatsQuery(query),
  };
}
