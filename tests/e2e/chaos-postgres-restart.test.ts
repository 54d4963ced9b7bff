import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdminUrl } from '../../chaos/database.ts';
import { runPostgresRestart } from '../../chaos/scenarios/postgres-restart.ts';
import { testDatabaseKind } from '../support/database.ts';

// A real process on a PostgreSQL server of the scenario's own, stopped and started under it: PGlite cannot be.
describe.skipIf(testDatabaseKind !== 'postgres')(
  'chaos: PostgreSQL restarted mid-incident under steady traffic',
  () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ rateLimits: false });
    });
    afterAll(async () => {
      await emulator?.close();
    });

    it('says 503 while down, answers every command truthfully in time, and loses or doubles nothing', async () => {
      const result = await runPostgresRestart({
        emulator,
        adminUrl: process.env.FIREBREAK_TEST_PG_URL ?? defaultAdminUrl,
        events: 0,
        outageSeconds: 5,
        log: () => {},
      });
      const figure = (label: string) => result.figures.find(([name]) => name === label)?.[1];
      expect(result.problems).toEqual([]);
      expect(figure('  lost / doubled')).toBe('0 / 0');
      expect(figure('status change post (queued before the stop)')).toBe(1);
      // The outage really hit the traffic: commands were told "nothing was saved", probes said 503.
      expect(String(figure('  answers'))).toContain('cannot reach its database');
      expect(String(figure('  answers while down'))).toMatch(/^503 \d+$/);
    }, 60_000);
  },
);
