import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Database, openDatabase, queryRows } from '../../src/platform/db.ts';

/** Which database the suite runs on: PGlite by default, PostgreSQL when FIREBREAK_TEST_DB=postgres. */
export const testDatabaseKind = process.env.FIREBREAK_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
const adminUrl = process.env.FIREBREAK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = Database & {
  /** A URL other processes can open (PostgreSQL only). */
  url: string | undefined;
  /** Empties every table between tests. */
  reset(): Promise<void>;
  /** Closes and, for PostgreSQL, drops the database. */
  destroy(): Promise<void>;
};

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { ...database, url: undefined, reset: () => truncateAll(database), destroy: () => database.close() };
  }
  const name = `firebreak_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase({ databaseUrl: url });
  await database.migrate();
  return {
    ...database,
    url,
    reset: () => truncateAll(database),
    async destroy() {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function truncateAll(database: Database): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    database.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (tables.length === 0) return;
  await database.db.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY`));
}

/**
 * The hooks every database test file needs: one database for the file (created before its first
 * test, dropped after its last), emptied before each test. `receive` gets it once created.
 */
export function useTestDatabase(receive: (database: TestDatabase) => void | Promise<void>): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await receive(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    await database?.reset();
  });
}
