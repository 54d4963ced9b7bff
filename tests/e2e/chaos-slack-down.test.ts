import { describe, expect, it } from 'vitest';
import { runSlackDown } from '../../chaos/scenarios/slack-down.ts';
import { chaosAdminUrl, chaosEmulator, chaosRunsHere, figureOf } from '../support/chaos.ts';

// A real process on a real server, as the other chaos scenarios: PGlite is one process's embedded database.
describe.skipIf(!chaosRunsHere)('chaos: Slack down while decisions go on', () => {
  const emulator = chaosEmulator();

  it('posts everything decided meanwhile once, in order, and leaves each card in its final state', async () => {
    const result = await runSlackDown(
      { emulator: emulator(), adminUrl: chaosAdminUrl, events: 0, log: () => {} },
      // More lost answers than the full run's mix, so a short outage loses some posts' answers too.
      { outageSeconds: 6, incidents: 2, seed: 3, mix: { hang: 0.2, lost: 0.4 } },
    );
    const figure = figureOf(result);
    expect(result.problems).toEqual([]);
    expect(figure('decisions while down')).toBe(12);
    expect(figure('posts decided while down')).toBeGreaterThan(5);
    expect(figure('in their channel once, in order')).toBe(figure('posts decided while down'));
    // Slack really was down: calls were answered with faults (5xx, hangs, lost answers).
    expect(String(figure('answered with a fault'))).toMatch(/(server_error|hang|lost) [1-9]/);
  }, 90_000);
});
