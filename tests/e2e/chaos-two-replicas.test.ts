import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdminUrl } from '../../chaos/database.ts';
import { runTwoReplicasDuplicates } from '../../chaos/scenarios/two-replicas-duplicates.ts';
import { testDatabaseKind } from '../support/database.ts';

// Two real processes sharing one real server: PGlite is one process's embedded database, it cannot be shared.
describe.skipIf(testDatabaseKind !== 'postgres')(
  'chaos: two replicas behind a round-robin proxy, every request delivered 1–4 times',
  () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ rateLimits: false });
    });
    afterAll(async () => {
      await emulator?.close();
    });

    it('makes one incident, one channel, one card, one pin and one announcement per declare, and each message once', async () => {
      const result = await runTwoReplicasDuplicates(
        { emulator, adminUrl: process.env.FIREBREAK_TEST_PG_URL ?? defaultAdminUrl, events: 300, log: () => {} },
        { declares: 20 },
      );
      const figure = (label: string) => result.figures.find(([name]) => name.trim() === label)?.[1];
      expect(result.problems).toEqual([]);
      expect(figure('incidents')).toBe(20);
      expect(figure('inc-* channels')).toBe(20);
      expect(figure('messages on the timeline')).toBe(300);
      for (const kind of ['incidents', 'channels', 'timeline entries', 'posts'])
        expect(figure(`duplicate ${kind}`)).toBe(0);
      // The copies really were spread: both replicas served traffic, and there were more deliveries than requests.
      expect(figure('forwarded to replica A')).toBeGreaterThan(0);
      expect(figure('forwarded to replica B')).toBeGreaterThan(0);
      const deliveries = result.figures.filter(([label]) => label.trim() === 'deliveries').map(([, n]) => Number(n));
      expect(deliveries.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(320);
    }, 60_000);
  },
);
