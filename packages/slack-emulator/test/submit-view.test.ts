import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { clientFor, emulatorForTest, startFakeApp } from './helpers.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const option = (text: string, value: string) => ({ text: plain(text), value });
const input = (blockId: string, element: Record<string, unknown>, optional = true) => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: plain(blockId),
  element: { action_id: blockId, ...element },
});

const form = {
  type: 'modal',
  callback_id: 'everything',
  title: plain('Everything'),
  submit: plain('Save'),
  blocks: [
    input('title', { type: 'plain_text_input', max_length: 20 }, false),
    input('severity', {
      type: 'static_select',
      option_groups: [
        { label: plain('High'), options: [option('SEV1', 'sev1')] },
        { label: plain('Low'), options: [option('SEV3', 'sev3')] },
      ],
    }),
    input('service', { type: 'external_select' }),
    input('commander', { type: 'users_select' }),
    input('responders', { type: 'multi_users_select' }),
    input('channel', { type: 'conversations_select' }),
    input('tags', { type: 'multi_static_select', options: [option('DB', 'db'), option('API', 'api')] }),
    input('checks', {
      type: 'checkboxes',
      options: [option('Customer impact', 'impact'), option('Data loss', 'loss')],
    }),
    input('mode', {
      type: 'radio_buttons',
      options: [option('Public', 'public'), option('Private', 'private')],
      initial_option: option('Public', 'public'),
    }),
    input('date', { type: 'datepicker' }),
    input('time', { type: 'timepicker' }),
    input('started', { type: 'datetimepicker' }),
    input('count', { type: 'number_input', is_decimal_allowed: false }),
    input('notes', { type: 'rich_text_input' }),
  ],
};

let emulator: Emulator;
let app: Awaited<ReturnType<typeof startFakeApp>>;
let viewId: string;
beforeAll(async () => {
  app = await startFakeApp(() => ({ body: { response_action: 'errors', errors: { title: 'keep open' } } }));
  emulator = await emulatorForTest({ appUrl: app.url });
  const { triggerId } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
  viewId = (await clientFor(emulator).views.open({ trigger_id: triggerId, view: form as never })).view!.id!;
});
afterAll(async () => {
  await emulator.close();
  await app.close();
});

describe('submitView value mapping', () => {
  it('maps values to Slack’s state shape per element type', async () => {
    await emulator.submitView({
      userId: 'U0ALICE',
      viewId,
      values: {
        title: 'Checkout down',
        severity: 'sev3',
        service: 'payments',
        commander: 'U0BOB',
        responders: ['U0CAROL', 'U0DAVE'],
        channel: 'C0INCIDENTS',
        tags: ['db', 'api'],
        checks: ['impact'],
        date: '2024-11-25',
        time: '09:30',
        started: 1732527000,
        count: 3,
        notes: 'first line',
      },
    });
    const values = app.last().body.view.state.values;
    expect(values).toEqual({
      title: { title: { type: 'plain_text_input', value: 'Checkout down' } },
      severity: { severity: { type: 'static_select', selected_option: option('SEV3', 'sev3') } },
      service: {
        service: {
          type: 'external_select',
          selected_option: { text: { type: 'plain_text', text: 'payments', emoji: true }, value: 'payments' },
        },
      },
      commander: { commander: { type: 'users_select', selected_user: 'U0BOB' } },
      responders: { responders: { type: 'multi_users_select', selected_users: ['U0CAROL', 'U0DAVE'] } },
      channel: { channel: { type: 'conversations_select', selected_conversation: 'C0INCIDENTS' } },
      tags: { tags: { type: 'multi_static_select', selected_options: [option('DB', 'db'), option('API', 'api')] } },
      checks: { checks: { type: 'checkboxes', selected_options: [option('Customer impact', 'impact')] } },
      mode: { mode: { type: 'radio_buttons', selected_option: option('Public', 'public') } },
      date: { date: { type: 'datepicker', selected_date: '2024-11-25' } },
      time: { time: { type: 'timepicker', selected_time: '09:30' } },
      started: { started: { type: 'datetimepicker', selected_date_time: 1732527000 } },
      count: { count: { type: 'number_input', value: '3' } },
      notes: {
        notes: {
          type: 'rich_text_input',
          rich_text_value: {
            type: 'rich_text',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'first line' }] }],
          },
        },
      },
    });
  });

  it('sends inputs the user left alone with empty values like Slack', async () => {
    await emulator.submitView({ userId: 'U0ALICE', viewId, values: { title: 'only a title' } });
    const values = app.last().body.view.state.values;
    expect(values.severity.severity).toEqual({ type: 'static_select', selected_option: null });
    expect(values.responders.responders).toEqual({ type: 'multi_users_select', selected_users: [] });
    expect(values.checks.checks).toEqual({ type: 'checkboxes', selected_options: [] });
    expect(values.mode.mode).toEqual({ type: 'radio_buttons', selected_option: option('Public', 'public') });
    expect(values.date.date).toEqual({ type: 'datepicker', selected_date: null });
    expect(values.count.count).toEqual({ type: 'number_input', value: null });
  });

  it.each([
    [{ title: 'ok', severity: 'sev9' }, /no option with value 'sev9'/],
    [{ title: 'ok', commander: 'U0NOBODY' }, /unknown user/],
    [{ title: 'ok', date: '25/11/2024' }, /datepicker value/],
    [{ title: 'ok', typo: 'x' }, /no input with action_id 'typo'/],
    [{ severity: 'sev1' }, /required input 'title'/],
    [{ title: 'x'.repeat(21) }, /max_length 20/],
  ])('refuses what the UI would not allow: %j', async (values, message) => {
    await expect(emulator.submitView({ userId: 'U0ALICE', viewId, values })).rejects.toThrow(message);
  });

  it('refuses to submit views of other users', async () => {
    await expect(emulator.submitView({ userId: 'U0BOB', viewId, values: { title: 'x' } })).rejects.toThrow(
      /belongs to U0ALICE/,
    );
  });
});
