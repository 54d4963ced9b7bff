import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { emulatorForTest, startFakeApp } from './helpers.ts';

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;

beforeEach(async () => {
  app = await startFakeApp();
  emulator = await emulatorForTest({ appUrl: app.url });
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

async function textSent(text: string): Promise<string> {
  await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text });
  return app.last().body.text;
}

describe('slash command escaping (the manifest’s should_escape)', () => {
  it('sends people and channels escaped with their names by default', async () => {
    expect(emulator.commandEscaping).toBe('escaped');
    expect(await textSent('role comms @bob')).toBe('role comms <@U0BOB|bob>');
    expect(await textSent('role comms <@U0BOB>')).toBe('role comms <@U0BOB|bob>');
    expect(await textSent('role comms <@U0BOB|bob>')).toBe('role comms <@U0BOB|bob>');
    expect(await textSent('@carol and @dave in #general')).toBe(
      '<@U0CAROL|carol> and <@U0DAVE|dave> in <#C0GENERAL|general>',
    );
  });

  it('leaves names nobody has, and addresses, as typed', async () => {
    expect(await textSent('role comms @nobody')).toBe('role comms @nobody');
    expect(await textSent('mail bob@example.com about #nowhere')).toBe('mail bob@example.com about #nowhere');
  });

  it('sends mentions as plain names when escaping is off', async () => {
    emulator.commandEscaping = 'plain';
    expect(await textSent('role comms <@U0BOB|bob>')).toBe('role comms @bob');
    expect(await textSent('role comms <@U0BOB> in <#C0GENERAL>')).toBe('role comms @bob in #general');
    expect(await textSent('role comms @bob')).toBe('role comms @bob');
  });

  it('takes the setting from startEmulator', async () => {
    const plain = await emulatorForTest({ appUrl: app.url, commandEscaping: 'plain' });
    await plain.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'role comms <@U0BOB|bob>' });
    await plain.close();
    expect(app.last().body.text).toBe('role comms @bob');
  });

  it('sends a crafted command’s text exactly as given', async () => {
    await emulator.craftedCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'role comms @bob <@U0BOB>' });
    expect(app.last().body.text).toBe('role comms @bob <@U0BOB>');
  });
});
