import { describe, expect, it } from 'vitest';
import { runPostgresRestart } from '../../chaos/scenarios/postgres-restart.ts';
import { chaosAdminUrl, chaosEmulator, chaosRunsHere, figureOf } from '../support/chaos.ts';

// A real process on a PostgreSQL server of the scenario's own, stopped and started under it: PGlite cannot be.
describe.skipIf(!chaosRunsHere)('chaos: PostgreSQL restarted mid-incident under steady traffic', () => {
  const emulator = chaosEmulator();

  it('says 503 while down, answers every command truthfully in time, and loses or doubles nothing', async () => {
    const result = await runPostgresRestart({
      emulator: emulator(),
      adminUrl: chaosAdminUrl,
      events: 0,
      outageSeconds: 5,
      log: () => {},
    });
    const figure = figureOf(result);
    expect(result.problems).toEqual([]);
    expect(figure('  lost / doubled')).toBe('0 / 0');
    expect(figure('status change post (queued before the stop)')).toBe(1);
    // The outage really hit the traffic: commands were told "nothing was saved", probes said 503.
    expect(String(figure('  answers'))).toContain('cannot reach its database');
    expect(String(figure('  answers while down'))).toMatch(/^503 \d+$/);
  }, 60_000);
});
