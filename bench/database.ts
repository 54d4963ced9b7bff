import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../src/platform/db.ts';

/** A migrated database of the bench's own, and how to get rid of it. */
export type BenchDatabase = {
  database: Database;
  /** Human-readable: which engine, and where. */
  label: string;
  /** Connection URL of the bench's own database (PostgreSQL only; PGlite lives in this process). */
  url?: string;
  /** Closes the database and, on PostgreSQL, drops it. */
  destroy(): Promise<void>;
};

/**
 * PostgreSQL when `databaseUrl` is given (a fresh `firebreak_bench_<random>` database created on that
 * server, dropped by `destroy`), else embedded PGlite in memory. Migrated either way.
 */
export async function openBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  if (!databaseUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { database, label: 'PGlite (embedded, in memory)', destroy: () => database.close() };
  }
  const name = `firebreak_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(databaseUrl, (admin) => admin.unsafe(`CREATE DATABASE ${name}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
    await database.migrate();
  } catch (error) {
    await database?.close().catch(() => {});
    await dropDatabase(databaseUrl, name);
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    url: url.toString(),
    label: `PostgreSQL ${await serverVersion(databaseUrl)} at ${url.host}, database ${name}`,
    async destroy() {
      await opened.close();
      await dropDatabase(databaseUrl, name);
    },
  };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (admin) => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function serverVersion(adminUrl: string): Promise<string> {
  const rows = await withAdmin(adminUrl, (admin) => admin.unsafe('SHOW server_version'));
  return String((rows[0] as { server_version?: string } | undefined)?.server_version ?? '?');
}

async function withAdmin<T>(adminUrl: string, run: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'firebreak-bench' } });
  try {
    return await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
