import { recordAudit } from '../audit/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { inTransaction } from '../platform/transaction.ts';
import type { StatsFilter } from './stats.ts';
import { actionsCsv, incidentsCsv, listActionExportRows, listIncidentExportRows } from './stats-export.ts';
import { localPeriod, type PeriodSpec, periodsFor, type StatsPeriod } from './stats-period.ts';
import { statsRules } from './stats-service.ts';

/**
 * Queues the CSV export of a period's incidents and actions to the requester's direct messages. The
 * period's dates are fixed now, so a retry after midnight exports what was asked; the audit log says who.
 */
export async function requestStatsExport(
  deps: ServiceDeps,
  input: { teamId: string; userId: string; spec: PeriodSpec; filter: StatsFilter },
): Promise<StatsPeriod> {
  const { current } = periodsFor(input.spec, deps.clock.now(), deps.config.timezone);
  await inTransaction(deps, async (tx, effects) => {
    const range = { from: current.from, to: current.to, ...input.filter };
    await recordAudit(tx, [
      { teamId: input.teamId, incidentId: null, actorId: input.userId, action: 'stats.exported', after: range },
    ]);
    effects.add({
      teamId: input.teamId,
      stream: `dm:${input.userId}`,
      kind: 'stats.csv',
      payload: { userId: input.userId, ...range },
    });
  });
  return current;
}

/** The two CSV documents of a period, read now (an export shows the records as they are when it runs). */
export async function statsExportFiles(
  deps: Pick<ServiceDeps, 'db' | 'config' | 'clock'>,
  input: { teamId: string; from: string; to: string; filter: StatsFilter },
): Promise<{ period: StatsPeriod; incidents: number; actions: number; incidentsCsv: string; actionsCsv: string }> {
  const period = localPeriod(input.from, input.to, deps.config.timezone);
  const params = {
    teamId: input.teamId,
    period,
    filter: input.filter,
    now: deps.clock.now(),
    rules: statsRules(deps.config),
  };
  const [incidents, actions] = await Promise.all([
    listIncidentExportRows(deps.db, params),
    listActionExportRows(deps.db, params),
  ]);
  return {
    period,
    incidents: incidents.length,
    actions: actions.length,
    incidentsCsv: incidentsCsv(incidents),
    actionsCsv: actionsCsv(actions),
  };
}
