import { EnvError, parseDatabaseEnv } from './config/env.ts';
import { StartupError } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';
import { openMigratedDatabase, prepareDataDir } from './platform/open-migrated-database.ts';

/**
 * Applies pending migrations and exits (0 when the schema is current, 1 with the reason otherwise). Needs only
 * DATABASE_URL (or FIREBREAK_DATA_DIR), never Slack's secrets: it runs as a Kubernetes init container, where a
 * long migration is not cut short by the app's probes. On PostgreSQL the advisory lock in `migrate` makes
 * concurrent runs (several pods, or this and the app, which migrates at start too) apply each migration once.
 */
async function migrateOnly(): Promise<void> {
  const env = parseDatabaseEnv(process.env);
  const logger = createLogger(env.logLevel);
  await prepareDataDir(env);
  const database = await openMigratedDatabase(env);
  await database.close();
  logger.info({ database: database.kind }, 'migrations applied');
}

migrateOnly().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof EnvError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof StartupError) process.stderr.write(`Firebreak cannot migrate: ${error.message}\n`);
    else
      process.stderr.write(`Firebreak failed to migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
