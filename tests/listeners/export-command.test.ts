import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../src/audit/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { onIncidentCommand } from '../../src/slack/listeners/commands/incident-command.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { commandArgs, declaredIncident, listenerServices, teamId } from '../support/fake-listener-args.ts';
import { alice, bob } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const queued = () =>
  queryRows<{ kind: string; payload: Record<string, unknown> }>(
    database.db,
    sql`SELECT kind, payload FROM outbox WHERE kind = 'evidence.export' ORDER BY id`,
  );

describe('/incident export', () => {
  it('says the bundle is being prepared and queues its upload, recorded on the timeline and in the audit log', async () => {
    const services = await listenerServices(database);
    const incident = await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    const fake = commandArgs({ userId: bob, channelId: 'C0INC1', text: 'export' });
    await onIncidentCommand(services)(fake.args);
    expect(fake.ack.responses).toEqual([
      { response_type: 'ephemeral', text: services.copy.render('evidence.preparing') },
    ]);
    expect(await queued()).toEqual([
      { kind: 'evidence.export', payload: { incidentId: incident.id, requestedBy: bob, exportNumber: 1 } },
    ]);
    const entries = await listTimeline(database.db, { teamId, incidentId: incident.id });
    expect(entries.filter((e) => e.kind === 'evidence_exported').map((e) => e.actorId)).toEqual([bob]);
    const audit = await listAudit(database.db, { teamId, incidentId: incident.id });
    expect(audit.find((e) => e.action === 'incident.evidence_exported')).toMatchObject({
      actorId: bob,
      after: { exportNumber: 1, files: ['inc-1-evidence-1.md', 'inc-1-evidence-1.json'] },
    });
  });

  it('queues one upload when Slack delivers the same command twice', async () => {
    const services = await listenerServices(database);
    await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    for (let i = 0; i < 2; i++)
      await onIncidentCommand(services)(commandArgs({ userId: alice, channelId: 'C0INC1', text: 'export' }).args);
    expect(await queued()).toHaveLength(1);
  });

  it('refuses text after it and queues nothing', async () => {
    const services = await listenerServices(database);
    await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    const fake = commandArgs({ userId: alice, channelId: 'C0INC1', text: 'export INC-1 please' });
    await onIncidentCommand(services)(fake.args);
    expect(fake.ack.responses).toEqual([
      { response_type: 'ephemeral', text: `:warning: ${services.copy.render('evidence.usage')}` },
    ]);
    expect(await queued()).toEqual([]);
  });
});
