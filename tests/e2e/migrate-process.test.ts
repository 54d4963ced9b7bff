import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsApplied, migrationsFolder, openDatabase, queryRows } from '../../src/platform/db.ts';
import { testDatabaseKind } from '../support/database.ts';

// `npm run migrate` runs exactly this (the Kubernetes init container too), with no Slack secrets in its environment.
function migrateProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/migrate.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An empty PostgreSQL database of its own, dropped after the test. */
async function emptyPostgresDatabase(): Promise<string> {
  const adminUrl = process.env.FIREBREAK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `firebreak_migrate_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

describe('npm run migrate', () => {
  it('applies every migration to a fresh embedded database and exits 0', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-migrate-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const { code, output } = await migrateProcess({ FIREBREAK_DATA_DIR: join(dataDir, 'db') });
    expect({ code, applied: output.includes('"msg":"migrations applied"') }).toEqual({ code: 0, applied: true });
    const database = await openDatabase({ dataDir: join(dataDir, 'db') });
    cleanups.unshift(() => database.close());
    expect(await migrationsApplied(database.db)).toBe(true);
  });

  it('stops with exit 1 and a line naming DATABASE_URL, never its value', async () => {
    const { code, output } = await migrateProcess({ DATABASE_URL: 'mysql://root:hunter22@db/firebreak' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(output).not.toContain('hunter22');
  });

  it.runIf(testDatabaseKind === 'postgres')('migrates once when two pods run it together', async () => {
    const url = await emptyPostgresDatabase();
    const runs = await Promise.all([migrateProcess({ DATABASE_URL: url }), migrateProcess({ DATABASE_URL: url })]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const database = await openDatabase({ databaseUrl: url });
    cleanups.unshift(() => database.close());
    const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
    const rows = await queryRows<{ count: string }>(
      database.db,
      sql`SELECT count(*) AS count FROM drizzle.__drizzle_migrations`,
    );
    // One row per migration: each was applied by one of the two, never both.
    expect(Number(rows[0]?.count)).toBe(journal.entries.length);
  });
});
