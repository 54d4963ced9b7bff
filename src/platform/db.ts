import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

// Queries name their tables (each capability's *.sql.ts); no relational schema is registered, so the
// database layer knows no capability.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  /**
   * Connections reserved for storing incoming requests, so an acknowledgement never queues behind
   * domain transactions and Slack effects for a pooled connection (the same as `db` on PGlite).
   */
  ackDb: Db;
  kind: 'postgres' | 'pglite';
  /** Applies every migration in db/migrations that has not run yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));

/**
 * How the postgres.js pools meet a database that goes away and comes back. A connection attempt gives up
 * after 2 s (default 30 s: a query waited that long before failing). postgres.js waits before each new
 * attempt, growing with every failure in a row (3^n / 100 s, up to 20 s), so after a ten-second outage the
 * first query once the server was back still waited seconds: the wait here stays under half a second.
 */
const outageTolerant = {
  onnotice: () => {},
  connect_timeout: 2,
  backoff: (failures: number) => Math.min(0.05 * 2 ** failures, 0.5),
} satisfies postgres.Options<Record<string, postgres.PostgresType>>;

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite persisted in dataDir ('memory://' for none). */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
}): Promise<Database> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolSize ?? 10,
      ...outageTolerant,
      connection: { application_name: 'firebreak' },
    });
    const db = drizzlePostgres(preparingClient(client)) as unknown as Db;
    const ackClient = postgres(options.databaseUrl, {
      max: 2,
      ...outageTolerant,
      connection: { application_name: 'firebreak-inbox' },
    });
    const ackDb = drizzlePostgres(preparingClient(ackClient)) as unknown as Db;
    return {
      db,
      ackDb,
      kind: 'postgres',
      migrate: () => withMigrationLock(db, () => migratePostgres(db as never, { migrationsFolder })),
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), ackClient.end({ timeout: 5 })]);
      },
    };
  }
  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    ackDb: db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * drizzle runs its queries through postgres.js `unsafe(…, { prepare: false })`, and postgres.js sends an
 * unprepared query with parameters in two round trips (Parse + Describe, wait for the parameter types,
 * then Bind + Execute). Prepared, the types are known from the second run on: one round trip, half the
 * messages and wake-ups on both sides. postgres.js keeps prepared statements per connection (keyed by
 * text and types); connections are recycled after `max_lifetime`, which bounds that cache.
 */
function preparingClient(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        // Transactions run on a client of their own: prepare there too.
        return (...args: unknown[]) => {
          const body = args.at(-1) as (sql: postgres.Sql) => unknown;
          const open = (target as unknown as Record<string, (...rest: unknown[]) => unknown>)[property] as (
            ...rest: unknown[]
          ) => unknown;
          return open.call(target, ...args.slice(0, -1), (inner: postgres.Sql) => body(preparingClient(inner)));
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// Replicas start together in production: an advisory lock makes exactly one apply migrations.
async function withMigrationLock(db: Db, run: () => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(724519)`);
    await run();
  });
}

/** Runs a raw query and returns its rows, hiding the two drivers' different result shapes. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** True when every migration shipped in db/migrations has been applied. */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  const rows = await queryRows<{ count: number | string }>(
    db,
    sql`SELECT count(*) AS count FROM drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.count ?? 0) >= journal.entries.length;
}
