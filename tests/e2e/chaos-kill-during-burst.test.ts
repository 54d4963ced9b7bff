import { describe, expect, it } from 'vitest';
import { runKillDuringBurst } from '../../chaos/scenarios/kill-during-burst.ts';
import { chaosAdminUrl, chaosEmulator, chaosRunsHere, figureOf } from '../support/chaos.ts';

// Real processes on a real server: PGlite is one process's embedded database, nothing to kill -9 under.
describe.skipIf(!chaosRunsHere)('chaos: kill -9 during a burst of message events, then restart', () => {
  const emulator = chaosEmulator();

  it('puts every event Slack got a 200 for, and every redelivered one, on the timeline exactly once', async () => {
    const result = await runKillDuringBurst({
      emulator: emulator(),
      adminUrl: chaosAdminUrl,
      events: 2000,
      log: () => {},
    });
    const figure = figureOf(result);
    expect(result.problems).toEqual([]);
    expect(figure('lost')).toBe(0);
    expect(figure('doubled')).toBe(0);
    // The kill really split the burst: some events were answered before it, some only redelivered after.
    expect(figure('200s on first delivery')).toBeGreaterThan(0);
    expect(figure('unanswered (redelivered)')).toBeGreaterThan(0);
    expect(figure('on the timeline')).toBe(2000);
  }, 60_000);
});
