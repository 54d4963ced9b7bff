import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.ts';
import { emulatorClockUrl, type FollowingClock, followEmulatorClock } from '../../src/platform/emulator-clock.ts';
import { StartupError } from '../../src/platform/errors.ts';

const validEnv = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'sekrit-signing-secret' };
const minute = 60_000;

describe('FIREBREAK_CLOCK', () => {
  it('is the system clock unless set to emulator', () => {
    expect(parseEnv(validEnv).clock).toBe('system');
    expect(parseEnv({ ...validEnv, FIREBREAK_CLOCK: 'emulator' }).clock).toBe('emulator');
  });

  it('refuses another value, naming the two it takes', () => {
    expect(() => parseEnv({ ...validEnv, FIREBREAK_CLOCK: 'fast' })).toThrow(
      /FIREBREAK_CLOCK must be 'system' \(default\) or 'emulator'/,
    );
  });
});

describe("following the emulator's clock", () => {
  let emulator: Emulator;
  let clock: FollowingClock | undefined;
  beforeEach(async () => {
    emulator = await startEmulator({ rateLimits: false });
  });
  afterEach(async () => {
    clock?.stop();
    await emulator.close();
  });

  it('finds the clock endpoint from the Web API URL', () => {
    expect(emulatorClockUrl('http://127.0.0.1:3001/api/')).toBe('http://127.0.0.1:3001/_emulator/clock');
  });

  it("reads the emulator's time, and its moves once refreshed", async () => {
    clock = await followEmulatorClock(emulator.apiUrl, { pollMs: 60_000 });
    expect(Math.abs(clock.offsetMs())).toBeLessThan(minute);
    emulator.clock.advance(20 * minute);
    expect(clock.now().getTime()).toBeLessThan(Date.now() + 10 * minute);
    await clock.refresh();
    expect(clock.now().getTime()).toBeGreaterThan(Date.now() + 19 * minute);
  });

  it('follows the moves on its poll', async () => {
    clock = await followEmulatorClock(emulator.apiUrl, { pollMs: 20 });
    emulator.clock.advance(2 * 60 * minute);
    const started = Date.now();
    while (clock.offsetMs() < 60 * minute && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 10));
    expect(clock.offsetMs()).toBeGreaterThan(60 * minute);
  });

  it('fails start-up naming the URL when the emulator does not answer', async () => {
    await emulator.close();
    const failure = followEmulatorClock(emulator.apiUrl);
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(followEmulatorClock(emulator.apiUrl)).rejects.toThrow(
      `FIREBREAK_CLOCK=emulator: cannot read the emulator's clock at ${emulator.baseUrl}/_emulator/clock`,
    );
  });
});
