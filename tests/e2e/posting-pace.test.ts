import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type Harness, manifestCommandEscaping, manifestShortcuts, startHarness } from '../support/harness.ts';
import { declared } from '../support/lifecycle.ts';

// Slack's own limits, on a clock running three times faster than the wall's so that a minute of
// posting takes twenty seconds: the emulator's rate limits, the app's clock and the pacer all use it.
// Not faster: the pacer keeps one token of headroom per channel (a second of Slack's refill), and a
// busy CI machine stalls a request by more than a tenth of a second, a second at ten times the speed.
const speed = 3;

let database: TestDatabase;
let emulator: Emulator;
let harness: Harness;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});
beforeEach(async () => {
  await database.reset();
  const started = Date.now();
  emulator = await startEmulator({
    clock: () => started + (Date.now() - started) * speed,
    commandEscaping: manifestCommandEscaping(),
    shortcuts: manifestShortcuts(),
  });
  harness = await startHarness(database, { emulator, emulatorClock: true });
});
afterEach(async () => {
  await harness.stop();
  await emulator.close();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${harness.port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes('method="chat.postMessage"'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('outbox posting within Slack rate limits', () => {
  // Twenty seconds of posting at three times the speed, and longer on a busy machine: its own time-out.
  it('delivers 150 posts queued at once, across five channels, with at most one 429', async () => {
    const incidents: Array<{ id: number }> = [];
    for (let i = 1; i <= 5; i++) incidents.push(await declared(harness, database, `declare sev3 Paced ${i}`));
    emulator.resetCalls();
    await inTransaction(harness.app.deps, async (_tx, effects) => {
      for (let i = 0; i < 150; i++) {
        const incident = incidents[i % incidents.length]!;
        effects.add({
          teamId: emulator.teamId,
          // A stream each, so the dispatcher runs them side by side as it would one DM per owner.
          stream: `paced-${i}`,
          kind: 'incident.post',
          payload: {
            incidentId: incident.id,
            template: 'lifecycle.archive_warning',
            values: { days: 7, after: 'resolution' },
          },
        });
      }
    });
    await harness.settle(60_000);

    const posts = emulator.callsTo('chat.postMessage');
    const refused = posts.filter((call) => call.status === 429);
    expect(refused.length).toBeLessThanOrEqual(1);
    const delivered = posts.filter((call) => call.ok && String(call.args.text).includes('will be archived tomorrow'));
    expect(delivered).toHaveLength(150);
    // More than Slack's 100 a minute were due at once: posting waited for its turns instead.
    expect(await metric('firebreak_slack_paced_waits_total')).toBeGreaterThan(0);
    expect(await metric('firebreak_slack_rate_limited_total')).toBe(refused.length);
  }, 90_000);
});
