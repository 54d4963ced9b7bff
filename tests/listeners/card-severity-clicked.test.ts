import { describe, expect, it } from 'vitest';
import { declareIncident, type Incident, updateIncidentSlackRefs } from '../../src/incidents/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { onClick } from '../../src/slack/listeners/actions/action-support.ts';
import { cardSeverityClicked } from '../../src/slack/listeners/actions/card-severity-clicked.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { clickArgs, listenerServices, teamId, triggerId } from '../support/fake-listener-args.ts';
import { alice, bob } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const secretChannel = 'C0SECRET';

/** A private incident declared by alice, whose channel only alice is in. */
async function privateIncident(services: SlackServices): Promise<Incident> {
  const { incident } = await declareIncident(services.deps, {
    teamId,
    declareKey: 'k1',
    declaredBy: alice,
    title: 'Vault breach',
    severity: 'sev1',
    isPrivate: true,
  });
  await updateIncidentSlackRefs(database.db, { teamId, id: incident.id, channelId: secretChannel });
  return incident;
}

const click = (services: SlackServices) => onClick(services, 'card severity', cardSeverityClicked);

// `userId` clicks Change severity on the card of a private incident whose channel only alice is in.
async function clickSeverityAs(userId: string) {
  const services = await listenerServices(database);
  const incident = await privateIncident(services);
  const fake = clickArgs({
    userId,
    actionId: ids.actions.cardSeverity,
    value: String(incident.id),
    members: { [secretChannel]: [alice] },
  });
  await click(services)(fake.args);
  return { services, fake };
}

describe('card severity clicked', () => {
  it('opens the severity form for a member of the private incident', async () => {
    const { fake } = await clickSeverityAs(alice);
    expect(fake.ack.responses).toHaveLength(1);
    const [opened] = fake.client.callsTo('views.open');
    expect(opened).toMatchObject({ trigger_id: triggerId, view: { callback_id: ids.views.severity } });
    expect(fake.respond.messages).toEqual([]);
  });

  it('answers a non-member with the not-visible text and opens nothing', async () => {
    const { services, fake } = await clickSeverityAs(bob);
    expect(fake.client.callsTo('views.open')).toEqual([]);
    expect(fake.respond.messages).toEqual([
      {
        response_type: 'ephemeral',
        replace_original: false,
        text: `:warning: ${services.copy.render('errors.incident_not_visible', { ref: '' })}`,
      },
    ]);
  });

  it('answers a button for an incident that does not exist with the same text', async () => {
    const services = await listenerServices(database);
    const fake = clickArgs({ userId: bob, actionId: ids.actions.cardSeverity, value: '4242' });
    await click(services)(fake.args);
    expect(fake.respond.messages.map((m) => m.text)).toEqual([
      `:warning: ${services.copy.render('errors.incident_not_visible', { ref: '' })}`,
    ]);
  });
});
