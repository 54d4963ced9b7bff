/**
 * Runs the Slack emulator standalone:
 *   npm run emulator -- --port 3001 --app-url http://127.0.0.1:3000/slack/events
 * (or EMULATOR_PORT / EMULATOR_APP_URL). Drive it with curl through the control API under /_emulator/.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'app-url': { type: 'string' },
    'no-rate-limits': { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.EMULATOR_PORT ?? 3001);
if (!Number.isInteger(port) || port < 0) throw new Error(`invalid port: ${values.port ?? process.env.EMULATOR_PORT}`);
const appUrl = values['app-url'] ?? process.env.EMULATOR_APP_URL;

const emulator = await startEmulator({ port, ...(appUrl ? { appUrl } : {}), rateLimits: !values['no-rate-limits'] });
const control = `${emulator.baseUrl}/_emulator`;
console.log(`Slack emulator listening
  SLACK_API_URL=${emulator.apiUrl}
  SLACK_BOT_TOKEN=${emulator.botToken}
  SLACK_SIGNING_SECRET=${emulator.signingSecret}
  SLACK_APP_TOKEN=${emulator.appToken}   (optional: Socket Mode instead of the app URL)
  app URL: ${emulator.appUrl ?? '(none: pass --app-url to send commands/events)'}
Try:
  curl ${control}/channels
  curl -XPOST ${control}/command -d '{"userId":"U0ALICE","channelId":"C0INCIDENTS","text":"declare database is down"}'
  curl -XPOST ${control}/say -d '{"userId":"U0BOB","channelId":"C0INCIDENTS","text":"looking"}'
  curl ${control}/render/incidents`);

const shutdown = (): void => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
