import { describe, expect, it } from 'vitest';
import { findIncidentById } from '../../src/incidents/index.ts';
import { ids } from '../../src/slack/ids.ts';
import { severityFormFields, severityFormSubmitted } from '../../src/slack/listeners/views/severity-form-submitted.ts';
import { onSubmit } from '../../src/slack/listeners/views/view-support.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { declaredIncident, listenerServices, submitArgs, teamId } from '../support/fake-listener-args.ts';
import { alice } from '../support/lifecycle.ts';

let database: TestDatabase;
useTestDatabase((created) => {
  database = created;
});

const f = ids.lifecycleModal;
const submit = (services: SlackServices) =>
  onSubmit(services, 'severity form', severityFormFields, severityFormSubmitted);
const values = (severity: string, reason: string) => ({
  [f.severity]: {
    [f.severity]: {
      type: 'static_select',
      selected_option: { value: severity, text: { type: 'plain_text', text: severity } },
    },
  },
  [f.reason]: { [f.reason]: { type: 'plain_text_input', value: reason } },
});

// Submits the severity form of a fresh SEV2 incident as alice would.
async function submitSeverity(severity: string, reason: string) {
  const services = await listenerServices(database);
  const incident = await declaredIncident(services, { declaredBy: alice });
  const fake = submitArgs({
    userId: alice,
    callbackId: ids.views.severity,
    privateMetadata: JSON.stringify({ incidentId: incident.id }),
    values: values(severity, reason),
  });
  await submit(services)(fake.args);
  return { fake, incident };
}

describe('severity form submitted', () => {
  it('replaces a form whose private_metadata cannot be read with the malformed-payload notice', async () => {
    const services = await listenerServices(database);
    const incident = await declaredIncident(services, { declaredBy: alice });
    const fake = submitArgs({
      userId: alice,
      callbackId: ids.views.severity,
      privateMetadata: '{"incidentId":',
      values: values('sev1', 'spreading'),
    });
    await submit(services)(fake.args);
    expect(fake.ack.responses).toHaveLength(1);
    expect(fake.ack.responses[0]).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(JSON.stringify(fake.ack.responses[0])).toContain(
      JSON.stringify(services.copy.render('errors.malformed_payload', { what: 'form' })).slice(1, -1),
    );
    expect((await findIncidentById(database.db, { teamId, id: incident.id }))?.severity).toBe('sev2');
  });

  it('shows a refusal about the severity under the severity field and keeps the form open', async () => {
    const { fake } = await submitSeverity('sev9', 'spreading');
    expect(fake.ack.responses).toEqual([{ response_action: 'errors', errors: { [f.severity]: expect.any(String) } }]);
  });

  it('changes the severity and closes the form', async () => {
    const { fake, incident } = await submitSeverity('sev1', 'spreading');
    expect(fake.ack.responses).toEqual([undefined]);
    expect((await findIncidentById(database.db, { teamId, id: incident.id }))?.severity).toBe('sev1');
  });
});
