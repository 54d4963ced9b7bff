import { describe, expect, it } from 'vitest';
import { listMilestones } from '../../src/incidents/index.ts';
import { listPendingJobs } from '../../src/scheduler/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import type { Harness } from '../support/harness.ts';
import { alice, declared, incident, run, submitForm } from '../support/lifecycle.ts';

let database: TestDatabase;
let harness: Harness;
useE2eHarness({ database: (d) => (database = d), harness: (h) => (harness = h), current: () => harness });

describe('lifecycle and milestones agree', () => {
  it('monitoring sets mitigated; a back-dated resolution sets the resolved milestone to that time', async () => {
    const inc = await declared(harness, database);
    const startedAt = new Date(Math.floor((Date.now() - 60 * 60_000) / 60_000) * 60_000);
    await run(harness, alice, inc.channelId, `milestone started ${startedAt.toISOString()}`);
    await run(harness, alice, inc.channelId, 'status monitoring');
    const mitigated = (await incident(harness, database, 1)).mitigatedAt;
    const resolvedAt = new Date(Math.floor((Date.now() - 10 * 60_000) / 60_000) * 60_000);
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'resolve' });
    const submitted = await submitForm(harness, alice, 'incident_resolve', {
      resolved_at: resolvedAt.getTime() / 1000,
      severity: 'sev1',
      change_induced: 'no',
      impact: 'Checkout slow for 20 minutes',
    });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.outcome).toBe('closed');
    await harness.settle();
    const resolved = await incident(harness, database, 1);
    const milestones = await listMilestones(database.db, resolved);
    expect(milestones.mitigated?.getTime()).toBe(mitigated?.getTime());
    expect(milestones.resolved?.toISOString()).toBe(resolvedAt.toISOString());
    expect(resolved.resolvedAt?.toISOString()).toBe(resolvedAt.toISOString());
    expect(milestones.started?.toISOString()).toBe(startedAt.toISOString());
    expect(resolved.startedAt?.toISOString()).toBe(startedAt.toISOString());
  });
});

describe('lifecycle drives the other capabilities', () => {
  it('a severity change through /incident sev reschedules the update reminder; resolving cancels it', async () => {
    const inc = await declared(harness, database);
    const reminders = () =>
      listPendingJobs(database.db, { teamId: harness.emulator.teamId, keyPrefix: `incident:${inc.id}:update` });
    const [first] = await reminders();
    expect(first).toBeDefined();
    await run(harness, alice, inc.channelId, 'sev sev0 every region is failing now');
    await harness.settle();
    const [rescheduled] = await reminders();
    expect(rescheduled!.runAt.getTime()).toBeLessThan(first!.runAt.getTime());
    await harness.emulator.slashCommand({ userId: alice, channelId: inc.channelId, text: 'resolve' });
    await submitForm(harness, alice, 'incident_resolve', {
      severity: 'sev0',
      change_induced: 'no',
      impact: 'All regions failed',
    });
    await harness.settle();
    expect(await reminders()).toEqual([]);
  });
});
