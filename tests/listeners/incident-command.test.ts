import { describe, expect, it } from 'vitest';
import { onIncidentCommand } from '../../src/slack/listeners/commands/incident-command.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { commandArgs, declaredIncident, listenerServices } from '../support/fake-listener-args.ts';
import { alice, general } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

describe('/incident subcommands', () => {
  it('answers a refusal in the acknowledgement with the DomainError text', async () => {
    const services = await listenerServices(database);
    const fake = commandArgs({ userId: alice, channelId: general, text: 'note the database is back' });
    await onIncidentCommand(services)(fake.args);
    expect(fake.ack.responses).toEqual([
      { response_type: 'ephemeral', text: `:warning: ${services.copy.render('errors.not_in_incident_channel')}` },
    ]);
  });

  it('answers through response_url when the subcommand had already acknowledged', async () => {
    const services = await listenerServices(database);
    const _incident = await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    // "resolve" acks before it opens the form; a Slack failure after that is answered through respond.
    const fake = commandArgs({ userId: alice, channelId: 'C0INC1', text: 'resolve' });
    fake.client.client.views.open = (async () => {
      throw new Error('trigger expired');
    }) as never;
    await expect(onIncidentCommand(services)(fake.args)).rejects.toThrow('trigger expired');
    expect(fake.ack.responses).toEqual([undefined]);
    expect(fake.respond.messages).toHaveLength(1);
    expect(fake.respond.messages[0]?.text).toMatch(/reference/i);
  });

  it('answers a usage error with the usage text', async () => {
    const services = await listenerServices(database);
    const _incident = await declaredIncident(services, { declaredBy: alice, channelId: 'C0INC1' });
    const fake = commandArgs({ userId: alice, channelId: 'C0INC1', text: 'sev' });
    await onIncidentCommand(services)(fake.args);
    expect(fake.ack.responses).toEqual([
      { response_type: 'ephemeral', text: `:warning: ${services.copy.render('commands.usage_sev')}` },
    ]);
  });
});
