import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { Database } from '../src/platform/db.ts';

/** Plain SQL on the bench database, without Firebreak's code or drizzle in the way. */
export type RawSql = {
  /** Runs one parameterized statement (`$1`, `$2`, …) and returns its rows. */
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
  /** 'postgres.js, pool of 10' or 'PGlite (one in-process connection)'. */
  label: string;
  close(): Promise<void>;
};

/**
 * On PostgreSQL, a postgres.js pool of `poolSize` connections of its own to `url` (prepared statements, the
 * postgres.js default for tagged queries). On PGlite, the app's own in-process instance: an in-memory
 * database cannot be opened twice, and PGlite runs one query at a time whatever the caller does.
 */
export function openRawSql(database: Database, url: string | undefined, poolSize: number): RawSql {
  if (url) {
    const sql = postgres(url, {
      max: poolSize,
      onnotice: () => {},
      connection: { application_name: 'firebreak-bench-raw' },
    });
    return {
      query: async <T>(text: string, params: readonly unknown[]) =>
        (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[],
      label: `postgres.js, pool of ${poolSize}`,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return {
    query: async <T>(text: string, params: readonly unknown[]) =>
      (await client.query<T>(text, params as unknown[])).rows,
    label: 'PGlite (the one in-process connection)',
    close: async () => {},
  };
}
