import type { RawSql } from './raw-sql.ts';

/** One ANALYZE the stand-in ran: which table, how many ms after it started. */
export type AnalyzeRun = { table: string; atMs: number };

export type AutoAnalyze = {
  /** False when the server runs autovacuum itself (nothing to stand in for) or the check failed. */
  active: boolean;
  /** The server's `autovacuum` setting ('on', 'off'), or undefined when it could not be read. */
  serverSetting: string | undefined;
  stop(): Promise<AnalyzeRun[]>;
};

// autovacuum's defaults: a table is analyzed once this many rows changed since the last ANALYZE.
const threshold = 50;
const scaleFactor = 0.1;

/**
 * Where the server runs without autovacuum (this VM's PostgreSQL has `autovacuum = off`; PGlite never runs it), ANALYZEs every
 * table autovacuum would (changed rows > 50 + 10 % of its rows) every `intervalMs`. Without it a table that
 * grows during a run (the outbox: 10,000 effects) keeps the statistics of when it was nearly empty, and the
 * planner picks plans for a handful of rows. autovacuum looks once per `autovacuum_naptime` (1 min by default).
 */
export async function startAutoAnalyze(
  raw: RawSql,
  intervalMs: number,
  options: { embedded: boolean },
): Promise<AutoAnalyze> {
  const [setting] = await raw.query<{ autovacuum: string }>('SHOW autovacuum', []).catch(() => []);
  // PGlite runs PostgreSQL in single-user mode: whatever the setting says, no autovacuum worker runs.
  const serverSetting = options.embedded
    ? `${setting?.autovacuum ?? '?'}, but embedded: no worker`
    : setting?.autovacuum;
  if (!options.embedded && setting?.autovacuum !== 'off') return { active: false, serverSetting, stop: async () => [] };
  const started = performance.now();
  const runs: AnalyzeRun[] = [];
  let stopped = false;
  let pass: Promise<void> = Promise.resolve();
  const check = async () => {
    const due = await raw.query<{ relname: string }>(
      `SELECT relname FROM pg_stat_user_tables WHERE n_mod_since_analyze > $1::float8 + $2::float8 * n_live_tup ORDER BY relname`,
      [threshold, scaleFactor],
    );
    for (const { relname } of due) {
      if (stopped) return;
      await raw.query(`ANALYZE "${relname.replaceAll('"', '""')}"`, []);
      runs.push({ table: relname, atMs: performance.now() - started });
    }
  };
  const timer = setInterval(() => {
    pass = pass.then(check).catch(() => {});
  }, intervalMs);
  return {
    active: true,
    serverSetting,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pass;
      return runs;
    },
  };
}
