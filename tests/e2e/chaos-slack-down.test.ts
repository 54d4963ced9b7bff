import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdminUrl } from '../../chaos/database.ts';
import { runSlackDown } from '../../chaos/scenarios/slack-down.ts';
import { testDatabaseKind } from '../support/database.ts';

// A real process on a real server, as the other chaos scenarios: PGlite is one process's embedded database.
describe.skipIf(testDatabaseKind !== 'postgres')('chaos: Slack down while decisions go on', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('posts everything decided meanwhile once, in order, and leaves each card in its final state', async () => {
    const result = await runSlackDown(
      { emulator, adminUrl: process.env.FIREBREAK_TEST_PG_URL ?? defaultAdminUrl, events: 0, log: () => {} },
      // More lost answers than the full run's mix, so a short outage loses some posts' answers too.
      { outageSeconds: 6, incidents: 2, seed: 3, mix: { hang: 0.2, lost: 0.4 } },
    );
    const figure = (label: string) => result.figures.find(([name]) => name.trim() === label)?.[1];
    expect(result.problems).toEqual([]);
    expect(figure('decisions while down')).toBe(12);
    expect(figure('posts decided while down')).toBeGreaterThan(5);
    expect(figure('in their channel once, in order')).toBe(figure('posts decided while down'));
    // Slack really was down: calls were answered with faults (5xx, hangs, lost answers).
    expect(String(figure('answered with a fault'))).toMatch(/(server_error|hang|lost) [1-9]/);
  }, 90_000);
});
