import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdminUrl } from '../../chaos/database.ts';
import { runKillDuringBurst } from '../../chaos/scenarios/kill-during-burst.ts';
import { testDatabaseKind } from '../support/database.ts';

// Real processes on a real server: PGlite is one process's embedded database, nothing to kill -9 under.
describe.skipIf(testDatabaseKind !== 'postgres')(
  'chaos: kill -9 during a burst of message events, then restart',
  () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ rateLimits: false });
    });
    afterAll(async () => {
      await emulator?.close();
    });

    it('puts every event Slack got a 200 for, and every redelivered one, on the timeline exactly once', async () => {
      const result = await runKillDuringBurst({
        emulator,
        adminUrl: process.env.FIREBREAK_TEST_PG_URL ?? defaultAdminUrl,
        events: 2000,
        log: () => {},
      });
      const figure = (label: string) => result.figures.find(([name]) => name === label)?.[1];
      expect(result.problems).toEqual([]);
      expect(figure('lost')).toBe(0);
      expect(figure('doubled')).toBe(0);
      // The kill really split the burst: some events were answered before it, some only redelivered after.
      expect(figure('200s on first delivery')).toBeGreaterThan(0);
      expect(figure('unanswered (redelivered)')).toBeGreaterThan(0);
      expect(figure('on the timeline')).toBe(2000);
    }, 60_000);
  },
);
