import { describe, expect, it } from 'vitest';
import { runSoak } from '../../chaos/scenarios/soak.ts';
import { chaosAdminUrl, chaosEmulator, chaosRunsHere, figureOf } from '../support/chaos.ts';

// A real process on a real server, as the other chaos tests: skipped on PGlite.
describe.skipIf(!chaosRunsHere)('chaos: soak, mixed traffic at a steady rate', () => {
  const emulator = chaosEmulator();

  it('answers every request 200, logs no error, and stores each declare, message, note and update once', async () => {
    const result = await runSoak(
      { emulator: emulator(), adminUrl: chaosAdminUrl, events: 0, log: () => {} },
      { seconds: 12 },
    );
    const figure = figureOf(result);
    expect(result.problems).toEqual([]);
    expect(figure('not 200 in 3 s')).toBe(0);
    expect(figure('doubled / lost')).toBe('0 / 0');
    expect(figure('log lines: error / warn')).toMatch(/^0 \//);
    // The mix really ran: every kind of traffic was sent and landed.
    for (const kind of ['declare', 'message', 'note', 'severity', 'status click', 'update (button + form)'])
      expect(result.figures.some(([label]) => label.trim().startsWith(`${kind}:`))).toBe(true);
    const [sentMessages, storedMessages] = String(figure('messages sent / on the timeline')).split(' / ').map(Number);
    expect(sentMessages).toBeGreaterThan(20);
    expect(storedMessages).toBe(sentMessages);
    const [sentUpdates, storedUpdates] = String(figure('updates sent / stored')).split(' / ').map(Number);
    expect(sentUpdates).toBeGreaterThan(0);
    expect(storedUpdates).toBe(sentUpdates);
    expect(typeof figure('RSS MiB, after warm-up')).toBe('number');
  }, 60_000);
});
