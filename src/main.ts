import { EnvError, parseEnv } from './config/env.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { type FollowingClock, followEmulatorClock } from './platform/emulator-clock.ts';
import { StartupError } from './platform/errors.ts';
import { createLogger } from './platform/logger.ts';
import { openMigratedDatabase, prepareDataDir } from './platform/open-migrated-database.ts';
import { installProcessGuards } from './platform/process-guards.ts';
import type { PostmortemTemplate } from './postmortems/index.ts';
import type { Runbook } from './runbooks/index.ts';

// The app, the database drivers and the runbooks pull in Bolt, drizzle and PGlite: seconds of module loading.
// They are imported lazily, so a bad environment or firebreak.yml is told without waiting for any of it.
const loadApp = () => import('./app/index.ts');
const loadRunbookModule = () => import('./runbooks/index.ts');
const loadTemplateModule = () => import('./postmortems/index.ts');

/** Composition root: environment → config → runbooks → logger → (database ∥ Slack identity) → app → serve. */
async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  let config: Awaited<ReturnType<typeof loadConfig>>;
  let runbooks: Runbook[];
  let postmortemTemplate: PostmortemTemplate;
  const runbookModule = loadRunbookModule();
  // Nothing may reject unobserved while the checks below run; it is awaited (and reported) where used.
  const templateModule = loadTemplateModule();
  runbookModule.catch(() => {});
  templateModule.catch(() => {});
  try {
    env = parseEnv(process.env);
    config = await loadConfig(env.configPath);
    // Every file is checked before the database is opened: a bad one must not leave a migrated database behind.
    runbooks = await (await runbookModule).loadRunbooks(config);
    postmortemTemplate = await (await templateModule).loadPostmortemTemplate(config.postmortem.template);
  } catch (error) {
    // The runbook and template modules are awaited only when it may be their error: an environment or config one is told at once.
    const known = error instanceof EnvError || error instanceof ConfigError;
    if (
      known ||
      error instanceof (await runbookModule).RunbookError ||
      error instanceof (await templateModule).PostmortemTemplateError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(env.logLevel);
  const clock = env.clock === 'emulator' ? await emulatorClock(env, logger) : undefined;
  const slack = {
    botToken: env.slackBotToken,
    signingSecret: env.slackSigningSecret,
    apiUrl: env.slackApiUrl,
    ...(env.slackAppToken ? { appToken: env.slackAppToken } : {}),
  };
  // Opening (and migrating) the database, loading the app and asking Slack who the bot is (auth.test) do not
  // depend on one another: done together. Both outcomes are awaited, so a refused token never stops the
  // process mid-migration.
  await prepareDataDir(env);
  const app = loadApp();
  const [opened, asked] = await Promise.allSettled([
    openMigratedDatabase(env),
    app.then(({ slackIdentity }) => slackIdentity(slack, logger)),
  ]);
  if (opened.status === 'rejected') throw opened.reason;
  const database = opened.value;
  logger.info({ database: database.kind }, 'migrations applied');
  if (asked.status === 'rejected') {
    await database.close().catch(() => {});
    throw asked.reason;
  }
  const { createFirebreak } = await app;
  const firebreak = await createFirebreak({
    database,
    config,
    runbooks,
    postmortemTemplate,
    logger,
    http: env.http,
    ...(clock ? { clock } : {}),
    slack: { ...slack, ...(clock ? { requestClock: clock } : {}) },
    identity: asked.value,
  });
  const port = await firebreak.start(env.port);
  logger.info({ port, mode: env.slackAppToken ? 'socket' : 'http' }, 'Firebreak is listening');
  // Only now: a failure before this point is a failed start, reported below and fatal.
  installProcessGuards(logger);
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    clock?.stop();
    await firebreak.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** FIREBREAK_CLOCK=emulator: Firebreak's time follows the Slack emulator's movable clock (hand sessions only). */
async function emulatorClock(
  env: ReturnType<typeof parseEnv>,
  logger: ReturnType<typeof createLogger>,
): Promise<FollowingClock> {
  const clock = await followEmulatorClock(env.slackApiUrl, {
    onError: (error) => logger.warn({ err: error }, "cannot read the emulator's clock; keeping the last offset"),
  });
  logger.warn({ offsetMs: clock.offsetMs() }, "FIREBREAK_CLOCK=emulator: following the Slack emulator's clock");
  return clock;
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) process.stderr.write(`Firebreak cannot start: ${error.message}\n`);
  else process.stderr.write(`Firebreak failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
