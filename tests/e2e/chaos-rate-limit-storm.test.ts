import { describe, expect, it } from 'vitest';
import { runRateLimitStorm } from '../../chaos/scenarios/rate-limit-storm.ts';
import { chaosAdminUrl, chaosRunsHere, figureOf } from '../support/chaos.ts';

// A real process on a real server, as the other chaos scenarios: PGlite is one process's embedded database.
describe.skipIf(!chaosRunsHere)('chaos: a burst over Slack’s rate limits', () => {
  it('gets at most one 429 per Web API method, and everything still arrives once', async () => {
    // Over Tier 2's 20 a minute (conversations.create, setTopic, pins.add), and 12 posts at once in one channel
    // (chat.postMessage: a burst of 5, then 1 a second): the full run (npm run chaos) goes three times over.
    const result = await runRateLimitStorm(
      { adminUrl: chaosAdminUrl, log: () => {} },
      { declares: 30, channelBurst: 12 },
    );
    const figure = figureOf(result);
    expect(result.problems).toEqual([]);
    expect(figure('declares')).toBe(30);
    expect(String(figure('conversations.create'))).toMatch(/^30 \(429: [01]\)$/);
    expect(String(figure('chat.postMessage'))).toMatch(/\(429: [01]\)$/);
  }, 120_000);
});
