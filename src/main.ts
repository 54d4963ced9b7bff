import { createFirebreak } from './app/index.ts';
import { EnvError, parseEnv } from './config/env.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { openDatabase } from './platform/db.ts';
import { createLogger } from './platform/logger.ts';
import { installProcessGuards } from './platform/process-guards.ts';

/** Composition root: environment → config → logger → database → app → serve. */
async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    env = parseEnv(process.env);
    config = await loadConfig(env.configPath);
  } catch (error) {
    if (error instanceof EnvError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env.logLevel);
  const database = await openDatabase({
    ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : {}),
    dataDir: env.dataDir,
  });
  await database.migrate();
  logger.info({ database: database.kind }, 'migrations applied');
  const firebreak = await createFirebreak({
    database,
    config,
    logger,
    http: env.http,
    slack: {
      botToken: env.slackBotToken,
      signingSecret: env.slackSigningSecret,
      apiUrl: env.slackApiUrl,
      ...(env.slackAppToken ? { appToken: env.slackAppToken } : {}),
    },
  });
  const port = await firebreak.start(env.port);
  logger.info({ port, mode: env.slackAppToken ? 'socket' : 'http' }, 'Firebreak is listening');
  // Only now: a failure before this point is a failed start, reported below and fatal.
  installProcessGuards(logger);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await firebreak.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Firebreak failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
