import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import { countOpenActions } from '../actions/index.ts';
import { countOpenIncidentsBySeverity } from '../incidents/index.ts';
import { outboxStats } from '../outbox/index.ts';
import type { Clock } from '../platform/clock.ts';
import { type Db, migrationsApplied } from '../platform/db.ts';
import { settleWithin } from '../platform/deadline.ts';
import { localDateOf } from '../platform/local-time.ts';
import type { Metrics } from '../platform/metrics.ts';
import { countOverduePostmortems } from '../postmortems/index.ts';
import { jobStats, lastJobSuccesses } from '../scheduler/index.ts';

const readyTimeoutMs = 800;

type Route = { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void };

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** What /metrics needs from the configuration: the severities (each gets a series) and the zone "today" is in. */
export type MetricsScope = { severities: string[]; timezone: string };

/** /healthz (process up), /readyz (database reachable, migrations applied), /metrics (Prometheus). */
export function operationalRoutes(db: Db, metrics: Metrics, clock: Clock, scope: MetricsScope): Route[] {
  const { severities, timezone } = scope;
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => send(res, 200, 'ok\n') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        void (async () => {
          // A load balancer's probe needs an answer, not a hung connection: the database gets 0.8 s.
          const check = (async () => {
            await db.execute(sql`SELECT 1`);
            return migrationsApplied(db);
          })();
          const outcome = await settleWithin(check, readyTimeoutMs);
          if (outcome.state === 'pending')
            return send(res, 503, `database did not answer within ${readyTimeoutMs} ms\n`);
          if (outcome.state === 'rejected') return send(res, 503, 'database unreachable\n');
          send(res, outcome.value ? 200 : 503, outcome.value ? 'ready\n' : 'migrations pending\n');
        })();
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        void (async () => {
          try {
            const stats = await outboxStats(db);
            metrics.outboxDepth.set({ status: 'pending' }, stats.pending);
            metrics.outboxDepth.set({ status: 'running' }, stats.running);
            metrics.outboxDepth.set({ status: 'dead' }, stats.dead);
            metrics.outboxLag.set(stats.oldestPendingSeconds);
            const jobs = await jobStats(db, clock.now());
            metrics.jobsDepth.set({ state: 'pending' }, jobs.pending);
            metrics.jobsDepth.set({ state: 'due' }, jobs.due);
            metrics.jobsDepth.set({ state: 'dead' }, jobs.dead);
            metrics.jobsLag.set(jobs.lagSeconds);
            // Every configured severity has a series (0 included); a severity no longer configured still shows while open.
            const open = await countOpenIncidentsBySeverity(db, { limit: severities.length + 20 });
            metrics.openIncidents.reset();
            for (const severity of severities) metrics.openIncidents.set({ severity }, 0);
            for (const row of open) metrics.openIncidents.set({ severity: row.severity }, row.open);
            const now = clock.now();
            const actions = await countOpenActions(db, { today: localDateOf(now, timezone) });
            metrics.openActions.set(actions.open);
            metrics.overdueActions.set(actions.overdue);
            metrics.overduePostmortems.set(await countOverduePostmortems(db, { now }));
            // Kinds are the registered handlers' (a bounded set); workspaces are folded in so labels stay few.
            const runs = await lastJobSuccesses(db);
            metrics.jobLastSuccess.reset();
            for (const run of runs) metrics.jobLastSuccess.set({ job: run.kind }, run.at.getTime() / 1000);
          } catch {
            // Still serve process metrics when the database is down.
          }
          send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
        })();
      },
    },
  ];
}
