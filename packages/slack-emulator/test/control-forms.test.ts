/** The control API's buttons, menus and modals, all by label: what a person clicks, picks and types. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, type FakeAnswer, type ReceivedRequest, startFakeApp } from './helpers.ts';

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;

const text = (value: string) => ({ type: 'plain_text', text: value });
const option = (label: string, value: string) => ({ text: text(label), value });
const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false) => ({
  type: 'input',
  block_id: blockId,
  label: text(label),
  optional,
  element: { action_id: blockId, ...element },
});

function declareModal(extra: Array<Record<string, unknown>> = []) {
  return {
    type: 'modal',
    callback_id: 'declare',
    notify_on_close: true,
    title: text('Declare incident'),
    submit: text('Declare'),
    close: text('Cancel'),
    blocks: [
      input('title', 'Title', { type: 'plain_text_input' }),
      input('severity', 'Severity', {
        type: 'static_select',
        options: [option('SEV1 · Major: a key feature is down', 'sev1'), option('SEV2 · Significant', 'sev2')],
      }),
      input('commander', 'Commander', { type: 'users_select' }, true),
      input(
        'services',
        'Services',
        { type: 'multi_static_select', options: [option('API', 'api'), option('Web', 'web')] },
        true,
      ),
      input('private', 'Private', { type: 'checkboxes', options: [option('Only invited people', 'yes')] }, true),
      input('day', 'Day', { type: 'datepicker' }, true),
      input('at', 'At', { type: 'timepicker' }, true),
      input('started', 'Started', { type: 'datetimepicker' }, true),
      input('count', 'Customers', { type: 'number_input', is_decimal_allowed: false }, true),
      {
        type: 'actions',
        block_id: 'tools',
        elements: [{ type: 'button', action_id: 'preview', text: text('Preview') }],
      },
      ...extra,
    ],
  };
}

const card = [
  { type: 'section', text: { type: 'mrkdwn', text: '*INC-1* Checkout slow' } },
  {
    type: 'actions',
    block_id: 'card',
    elements: [
      { type: 'button', action_id: 'start', text: text(':arrow_forward: Start'), value: 'inc-1' },
      { type: 'button', action_id: 'resolve', text: text('Resolve'), value: 'inc-1' },
      {
        type: 'static_select',
        action_id: 'status',
        initial_option: option('Investigating', 'investigating'),
        options: [option('Investigating', 'investigating'), option('Identified', 'identified')],
      },
      { type: 'overflow', action_id: 'more', options: [option('Export', 'export'), option('Archive', 'archive')] },
    ],
  },
];

async function answer(request: ReceivedRequest): Promise<FakeAnswer> {
  const body = request.body;
  const client = clientFor(emulator);
  if (body.command) {
    await client.views.open({ trigger_id: body.trigger_id, view: declareModal() as never });
    return {};
  }
  if (body.type === 'block_actions' && body.view && body.actions[0].action_id === 'preview') {
    const title = body.view.state.values.title?.title?.value ?? '';
    await client.views.update({
      view_id: body.view.id,
      view: declareModal([{ type: 'section', text: { type: 'mrkdwn', text: `Preview: ${title}` } }]) as never,
    });
  }
  if (body.type === 'view_submission') {
    const title = body.view.state.values.title.title.value as string;
    if (title.length < 3) return { body: { response_action: 'errors', errors: { title: 'Too short' } } };
  }
  return {};
}

beforeAll(async () => {
  app = await startFakeApp(answer);
});
beforeEach(async () => {
  await emulator?.close();
  emulator = await emulatorForTest({ appUrl: app.url });
  app.requests.length = 0;
  await clientFor(emulator).chat.postMessage({ channel: 'C0INCIDENTS', text: 'INC-1 card', blocks: card as never });
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

async function control(path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) };
  const response = await fetch(`${emulator.baseUrl}/_emulator/${path}`, init);
  return { status: response.status, json: await response.json() };
}

const onCard = { user: 'bob', channel: '#incidents', message: { containing: 'Checkout slow' } };
const last = () => app.last().body;

describe('buttons and menus in messages, by label', () => {
  it('clicks a button by its label, emoji aside', async () => {
    const reply = await control('click', { ...onCard, button: 'start' });
    expect(reply).toMatchObject({ status: 200, json: { status: 200 } });
    expect(last()).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB' },
      actions: [{ action_id: 'start', block_id: 'card', value: 'inc-1' }],
    });
  });

  it('lists the buttons there are when the label is not one of them', async () => {
    const reply = await control('click', { ...onCard, button: 'Resolv' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/has no button 'Resolv': its buttons are ':arrow_forward: Start', 'Resolve'$/);
  });

  it('says a label is ambiguous when two buttons carry it', async () => {
    const twice = [
      { type: 'actions', elements: [card[1]?.elements?.[1], { ...card[1]?.elements?.[1], action_id: 'resolve2' }] },
    ];
    await clientFor(emulator).chat.postMessage({ channel: 'C0INCIDENTS', text: 'twice', blocks: twice as never });
    const reply = await control('click', { user: 'bob', channel: '#incidents', message: 'latest', button: 'Resolve' });
    expect(reply.json.error).toMatch(/has 2 buttons labelled 'Resolve': it is ambiguous/);
  });

  it("chooses a select menu's option by label, naming the menu by what it shows", async () => {
    await control('choose', { ...onCard, menu: 'Investigating ▾', option: 'Identified' });
    expect(last().actions).toMatchObject([
      { type: 'static_select', action_id: 'status', selected_option: { value: 'identified' } },
    ]);
  });

  it("chooses an overflow menu's option", async () => {
    await control('choose', { ...onCard, option: 'Archive' });
    expect(last().actions).toMatchObject([
      { type: 'overflow', action_id: 'more', selected_option: { value: 'archive' } },
    ]);
  });

  it('lists the options when the label is not one', async () => {
    const reply = await control('choose', { ...onCard, option: 'Resolved' });
    expect(reply.json.error).toMatch(
      /has no option 'Resolved': its options are 'Investigating', 'Identified', 'Export', 'Archive'$/,
    );
  });

  it('clicks in an ephemeral message the user got', async () => {
    await clientFor(emulator).chat.postEphemeral({
      channel: 'C0INCIDENTS',
      user: 'U0BOB',
      text: 'offer',
      blocks: card as never,
    });
    await control('click', {
      user: 'bob',
      channel: '#incidents',
      message: { ephemeral: true, containing: 'INC-1' },
      button: 'Resolve',
    });
    expect(last()).toMatchObject({ container: { is_ephemeral: true }, actions: [{ action_id: 'resolve' }] });
  });
});

describe('modals, by label', () => {
  beforeEach(async () => {
    await control('command', { user: 'alice', channel: '#incidents', text: 'declare' });
  });

  it('reads the open modal: its fields with type, options and value, and its buttons', async () => {
    const form = await control('form/alice');
    expect(form.json).toMatchObject({
      title: 'Declare incident',
      callbackId: 'declare',
      submit: 'Declare',
      close: 'Cancel',
      buttons: ['Preview'],
      rendered: expect.stringContaining('Modal: Declare incident'),
    });
    expect(form.json.fields.slice(0, 2)).toEqual([
      { label: 'Title', type: 'plain_text_input', required: true, value: null },
      {
        label: 'Severity',
        type: 'static_select',
        required: true,
        value: null,
        options: ['SEV1 · Major: a key feature is down', 'SEV2 · Significant'],
      },
    ]);
  });

  it('fills every kind of field by label and submits what Slack would send', async () => {
    await control('fill', {
      user: 'alice',
      fields: {
        Title: 'Checkout slow',
        Severity: 'SEV1',
        Commander: '@bob',
        Services: ['API', 'Web'],
        Private: true,
        Day: '2026-12-02',
        At: '14:30',
        Started: '2026-12-02 14:30',
        Customers: 40,
      },
    });
    const submitted = await control('submit', { user: 'alice' });
    expect(submitted.json).toMatchObject({ outcome: 'closed', modal: null });
    const values = last().view.state.values;
    expect(values).toMatchObject({
      title: { title: { value: 'Checkout slow' } },
      severity: { severity: { selected_option: { value: 'sev1' } } },
      commander: { commander: { selected_user: 'U0BOB' } },
      services: { services: { selected_options: [{ value: 'api' }, { value: 'web' }] } },
      private: { private: { selected_options: [{ value: 'yes' }] } },
      day: { day: { selected_date: '2026-12-02' } },
      at: { at: { selected_time: '14:30' } },
      started: { started: { selected_date_time: Date.UTC(2026, 11, 2, 14, 30) / 1000 } },
      count: { count: { value: '40' } },
    });
  });

  it('returns the field errors keyed by label and keeps the modal open', async () => {
    const reply = await control('submit', { user: 'alice', fields: { Title: 'no', Severity: 'SEV2' } });
    expect(reply.json).toMatchObject({
      outcome: 'errors',
      errors: { Title: 'Too short' },
      modal: { errors: { Title: 'Too short' } },
    });
    const fixed = await control('submit', { user: 'alice', fields: { Title: 'Checkout slow' } });
    expect(fixed.json.outcome).toBe('closed');
    expect(last().view.state.values.severity.severity.selected_option.value).toBe('sev2');
  });

  it('lists the fields when a label is unknown, and the options when an option is', async () => {
    const field = await control('fill', { user: 'alice', fields: { Name: 'x' } });
    expect(field.json.error).toMatch(/modal has no field 'Name': its fields are 'Title', 'Severity', 'Commander'/);
    const choice = await control('fill', { user: 'alice', fields: { Severity: 'SEV3' } });
    expect(choice.json.error).toBe(
      "field 'Severity' has no option 'SEV3': its options are 'SEV1 · Major: a key feature is down', 'SEV2 · Significant'",
    );
    const user = await control('fill', { user: 'alice', fields: { Commander: 'zed' } });
    expect(user.json.error).toMatch(/^unknown user 'zed'/);
  });

  it("says what Slack's client would: a required field left empty cannot be submitted", async () => {
    const reply = await control('submit', { user: 'alice', fields: { Title: 'Checkout slow' } });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/required input 'severity'/);
  });

  it('clicks a button in the modal by label with what was filled, and keeps it across the update', async () => {
    await control('fill', { user: 'alice', fields: { Title: 'Checkout slow' } });
    await control('click', { user: 'alice', button: 'Preview' });
    const form = await control('form/alice');
    expect(form.json.rendered).toContain('Preview: Checkout slow');
    expect(form.json.fields[0]).toMatchObject({ label: 'Title', value: 'Checkout slow' });
  });

  it('renders the modal with what was filled so far', async () => {
    await control('fill', { user: 'alice', fields: { Title: 'Checkout slow', Severity: 'SEV2' } });
    const form = await control('form/alice');
    expect(form.json.rendered).toContain('Title: [Checkout slow]');
    expect(form.json.rendered).toContain('Severity: [SEV2 · Significant ▾]');
  });

  it('asks for the channel when a message is given without one', async () => {
    const reply = await control('click', { user: 'alice', message: 'latest', button: 'Preview' });
    expect(reply.json.error).toBe("'message' needs 'channel': the channel the message is in");
  });

  it('submits and closes through the footer buttons by their labels', async () => {
    const closed = await control('click', { user: 'alice', button: 'Cancel' });
    expect(closed.json).toMatchObject({ outcome: 'closed', modal: null });
    expect(last()).toMatchObject({ type: 'view_closed', view: { callback_id: 'declare' } });
    expect((await control('form/alice')).json).toEqual({ error: 'alice has no open modal' });
  });

  it('closes the modal with close', async () => {
    await control('close', { user: 'alice' });
    expect((await control('views/alice')).json).toEqual({ modals: [], home: null });
  });
});
