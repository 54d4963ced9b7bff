/** People's time zones: users.info's tz, tz_label and tz_offset at the emulator's current time, and changing them. */
import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import { clientFor, emulatorForTest, manualClock } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
// A Monday in January: New York and Berlin on standard time.
const clock = manualClock(Date.UTC(2027, 0, 11, 12, 0, 0));
const JULY_MS = Date.UTC(2027, 6, 12, 12, 0, 0) - Date.UTC(2027, 0, 11, 12, 0, 0);

beforeEach(async () => {
  clock.set(Date.UTC(2027, 0, 11, 12, 0, 0));
  emulator = await emulatorForTest({ clock: clock.now });
  client = clientFor(emulator);
});
afterEach(async () => {
  await emulator.close();
});

const zoneOf = async (user: string) => {
  const info = (await client.users.info({ user })).user;
  return { tz: info?.tz, tz_label: info?.tz_label, tz_offset: info?.tz_offset };
};

describe('users.info time zones', () => {
  it('gives every preloaded person and the bot a tz, tz_label and tz_offset', async () => {
    const { members = [] } = await client.users.list({});
    expect(members).toHaveLength(5);
    for (const member of members) {
      expect(typeof member.tz).toBe('string');
      expect(typeof member.tz_label).toBe('string');
      expect(Number.isInteger(member.tz_offset)).toBe(true);
    }
  });

  it('has people in New York, London, Tokyo and UTC', async () => {
    expect(await zoneOf('U0ALICE')).toEqual({
      tz: 'America/New_York',
      tz_label: 'Eastern Standard Time',
      tz_offset: -5 * 3600,
    });
    expect(await zoneOf('U0BOB')).toEqual({ tz: 'Europe/London', tz_label: 'Greenwich Mean Time', tz_offset: 0 });
    expect(await zoneOf('U0CAROL')).toEqual({
      tz: 'Asia/Tokyo',
      tz_label: 'Japan Standard Time',
      tz_offset: 9 * 3600,
    });
    expect((await zoneOf('U0DAVE')).tz).toBe('UTC');
  });

  it("gives the offset at the emulator clock's time, so it changes with daylight saving", async () => {
    expect((await zoneOf('U0ALICE')).tz_offset).toBe(-5 * 3600);
    emulator.clock.advance(JULY_MS);
    expect(await zoneOf('U0ALICE')).toEqual({
      tz: 'America/New_York',
      tz_label: 'Eastern Daylight Time',
      tz_offset: -4 * 3600,
    });
    expect((await zoneOf('U0BOB')).tz_offset).toBe(3600);
    expect((await zoneOf('U0CAROL')).tz_offset).toBe(9 * 3600);
  });

  it('follows the base clock too, in users.list and the workspace helpers', async () => {
    clock.advance(JULY_MS);
    const { members = [] } = await client.users.list({});
    expect(members.find((member) => member.id === 'U0ALICE')?.tz_offset).toBe(-4 * 3600);
    expect(emulator.workspace.user('U0BOB')?.tz_offset).toBe(3600);
  });
});

describe('changing a time zone', () => {
  it('moves a person to another zone with workspace.setUserTimeZone', async () => {
    const moved = emulator.workspace.setUserTimeZone('U0BOB', 'Europe/Berlin');
    expect(moved).toMatchObject({ tz: 'Europe/Berlin', tz_offset: 3600 });
    expect(await zoneOf('U0BOB')).toEqual({
      tz: 'Europe/Berlin',
      tz_label: 'Central European Standard Time',
      tz_offset: 3600,
    });
    emulator.clock.advance(JULY_MS);
    expect((await zoneOf('U0BOB')).tz_offset).toBe(2 * 3600);
  });

  it('refuses an unknown zone or person and changes nothing', async () => {
    expect(() => emulator.workspace.setUserTimeZone('U0BOB', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => emulator.workspace.setUserTimeZone('U0NOBODY', 'Europe/Berlin')).toThrow('unknown user');
    expect((await zoneOf('U0BOB')).tz).toBe('Europe/London');
  });

  it('sets zones at start with the userTimeZones option', async () => {
    const other = await emulatorForTest({ userTimeZones: { U0BOB: 'Europe/Berlin', U0DAVE: 'Asia/Kolkata' } });
    try {
      expect(other.workspace.user('U0BOB')?.tz).toBe('Europe/Berlin');
      expect(other.workspace.user('U0DAVE')).toMatchObject({ tz: 'Asia/Kolkata', tz_offset: 5.5 * 3600 });
      expect(other.workspace.user('U0ALICE')?.tz).toBe('America/New_York');
    } finally {
      await other.close();
    }
  });

  it('refuses to start with an unknown zone or user in userTimeZones', async () => {
    await expect(startEmulator({ userTimeZones: { U0BOB: 'Nowhere/Land' } })).rejects.toThrow(RangeError);
    await expect(startEmulator({ userTimeZones: { U0NOBODY: 'UTC' } })).rejects.toThrow('unknown user');
  });

  it('sets a zone through the control API, by user name', async () => {
    const control = (body: unknown) =>
      fetch(`${emulator.baseUrl}/_emulator/timezone`, { method: 'POST', body: JSON.stringify(body) });
    const set = await control({ user: 'carol', tz: 'America/Los_Angeles' });
    expect(await set.json()).toEqual({
      id: 'U0CAROL',
      name: 'carol',
      tz: 'America/Los_Angeles',
      tz_label: 'Pacific Standard Time',
      tz_offset: -8 * 3600,
    });
    expect((await zoneOf('U0CAROL')).tz).toBe('America/Los_Angeles');
    const refused = await control({ user: 'carol', tz: 'Pacific/Atlantis' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: "timezone: unknown time zone 'Pacific/Atlantis': give an IANA name such as Europe/Berlin",
    });
  });
});
