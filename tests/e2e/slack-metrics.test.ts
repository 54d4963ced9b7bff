import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { alice, declared, general } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

async function scrape(): Promise<string> {
  return (await fetch(harness.emulator.appUrl!.replace('/slack/events', '/metrics'))).text();
}

/** A sample's value in the exposition text, or 0 when the series is absent. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{${labels}} `));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('/metrics: Slack requests', () => {
  it('counts an acknowledged command under its kind and times its acknowledgement', async () => {
    const before = await scrape();
    const reply = await harness.emulator.slashCommand({ userId: alice, channelId: general, text: 'roles' });
    expect(reply.status).toBe(200);
    const after = await scrape();
    const counted = 'kind="command",outcome="acked"';
    expect(sample(after, 'firebreak_slack_requests_total', counted)).toBe(
      sample(before, 'firebreak_slack_requests_total', counted) + 1,
    );
    expect(sample(after, 'firebreak_slack_ack_seconds_count', 'kind="command"')).toBe(
      sample(before, 'firebreak_slack_ack_seconds_count', 'kind="command"') + 1,
    );
    expect(sample(after, 'firebreak_slack_ack_seconds_bucket', 'le="3",kind="command"')).toBe(
      sample(after, 'firebreak_slack_ack_seconds_count', 'kind="command"'),
    );
  });

  it('counts a request with a bad signature as rejected_signature, without timing an acknowledgement', async () => {
    const reply = await harness.emulator.slashCommand(
      { userId: alice, channelId: general, text: 'roles' },
      { signingSecret: 'not-the-secret' },
    );
    expect(reply.status).toBe(401);
    const text = await scrape();
    expect(sample(text, 'firebreak_slack_requests_total', 'kind="unknown",outcome="rejected_signature"')).toBe(1);
    expect(sample(text, 'firebreak_slack_ack_seconds_count', 'kind="unknown"')).toBe(0);
  });

  it('counts a redelivered event as a duplicate under event:<type>', async () => {
    const event = { type: 'app_mention', user: alice, channel: general, text: 'hi', ts: '1700000000.000100' };
    const first = await harness.emulator.event(event);
    await harness.emulator.event(event, { eventId: first.eventId, retryNum: 1 });
    await harness.settle();
    const text = await scrape();
    expect(sample(text, 'firebreak_slack_requests_total', 'kind="event:app_mention",outcome="acked"')).toBe(1);
    expect(sample(text, 'firebreak_slack_requests_total', 'kind="event:app_mention",outcome="duplicate"')).toBe(1);
    expect(sample(text, 'firebreak_slack_ack_seconds_count', 'kind="event:app_mention"')).toBe(2);
  });

  it('counts the URL handshake as url_verification', async () => {
    await harness.emulator.urlVerification();
    const text = await scrape();
    expect(sample(text, 'firebreak_slack_requests_total', 'kind="url_verification",outcome="acked"')).toBe(1);
  });
});

describe('/metrics: open incidents', () => {
  it('shows open incidents by severity, a resolved one not counted and a severity with none at 0', async () => {
    await declared(harness, database, 'declare sev2 Checkout slow');
    await declared(harness, database, 'declare sev2 Search slow');
    const third = await declared(harness, database, 'declare sev1 Payments down');
    // The resolve form is tested elsewhere; here only what the gauge counts as open matters.
    await database.db.execute(sql`UPDATE incidents SET status = 'resolved' WHERE id = ${third.id}`);
    const text = await scrape();
    expect(sample(text, 'firebreak_open_incidents', 'severity="sev2"')).toBe(2);
    expect(text).toMatch(/^firebreak_open_incidents\{severity="sev1"\} 0$/m);
    expect(text).toMatch(/^firebreak_open_incidents\{severity="sev3"\} 0$/m);
  });
});
