import type { OwnPostgres } from '../../chaos/own-postgres.ts';
import { openDatabase } from '../../src/platform/db.ts';
import type { TestDatabase } from './database.ts';

/** The app's database on an own server (chaos/own-postgres.ts), migrated, shaped as the harness takes it (reset is not needed: one test). */
export async function openOwnDatabase(server: OwnPostgres): Promise<TestDatabase> {
  const database = await openDatabase({ databaseUrl: server.url });
  await database.migrate();
  return { ...database, url: server.url, reset: async () => {}, destroy: () => database.close() };
}
