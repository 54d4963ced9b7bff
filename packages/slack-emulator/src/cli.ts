/**
 * The Slack emulator's command line.
 *   npm run emulator -- --port 3001 --app-url http://127.0.0.1:3000/slack/events   starts one
 *   (or EMULATOR_PORT / EMULATOR_APP_URL; --manifest for the app's shortcuts, default ./manifest.yml;
 *   --no-rate-limits, or --post-message-per-minute N for the workspace cap on chat.postMessage);
 *   npm run emulator -- [--url http://127.0.0.1:3001] <subcommand> …   drives a running one through
 *   its control API (see cli-client.ts and README, "Driving it by hand").
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSubcommand } from './cli-client.ts';
import { startEmulator } from './index.ts';
import { readManifestShortcuts } from './manifest-shortcuts.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    'app-url': { type: 'string' },
    'no-rate-limits': { type: 'boolean', default: false },
    'post-message-per-minute': { type: 'string' },
    manifest: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
  },
});

const [subcommand, ...args] = positionals;
if (subcommand !== undefined) {
  process.exitCode = await runSubcommand(values.url, subcommand, args).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  });
} else {
  await serve();
}

async function serve(): Promise<void> {
  const port = Number(values.port ?? process.env.EMULATOR_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0) throw new Error(`invalid port: ${values.port ?? process.env.EMULATOR_PORT}`);
  const appUrl = values['app-url'] ?? process.env.EMULATOR_APP_URL;
  const manifest = values.manifest ?? (existsSync('manifest.yml') ? 'manifest.yml' : undefined);
  const shortcuts = manifest ? readManifestShortcuts(manifest) : [];
  const postCap = values['post-message-per-minute'];
  if (postCap !== undefined && !/^[1-9]\d*$/.test(postCap))
    throw new Error(`--post-message-per-minute takes a whole number ≥ 1, got '${postCap}'`);
  const emulator = await startEmulator({
    port,
    ...(appUrl ? { appUrl } : {}),
    rateLimits: !values['no-rate-limits'],
    ...(postCap !== undefined ? { postMessagePerMinute: Number(postCap) } : {}),
    shortcuts,
  });
  const control = `${emulator.baseUrl}/_emulator`;
  const { rateLimits } = emulator;
  const limits = rateLimits.enabled
    ? `on (chat.postMessage: ${rateLimits.postMessagePerMinute}/min per workspace, 1/s per channel)`
    : 'off';
  console.log(`Slack emulator listening
  SLACK_API_URL=${emulator.apiUrl}
  SLACK_BOT_TOKEN=${emulator.botToken}
  SLACK_SIGNING_SECRET=${emulator.signingSecret}
  SLACK_APP_TOKEN=${emulator.appToken}   (optional: Socket Mode instead of the app URL)
  app URL: ${emulator.appUrl ?? '(none: pass --app-url to send commands/events)'}
  shortcuts: ${shortcuts.map((s) => s.name).join(', ') || '(none: pass --manifest)'}
  rate limits: ${limits}
Try (FIREBREAK_CLOCK=emulator on the app lets 'clock advance' move its time too):
  curl ${control}/channels
  curl -XPOST ${control}/command -d '{"user":"alice","channel":"#incidents","text":"declare sev2 Checkout slow"}'
  npm run emulator -- --url ${emulator.baseUrl} say bob '#incidents' looking
  curl ${control}/render/incidents`);

  const shutdown = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
