import { describe, expect, it } from 'vitest';
import { ids } from '../../src/slack/ids.ts';
import { clickInResponse, dmChannel, lastResponse } from '../support/actions.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { type SeededIncident, seedIncidents } from '../support/insights.ts';
import { alice, general, run } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
// Slack's rate limits (and the pacing under them) are tested in posting-pace and lifecycle-card; here they only slow it down.
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { rateLimits: false },
);

const marker = 'ZEBRA-7731';
const day = 86_400_000;

/** Twelve days ago an incident ran for an hour; the one before the period, three hours. */
function seeded(): SeededIncident[] {
  // One "now" for every seeded time, so the durations between them are exact.
  const now = Date.now();
  const ago = (days: number, minutes = 0) => new Date(now - days * day + minutes * 60_000).toISOString();
  return [
    {
      number: 1,
      severity: 'sev1',
      services: ['payments'],
      declaredAt: ago(12, 8),
      startedAt: ago(12),
      detectedAt: ago(12, 6),
      acknowledgedAt: ago(12, 11),
      mitigatedAt: ago(12, 36),
      resolvedAt: ago(12, 60),
      actions: [{ dueDate: ago(-3).slice(0, 10), status: 'done', closedAt: ago(2) }],
    },
    {
      number: 2,
      severity: 'sev2',
      services: ['payments', 'search'],
      declaredAt: ago(5),
      startedAt: ago(5),
      resolvedAt: ago(5, 120),
    },
    {
      number: 3,
      severity: 'sev1',
      title: `Leaked keys ${marker}`,
      services: [`vault-${marker.toLowerCase()}`],
      isPrivate: true,
      declaredAt: ago(3),
      actions: [{ dueDate: ago(-20).slice(0, 10) }],
    },
    { number: 4, severity: 'sev2', isDrill: true, declaredAt: ago(2) },
    {
      number: 5,
      severity: 'sev1',
      services: ['search'],
      declaredAt: ago(40),
      startedAt: ago(40),
      resolvedAt: ago(40, 180),
    },
  ];
}

/** Runs `/incident stats …` and returns what the person was acknowledged with, then the answer. */
async function stats(text: string) {
  const ack = await run(harness, alice, general, `stats ${text}`.trim());
  await harness.settle();
  const answer = lastResponse(harness, alice);
  return { ack, answer, shown: JSON.stringify(answer.blocks) };
}

describe('/incident stats', () => {
  it('acknowledges at once, then answers with the figures and their trend against the period before', async () => {
    await seedIncidents(database.db, harness.emulator.teamId, seeded());
    const { ack, shown } = await stats('');
    expect(ack).toContain('Working out the figures');
    expect(shown).toContain('*Incident stats* · the last 30 days');
    // Three real incidents (one private), against one in the 30 days before.
    expect(shown).toContain('*Incidents:* 3 ▲ 2 _(was 1)_');
    expect(shown).toContain('1 private (counted, never named)');
    expect(shown).toContain('· SEV1 2 ▲1 · SEV2 1 ▲1 ·');
    expect(shown).toContain('*By service:* payments 2 ▲2 · search 1');
    // #2 followed #1 on payments within a week; #5, before the period, followed nothing.
    expect(shown).toContain('within 30 days 1 of 3 (33 %) ▲ 33 pts _(was 0 %)_');
    expect(shown).toContain('drills 1');
    // Restore: 60 and 120 min measured, the private one not resolved.
    expect(shown).toMatch(
      /Time to restore: \*1h 30m\* · 1h 54m · 1h 30m ▼ 1h 30m _\(was 3h 00m\)_ _\(2 measured, 1 not measured\)_/,
    );
    expect(shown).toContain('Time to detect: *6m*');
    expect(shown).toContain('"Export CSV"');
  });

  it('never names or describes a private incident, nor lists its service', async () => {
    await seedIncidents(database.db, harness.emulator.teamId, seeded());
    const { shown } = await stats('90d');
    expect(shown).not.toContain(marker);
    expect(shown).not.toContain(marker.toLowerCase());
    expect(shown).not.toContain('INC-3');
  });

  it('filters by severity and by service', async () => {
    await seedIncidents(database.db, harness.emulator.teamId, seeded());
    const sev2 = await stats('sev2');
    expect(sev2.shown).toContain('· SEV2');
    expect(sev2.shown).toContain('*Incidents:* 1 ▲ 1 _(was 0)_');
    const search = await stats('90d service:search');
    expect(search.shown).toContain('service *search*');
    expect(search.shown).toContain('*Incidents:* 2');
  });

  it('says when a service was never named, and what is in use', async () => {
    await seedIncidents(database.db, harness.emulator.teamId, seeded());
    const { shown } = await stats('service:paymnts');
    expect(shown).toContain('No incident has named the service *paymnts*');
    expect(shown).toContain('payments');
    expect(shown).not.toContain(marker.toLowerCase());
  });

  it('says so when the period holds no incidents', async () => {
    const { shown } = await stats('7d');
    expect(shown).toContain('No incidents were declared in this period');
    expect(shown).toContain('_not measured_');
  });

  it('tells what to fix in a period, severity or repeated word, and answers nothing else', async () => {
    expect(await run(harness, alice, general, 'stats 3x')).toContain('“3x” is not a period. Use `30d`');
    expect(await run(harness, alice, general, 'stats sev9')).toContain('is not a severity, period or `service:name`');
    expect(await run(harness, alice, general, 'stats 2026-11-31..2026-12-01')).toContain(
      'has a date that does not exist',
    );
    expect(await run(harness, alice, general, 'stats 2026-12-01..2026-11-01')).toContain('ends before it starts');
    expect(await run(harness, alice, general, 'stats 30d 90d')).toContain('repeats a period');
    expect(await run(harness, alice, general, 'stats 9999d')).toContain('longer than two years');
  });

  it('exports the period as two CSV files to the requester, private incidents without title or service', async () => {
    await seedIncidents(database.db, harness.emulator.teamId, seeded());
    const { answer } = await stats('');
    await clickInResponse(harness, {
      userId: alice,
      channelId: general,
      blocks: answer.blocks,
      actionId: ids.actions.statsExport,
    });
    await harness.settle();
    expect(lastResponse(harness, alice).text).toContain('on their way to your direct messages');
    const files = harness.emulator.workspace.files(dmChannel(harness, 'alice'));
    expect(files.map((file) => file.name).sort()).toEqual([
      expect.stringMatching(/^firebreak-stats-\d{4}-\d{2}-\d{2}-\d+-actions\.csv$/),
      expect.stringMatching(/^firebreak-stats-\d{4}-\d{2}-\d{2}-\d+-incidents\.csv$/),
    ]);
    const incidents = files
      .find((file) => file.name.endsWith('incidents.csv'))!
      .content.trim()
      .split('\n');
    expect(incidents[0]).toMatch(/^incident,title,severity,status,private,drill,near_miss,services,declared_at/);
    expect(incidents).toHaveLength(5);
    expect(incidents[1]).toMatch(/^INC-1,Incident 1,sev1,resolved,no,no,no,payments,/);
    expect(incidents[1]).toContain(',6.0,3.0,30.0,60.0,54.0,');
    const actions = files
      .find((file) => file.name.endsWith('actions.csv'))!
      .content.trim()
      .split('\n');
    expect(actions[0]).toBe(
      'action,incident,text,type,priority,owner,status,due_date,created_at,closed_at,closed_on_time,tracker',
    );
    expect(actions[1]).toMatch(/^ACT-101,INC-1,Add an alert,corrective,,U0OWNER,done,.*,yes,$/);
    expect(actions[2]).toMatch(/^ACT-\d+,,,corrective,,,open,/);
    const privateRow = incidents.find((row) => row.includes(',yes,no,no,'))!;
    expect(privateRow.startsWith(',,sev1,')).toBe(true);
    expect(files.map((file) => file.content).join('\n')).not.toContain(marker.toLowerCase());
    expect(files.map((file) => file.content).join('\n')).not.toContain(marker);
    expect(harness.emulator.workspace.messages(dmChannel(harness, 'alice')).at(-1)?.text).toMatch(
      /Incidents and actions for \d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}: 4 incidents, 2 actions/,
    );
  });
});
