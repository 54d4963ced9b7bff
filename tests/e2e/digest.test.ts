import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FirebreakConfig } from '../../src/config/firebreak-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { digestWeeksTable } from '../../src/insights/digest.sql.ts';
import { outboxTable } from '../../src/outbox/outbox.sql.ts';
import { scheduledJobsTable } from '../../src/scheduler/scheduler.sql.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { seedIncidents } from '../support/insights.ts';
import { alice, declared, run } from '../support/lifecycle.ts';
import { manualClock } from '../support/services.ts';

// Wednesday 2026-12-02, 12:00 UTC. The digest is posted on Mondays at 09:00 UTC (the defaults) in
// #reliability, about the week (Monday to Sunday) before: the first one, on 12-07, about 11-30 … 12-06.
const start = new Date('2026-12-02T12:00:00Z');
const clock = manualClock(start);
const base = await loadConfig(undefined);
const withDigest: FirebreakConfig = { ...base, digest: { ...base.digest, channel: '#reliability' } };
let database: TestDatabase;
let harness: Harness;
let reliability: { id: string };

beforeEach(() => clock.set(start));
useE2eHarness(
  { database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness },
  { clock, config: withDigest, rateLimits: false },
);
beforeEach(() => {
  reliability = harness.emulator.workspace.addChannel({ name: 'reliability', members: [] });
});

type Message = { ts: string; text?: string; blocks?: unknown[]; files?: Array<{ name?: string }> };
const digests = () =>
  (harness.emulator.workspace.messages(reliability.id) as Message[]).filter((m) =>
    /Reliability digest/.test(m.text ?? ''),
  );

async function at(iso: string, ...apps: Harness['app'][]) {
  clock.set(new Date(iso));
  await Promise.all((apps.length ? apps : [harness.app]).map((app) => app.jobs.runDue()));
  await harness.settle();
}

/** Incidents of the week 11-30 … 12-06, written straight into the tables (numbers clear of declared ones). */
async function seedWeek() {
  await seedIncidents(database.db, harness.emulator.teamId, [
    {
      number: 101,
      severity: 'sev1',
      title: 'Checkout errors',
      startedAt: '2026-11-30T10:00:00Z',
      declaredAt: '2026-11-30T10:10:00Z',
      resolvedAt: '2026-11-30T11:40:00Z',
    },
    {
      number: 102,
      severity: 'sev2',
      title: 'Payroll export leaked',
      isPrivate: true,
      startedAt: '2026-12-01T08:00:00Z',
      declaredAt: '2026-12-01T08:05:00Z',
      resolvedAt: '2026-12-01T09:00:00Z',
    },
    { number: 103, severity: 'sev2', title: 'Failover game day', isDrill: true, declaredAt: '2026-12-01T12:00:00Z' },
  ]);
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the weekly reliability digest', () => {
  it('is posted once, at Monday 09:00, with last week’s figures and the chart in its thread', async () => {
    await seedWeek();
    await at('2026-12-07T08:59:00Z');
    expect(digests()).toHaveLength(0);
    await at('2026-12-07T09:00:30Z');
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    const shown = JSON.stringify(digest?.blocks);
    expect(shown).toContain('Reliability digest: week of Nov 30');
    expect(shown).toContain('*Opened:* 2 incidents (SEV1 1 · SEV2 1)');
    expect(shown).toContain('*INC-101* Checkout errors · SEV1');
    expect(shown).toContain('1 private incident (counted, not named)');
    // INC-101 took 1h 40m and the private one 1h: counted in the figures, never named.
    expect(shown).toContain('Time to restore: 1h 20m · not measured');
    expect(shown).toContain('*Drills:* 1 run this week');
    const [chart] = harness.emulator.workspace.files(reliability.id);
    expect(chart?.name).toBe('reliability-digest-2026-11-30.png');
    expect(chart?.mimetype).toBe('image/png');
    expect(pngSize(chart!.bytes)).toEqual({ width: 1600, height: 720 });
    expect(chart?.altTxt).toMatch(/^Incidents per week by severity and median time to restore, 12 weeks/);
    const thread = harness.emulator.workspace.replies(reliability.id, digest!.ts) as Message[];
    expect(thread.flatMap((m) => m.files ?? []).map((f) => f.name)).toEqual(['reliability-digest-2026-11-30.png']);
    await at('2026-12-07T10:00:00Z');
    await at('2026-12-14T08:59:00Z');
    expect(digests()).toHaveLength(1);
    await at('2026-12-14T09:00:30Z');
    expect(digests()).toHaveLength(2);
    expect(JSON.stringify(digests()[1]?.blocks)).toContain('week of Dec 7');
  });

  it('is posted once when two processes run the job at once, and once across a restart', async () => {
    const replica = await harness.startReplica();
    await at('2026-12-07T09:00:30Z', harness.app, replica.app, harness.app, replica.app);
    expect(digests()).toHaveLength(1);
    await harness.app.stop();
    const restarted = await harness.startReplica();
    await at('2026-12-07T09:30:00Z', replica.app, restarted.app);
    expect(digests()).toHaveLength(1);
    expect(harness.emulator.workspace.files(reliability.id)).toHaveLength(1);
    const weeks = await database.db.select().from(digestWeeksTable);
    expect(weeks.map((week) => week.weekStart)).toEqual(['2026-11-30']);
  });

  it('goes out late, once, for the most recent complete week after a downtime spanning two slots', async () => {
    await harness.app.stop();
    // Down from Wednesday 12-02 to Wednesday 12-16: the slots of 12-07 and 12-14 passed while nothing ran.
    clock.set(new Date('2026-12-16T15:00:00Z'));
    const back = await harness.startReplica();
    await eventually(() => digests().length === 1);
    await back.app.jobs.runDue();
    await harness.settle();
    expect(digests()).toHaveLength(1);
    expect(JSON.stringify(digests()[0]?.blocks)).toContain('week of Dec 7');
    const pending = await database.db
      .select()
      .from(scheduledJobsTable)
      .where(eq(scheduledJobsTable.kind, 'insights.digest'));
    expect(pending.filter((job) => job.status === 'pending').map((job) => job.runAt.toISOString())).toEqual([
      '2026-12-21T09:00:00.000Z',
    ]);
  });

  it('is posted once when Slack performed the post but the answer was lost', async () => {
    harness.emulator.faults.add('chat.postMessage', { kind: 'lost' });
    clock.set(new Date('2026-12-07T09:00:30Z'));
    await harness.app.jobs.runDue();
    await eventually(async () => {
      await harness.settle();
      return harness.emulator.callsTo('conversations.history').length > 0;
    }, 20_000);
    await harness.settle();
    expect(digests()).toHaveLength(1);
    expect(harness.emulator.workspace.files(reliability.id)).toHaveLength(1);
    const effects = await database.db.select().from(outboxTable).where(eq(outboxTable.kind, 'digest.post'));
    expect(effects.map((effect) => effect.status)).toEqual(['done']);
  });

  it('uploads the chart once when Slack shared it but the answer was lost', async () => {
    harness.emulator.faults.add('files.completeUploadExternal', { kind: 'lost' });
    clock.set(new Date('2026-12-07T09:00:30Z'));
    await harness.app.jobs.runDue();
    // The retry finds the digest (by the effect id) and the chart in its thread (by the file's name).
    await eventually(async () => {
      await harness.settle();
      return harness.emulator.callsTo('conversations.replies').length > 0;
    }, 20_000);
    await harness.settle();
    expect(digests()).toHaveLength(1);
    expect(harness.emulator.workspace.files(reliability.id)).toHaveLength(1);
    expect(harness.emulator.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('never names a private incident in the channel, its title, reference or chart description', async () => {
    const open = await declared(harness, database, 'declare sev2 Checkout slow');
    const secret = await declared(harness, database, 'declare sev2 Payroll export leaked');
    await run(harness, alice, secret.channelId, 'private');
    await harness.settle();
    await at('2026-12-07T09:00:30Z');
    const [digest] = digests();
    const everything = JSON.stringify([
      harness.emulator.workspace.messages(reliability.id),
      harness.emulator.workspace.replies(reliability.id, digest!.ts),
      harness.emulator.workspace.files(reliability.id).map(({ bytes: _bytes, content: _content, ...file }) => file),
    ]);
    expect(everything).toContain(`*INC-${open.number}* Checkout slow`);
    expect(everything).toContain(`<#${open.channelId}>`);
    expect(everything).toContain('1 private incident (counted, not named)');
    expect(everything).not.toContain('Payroll');
    expect(everything).not.toContain(`INC-${secret.number}`);
    expect(everything).not.toContain(secret.channelId);
  });
});

describe('without digest.channel', () => {
  it('plans no digest and posts none', async () => {
    await harness.stop();
    // Nothing left of the first process, which started with digest.channel set.
    await database.reset();
    harness = await startHarness(database, { clock, config: base });
    reliability = harness.emulator.workspace.addChannel({ name: 'reliability', members: [] });
    await at('2026-12-07T09:00:30Z');
    await at('2026-12-14T09:00:30Z');
    expect(digests()).toHaveLength(0);
    const jobs = await database.db
      .select()
      .from(scheduledJobsTable)
      .where(eq(scheduledJobsTable.kind, 'insights.digest'));
    expect(jobs).toEqual([]);
  });

  it('lets a digest planned before the setting was removed pass without posting or planning again', async () => {
    await harness.stop();
    // The job the first process planned (digest.channel was set then) is still pending in the database.
    harness = await startHarness(database, { clock, config: base });
    reliability = harness.emulator.workspace.addChannel({ name: 'reliability', members: [] });
    await at('2026-12-07T09:00:30Z');
    expect(digests()).toHaveLength(0);
    expect(await database.db.select().from(digestWeeksTable)).toEqual([]);
    const jobs = await database.db
      .select()
      .from(scheduledJobsTable)
      .where(eq(scheduledJobsTable.kind, 'insights.digest'));
    expect(jobs.map((job) => job.status)).toEqual(['done']);
  });
});
