import { describe, expect, it } from 'vitest';
import { runTwoReplicasDuplicates } from '../../chaos/scenarios/two-replicas-duplicates.ts';
import { chaosAdminUrl, chaosEmulator, chaosRunsHere, figureOf } from '../support/chaos.ts';

// Two real processes sharing one real server: PGlite is one process's embedded database, it cannot be shared.
describe.skipIf(!chaosRunsHere)(
  'chaos: two replicas behind a round-robin proxy, every request delivered 1–4 times',
  () => {
    const emulator = chaosEmulator();

    it('makes one incident, channel, card, pin and announcement per declare, each message once, each click once, each nudge once and one digest', async () => {
      const result = await runTwoReplicasDuplicates(
        { emulator: emulator(), adminUrl: chaosAdminUrl, events: 200, log: () => {} },
        { declares: 12 },
      );
      const figure = figureOf(result);
      expect(result.problems).toEqual([]);
      expect(figure('incidents')).toBe(12);
      expect(figure('inc-* channels')).toBe(12);
      expect(figure('messages on the timeline')).toBe(200);
      expect(figure('status changes on the timeline')).toBe(12);
      expect(figure('nudges made due / in channels / by DM')).toBe('5 / 5 / 5');
      expect(figure('digest posts / charts')).toBe('1 / 1');
      for (const kind of [
        'incidents',
        'channels',
        'timeline entries',
        'posts',
        'status changes',
        'reminders',
        'digests',
      ])
        expect(figure(`duplicate ${kind}`)).toBe(0);
      // The copies really were spread: both replicas served traffic, and there were more deliveries than requests.
      expect(figure('forwarded to replica A')).toBeGreaterThan(0);
      expect(figure('forwarded to replica B')).toBeGreaterThan(0);
      const deliveries = result.figures.filter(([label]) => label.trim() === 'deliveries').map(([, n]) => Number(n));
      expect(deliveries.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(220);
    }, 60_000);
  },
);
