import { mkdir } from 'node:fs/promises';
import type { Database } from './db.ts';
import { StartupError } from './errors.ts';

/** Where the database is: DATABASE_URL (PostgreSQL) or FIREBREAK_DATA_DIR (embedded PGlite). */
export type DatabaseLocation = { databaseUrl?: string | undefined; dataDir: string };

/** Creates the embedded database's folder; a failure names FIREBREAK_DATA_DIR and the path, before anything else runs. */
export async function prepareDataDir(location: DatabaseLocation): Promise<void> {
  if (location.databaseUrl || location.dataDir.startsWith('memory://')) return;
  // Fails at once with the path, where PGlite would fail later and less clearly.
  await mkdir(location.dataDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new StartupError(`FIREBREAK_DATA_DIR ${location.dataDir} cannot be created (${error.code ?? error.message})`);
  });
}

/** Opens and migrates the database; a failure names DATABASE_URL (never its password) or FIREBREAK_DATA_DIR. */
export async function openMigratedDatabase(location: DatabaseLocation): Promise<Database> {
  const where = location.databaseUrl
    ? `the database at DATABASE_URL ${databaseAddress(location.databaseUrl)}`
    : `the embedded database in FIREBREAK_DATA_DIR ${location.dataDir}`;
  let database: Database;
  try {
    // Lazily: drizzle, postgres.js and PGlite take a while to load, and a bad environment is told before.
    const { openDatabase } = await import('./db.ts');
    database = await openDatabase({
      ...(location.databaseUrl ? { databaseUrl: location.databaseUrl } : {}),
      dataDir: location.dataDir,
    });
  } catch (error) {
    throw new StartupError(`cannot open ${where} (${causeOf(error)})`);
  }
  try {
    await database.migrate();
  } catch (error) {
    await database.close().catch(() => {});
    const cause = causeOf(error);
    throw new StartupError(`${unreachable.has(cause) ? 'cannot reach' : 'cannot migrate'} ${where} (${cause})`);
  }
  return database;
}

// postgres.js connects lazily, so an unreachable server shows up at the first query: the migration.
const unreachable = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'CONNECT_TIMEOUT']);

/** host:port/database of a postgres URL: enough to find it, and no user or password. */
function databaseAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

// A code (ECONNREFUSED, 28P01) says what failed without quoting anything that may hold a secret.
function causeOf(error: unknown): string {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
