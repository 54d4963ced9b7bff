import { z } from 'zod';

const milliseconds = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int({ error: 'must be a whole number of milliseconds' })
  .min(100, { error: 'must be at least 100 (milliseconds)' })
  .max(300_000, { error: 'must be at most 300000 (five minutes)' });

/** Every environment variable Firebreak reads, one schema each (its default, if any, included); everything else comes from firebreak.yml. */
export const envVariables = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the Bot User OAuth Token, xoxb-…)' })
    .regex(/^xoxb-/, { error: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: z
    .string({ error: 'is required (Basic Information → Signing Secret)' })
    .min(8, { error: 'looks too short to be a signing secret' }),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, { error: 'must be an app-level token starting with xapp- (Socket Mode)' })
    .optional(),
  SLACK_API_URL: z
    .url({ error: 'must be a URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  FIREBREAK_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
    .default(3000),
  FIREBREAK_CONFIG: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FIREBREAK_HEADERS_TIMEOUT_MS: milliseconds.default(10_000),
  FIREBREAK_REQUEST_TIMEOUT_MS: milliseconds.default(10_000),
  // Hand sessions on the Slack emulator only: follow its movable clock (GET <emulator>/_emulator/clock).
  FIREBREAK_CLOCK: z
    .enum(['system', 'emulator'], {
      error: "must be 'system' (default) or 'emulator' (follow the Slack emulator's clock)",
    })
    .default('system'),
});

const envSchema = envVariables
  // Node refuses a header timeout longer than the whole-request one.
  .refine((env) => env.FIREBREAK_HEADERS_TIMEOUT_MS <= env.FIREBREAK_REQUEST_TIMEOUT_MS, {
    path: ['FIREBREAK_HEADERS_TIMEOUT_MS'],
    error: 'must not be longer than FIREBREAK_REQUEST_TIMEOUT_MS',
  })
  .transform((env) => ({
    slackBotToken: env.SLACK_BOT_TOKEN,
    slackSigningSecret: env.SLACK_SIGNING_SECRET,
    slackAppToken: env.SLACK_APP_TOKEN,
    slackApiUrl: env.SLACK_API_URL,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.FIREBREAK_DATA_DIR,
    port: env.PORT,
    configPath: env.FIREBREAK_CONFIG,
    logLevel: env.LOG_LEVEL,
    clock: env.FIREBREAK_CLOCK,
    http: { headersTimeoutMs: env.FIREBREAK_HEADERS_TIMEOUT_MS, requestTimeoutMs: env.FIREBREAK_REQUEST_TIMEOUT_MS },
  }));

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Firebreak cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment, or throws EnvError with one line per problem and never a value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(envSchema, source);
}

const databaseEnvSchema = envVariables
  .pick({ DATABASE_URL: true, FIREBREAK_DATA_DIR: true, LOG_LEVEL: true })
  .transform((env) => ({ databaseUrl: env.DATABASE_URL, dataDir: env.FIREBREAK_DATA_DIR, logLevel: env.LOG_LEVEL }));

/** Where the database is: what migrating needs (no Slack secrets), or EnvError with one line per problem and never a value. */
export function parseDatabaseEnv(source: Record<string, string | undefined>): DatabaseEnv {
  return parseWith(databaseEnvSchema, source);
}

// An empty variable counts as unset, as a shell's `FOO=` means; a problem names the variable, never its value.
function parseWith<T>(schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
}

export type DatabaseEnv = z.output<typeof databaseEnvSchema>;
