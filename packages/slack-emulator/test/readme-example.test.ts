/** The README's "Testing a Bolt app on it" example, run as written (on a free port), so it stays true. */
import { App, LogLevel } from '@slack/bolt';
import { expect, it } from 'vitest';
import { startEmulator } from '../src/index.ts';
import { freePort, silentLogger, waitFor } from './helpers.ts';

it('runs the README example: a Bolt app answers /hello in the emulated workspace', async () => {
  const port = await freePort();
  const emulator = await startEmulator({ appUrl: `http://127.0.0.1:${port}/slack/events` });
  const app = new App({
    token: emulator.botToken,
    signingSecret: emulator.signingSecret,
    clientOptions: { slackApiUrl: emulator.apiUrl },
    logLevel: LogLevel.ERROR,
    logger: { ...silentLogger, getLevel: () => LogLevel.ERROR },
  });
  app.command('/hello', async ({ ack, say }) => {
    await ack();
    await say('Hello!');
  });
  await app.start(port);
  try {
    const reply = await emulator.slashCommand({ command: '/hello', userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
    expect(reply.status).toBe(200);
    expect(await waitFor(() => emulator.render('#incidents').includes('Hello!'))).toBe(true);
  } finally {
    await app.stop();
    await emulator.close();
  }
});
