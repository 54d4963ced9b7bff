import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { declareIncident, incidentStream, listIncidents, listRoleHolders } from '../../src/incidents/index.ts';
import { listStreamEffects } from '../../src/outbox/index.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { testDeps } from '../support/services.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const base = { teamId: 'T1', declaredBy: 'U0ALICE', title: 'Checkout errors spiking', severity: 'P1' };

describe('declareIncident', () => {
  it('records the incident, its commander, timeline, audit and the Slack work to do', async () => {
    const { deps, kicks } = await testDeps(database);
    const { incident, created } = await declareIncident(deps, {
      ...base,
      declareKey: 'k1',
      responseUrl: 'http://x/response/1',
    });
    expect(created).toBe(true);
    expect(incident).toMatchObject({
      number: 1,
      severity: 'sev1',
      status: 'investigating',
      channelName: 'inc-1-checkout-errors-spiking',
      isPrivate: false,
    });
    expect(await listRoleHolders(database.db, { teamId: 'T1', incidentId: incident.id })).toMatchObject([
      { role: 'commander', userId: 'U0ALICE' },
    ]);
    const timeline = await listTimeline(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(timeline.map((e) => e.kind)).toEqual(['declared', 'role_assigned']);
    const audit = await listAudit(database.db, { teamId: 'T1', incidentId: incident.id });
    expect(audit.map((a) => a.action)).toEqual(['incident.declared', 'role.assigned']);
    const effects = await listStreamEffects(database.db, { teamId: 'T1', stream: incidentStream(incident.id) });
    expect(effects.map((e) => e.kind)).toEqual([
      'channel.create',
      'channel.invite',
      'channel.topic',
      'card.post',
      'card.pin',
      'incident.announce',
      'roles.ask',
      'declarer.confirm',
    ]);
    expect(effects.find((e) => e.kind === 'roles.ask')?.payload).toMatchObject({ roles: ['comms'] });
    expect(kicks.count).toBe(1);
  });

  it('returns the first incident when the same request is declared again', async () => {
    const { deps, kicks } = await testDeps(database);
    const first = await declareIncident(deps, { ...base, declareKey: 'same' });
    const second = await declareIncident(deps, { ...base, declareKey: 'same' });
    expect(second).toEqual({ incident: first.incident, created: false });
    expect(await listIncidents(database.db, { teamId: 'T1' })).toHaveLength(1);
    expect(kicks.count).toBe(1);
  });

  it('numbers concurrent declares 1..10 without gaps or repeats', async () => {
    const { deps } = await testDeps(database);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        declareIncident(deps, { ...base, declareKey: `c${i}`, title: `Incident ${i}` }),
      ),
    );
    expect(results.map((r) => r.incident.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps numbers per workspace', async () => {
    const { deps } = await testDeps(database);
    await declareIncident(deps, { ...base, declareKey: 'a' });
    const other = await declareIncident(deps, { ...base, teamId: 'T2', declareKey: 'a' });
    expect(other.incident.number).toBe(1);
  });

  it('does not announce or link a private incident', async () => {
    const { deps } = await testDeps(database);
    const { incident } = await declareIncident(deps, {
      ...base,
      declareKey: 'p',
      isPrivate: true,
      severity: 'sev3',
      sourceMessage: { channelId: 'C0GENERAL', ts: '1.2', text: 'hm' },
    });
    const kinds = (await listStreamEffects(database.db, { teamId: 'T1', stream: incidentStream(incident.id) })).map(
      (e) => e.kind,
    );
    expect(kinds).not.toContain('incident.announce');
    expect(kinds).not.toContain('source.link');
    expect(kinds).not.toContain('roles.ask');
  });

  it('lets the declarer name another commander', async () => {
    const { deps } = await testDeps(database);
    const { incident } = await declareIncident(deps, { ...base, declareKey: 'c', commanderId: 'U0BOB' });
    expect(await listRoleHolders(database.db, { teamId: 'T1', incidentId: incident.id })).toMatchObject([
      { role: 'commander', userId: 'U0BOB' },
    ]);
  });

  it('rejects bad input with a message saying what to type, and stores nothing', async () => {
    const { deps } = await testDeps(database);
    await expect(declareIncident(deps, { ...base, declareKey: 'x', severity: 'sev9' })).rejects.toThrow(
      /"sev9" is not a severity/,
    );
    await expect(declareIncident(deps, { ...base, declareKey: 'y', title: ' ' })).rejects.toThrow(/short title/);
    await expect(
      declareIncident(deps, { ...base, declareKey: 'z', startedAt: new Date('2030-01-01') }),
    ).rejects.toThrow(/future/);
    expect(await listIncidents(database.db, { teamId: 'T1' })).toHaveLength(0);
  });
});
