import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** Where scratch databases are created unless CHAOS_PG_URL says otherwise (trust auth, as the test suite's). */
export const defaultAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export type ScratchDatabase = {
  /** postgres://… of the new, empty database (Firebreak migrates it when it starts). */
  url: string;
  /** A small pool for the scenario's own checks. */
  sql: postgres.Sql;
  /** Closes the pool and drops the database, whoever is still connected. */
  drop(): Promise<void>;
};

/** A fresh database of its own on the server at `adminUrl`, dropped by `drop()`. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `firebreak_chaos_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
