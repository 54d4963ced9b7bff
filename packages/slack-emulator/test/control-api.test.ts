import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { emulatorForTest, startFakeApp } from './helpers.ts';

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;
beforeAll(async () => {
  app = await startFakeApp(() => ({ body: { response_type: 'in_channel', text: 'Declared' } }));
  emulator = await emulatorForTest({ appUrl: app.url });
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

const control = (path: string, body?: unknown) =>
  fetch(
    `${emulator.baseUrl}/_emulator/${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
  );

describe('control API', () => {
  it('lists channels, runs commands, says things and renders', async () => {
    const channels = (await (await control('channels')).json()) as Array<{ name: string }>;
    expect(channels.map((channel) => channel.name)).toEqual(['general', 'incidents']);
    const command = await control('command', { userId: 'U0ALICE', channelId: 'incidents', text: 'declare db down' });
    expect(await command.json()).toMatchObject({ status: 200, json: { text: 'Declared' } });
    expect(app.last().body).toMatchObject({ command: '/incident', text: 'declare db down', channel_id: 'C0INCIDENTS' });
    const said = await control('say', { userId: 'U0BOB', channelId: 'C0INCIDENTS', text: 'on it' });
    expect(await said.json()).toMatchObject({ ts: expect.any(String) });
    const transcript = await (await control('render/incidents')).text();
    expect(transcript).toContain('firebreak [APP]: Declared');
    expect(transcript).toContain('bob: on it');
    const bad = await control('say', { userId: 'U0BOB' });
    expect(bad.status).toBe(400);
  });
});

describe('cli', () => {
  it('starts, prints the connection values and serves the Web API', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../src/cli.ts', import.meta.url)), '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('render/incidents')) resolve(text);
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${text}`)));
      });
      expect(output).toContain('SLACK_BOT_TOKEN=xoxb-emulator-token');
      expect(output).toContain('SLACK_SIGNING_SECRET=emulator-signing-secret');
      const apiUrl = /SLACK_API_URL=(\S+)/.exec(output)?.[1];
      const response = await fetch(`${apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-emulator-token' },
      });
      expect(await response.json()).toMatchObject({ ok: true, user_id: 'U0FBBOT' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
