import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import { outboxStats } from '../outbox/index.ts';
import { type Db, migrationsApplied } from '../platform/db.ts';
import { jobStats } from '../scheduler/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Metrics } from '../platform/metrics.ts';

type Route = { path: string; method: string[]; handler: (req: IncomingMessage, res: ServerResponse) => void };

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** /healthz (process up), /readyz (database reachable, migrations applied), /metrics (Prometheus). */
export function operationalRoutes(db: Db, metrics: Metrics, clock: Clock): Route[] {
  return [
    { path: '/healthz', method: ['GET'], handler: (_req, res) => send(res, 200, 'ok\n') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        void (async () => {
          try {
            await db.execute(sql`SELECT 1`);
            if (!(await migrationsApplied(db))) return send(res, 503, 'migrations pending\n');
            send(res, 200, 'ready\n');
          } catch {
            send(res, 503, 'database unreachable\n');
          }
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
          } catch {
            // Still serve process metrics when the database is down.
          }
          send(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
        })();
      },
    },
  ];
}
