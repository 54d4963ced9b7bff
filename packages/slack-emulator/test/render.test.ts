import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, renderChannel, renderMessage, renderText } from '../src/index.ts';
import { clientFor, emulatorForTest, manualClock, startFakeApp } from './helpers.ts';

let emulator: Emulator;
const clock = manualClock(Date.UTC(2024, 10, 25, 14, 3, 0));
beforeEach(async () => {
  clock.set(Date.UTC(2024, 10, 25, 14, 3, 0));
  emulator = await emulatorForTest({ clock: clock.now });
});
afterEach(async () => {
  await emulator.close();
});

describe('render', () => {
  it('renders a channel as a person reads it', async () => {
    const client = clientFor(emulator);
    const { channel } = await client.conversations.create({ name: 'inc-1-checkout', is_private: true });
    const id = channel!.id!;
    await client.conversations.invite({ channel: id, users: 'U0ALICE,U0BOB' });
    await client.conversations.setTopic({ channel: id, topic: 'SEV1 · Investigating · IC: <@U0ALICE>' });
    await client.bookmarks.add({
      channel_id: id,
      title: 'Runbook',
      type: 'link',
      link: 'https://runbooks.example.com',
    });
    const card = await client.chat.postMessage({
      channel: id,
      text: 'INC-1 declared',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'INC-1 · Checkout errors' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'Declared by <@U0ALICE> in <#C0INCIDENTS> &amp; paged <!here>\nSee <https://status.example.com|status page>',
          },
          fields: [
            { type: 'mrkdwn', text: '*Severity*\nSEV1' },
            { type: 'mrkdwn', text: '*Status*\nInvestigating' },
          ],
        },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'update', text: { type: 'plain_text', text: 'Post update' } },
            {
              type: 'static_select',
              action_id: 'sev',
              placeholder: { type: 'plain_text', text: 'Change severity' },
              options: [{ text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' }],
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'INC-1 · opened 14:03' }] },
      ],
    });
    await client.pins.add({ channel: id, timestamp: card.ts! });
    clock.advance(60_000);
    const said = await emulator.userSays({
      userId: 'U0ALICE',
      channelId: id,
      text: 'Rolling back <https://deploys.example.com/42>',
    });
    clock.advance(60_000);
    await emulator.userSays({ userId: 'U0BOB', channelId: id, text: 'on it &lt;3', threadTs: said.ts });
    await client.reactions.add({ channel: id, timestamp: said.ts, name: 'eyes' });
    await emulator.userEdits({ userId: 'U0ALICE', channelId: id, ts: said.ts, text: 'Rolling back deploy 42' });
    await client.conversations.archive({ channel: id });

    expect(emulator.render(id)).toBe(
      [
        '#inc-1-checkout (private, archived)',
        'Topic: SEV1 · Investigating · IC: @alice',
        '🔖 Runbook (https://runbooks.example.com)',
        'Pinned: 1 message',
        '─'.repeat(40),
        '[14:03] firebreak [APP]:',
        '    == INC-1 · Checkout errors ==',
        '    Declared by @alice in #incidents & paged @here',
        '    See status page (https://status.example.com)',
        '    *Severity* SEV1 | *Status* Investigating',
        '    ───',
        '    [Post update] [_Change severity_ ▾]',
        '    INC-1 · opened 14:03',
        '    📌 pinned',
        '[14:04] alice: Rolling back deploy 42',
        '    (edited)  :eyes: 1',
        '    ↳ [14:05] bob: on it <3',
        '',
      ].join('\n'),
    );
    expect(emulator.render('#inc-1-checkout')).toBe(emulator.render(id));
  });

  it('renders modals and Home tabs', async () => {
    const app = await startFakeApp();
    emulator.appUrl = app.url;
    const { triggerId } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
    const opened = await clientFor(emulator).views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        callback_id: 'declare',
        title: { type: 'plain_text', text: 'Declare incident' },
        submit: { type: 'plain_text', text: 'Declare' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          {
            type: 'input',
            block_id: 'title',
            label: { type: 'plain_text', text: 'Title' },
            element: {
              type: 'plain_text_input',
              action_id: 'title',
              placeholder: { type: 'plain_text', text: 'What is broken?' },
            },
          },
          {
            type: 'input',
            block_id: 'sev',
            optional: true,
            label: { type: 'plain_text', text: 'Severity' },
            element: {
              type: 'radio_buttons',
              action_id: 'sev',
              options: [
                { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' },
                { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' },
              ],
            },
          },
        ],
      },
    });
    const id = opened.view!.id!;
    expect(emulator.renderView(id)).toBe(
      `┌ Modal: Declare incident  (${id}, callback_id declare, open)\n│ Title: [_What is broken?_]\n│ Severity (optional): ○ SEV1  ○ SEV2\n└ [Cancel] [Declare]\n`,
    );
    const home = await clientFor(emulator).views.publish({
      user_id: 'U0ALICE',
      view: {
        type: 'home',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Open incidents' } },
          { type: 'section', text: { type: 'mrkdwn', text: 'None right now' } },
        ],
      },
    });
    expect(emulator.renderView(home.view!.id!)).toBe(
      `┌ Home tab of @alice  (${home.view!.id}, open)\n│ == Open incidents ==\n│ None right now\n`,
    );
    await app.close();
  });

  it('renders one message text as Slack shows it: channel names, @names, labelled links, special mentions', async () => {
    const { channel } = await clientFor(emulator).conversations.create({ name: 'inc-7-search' });
    const text = `Head to <#${channel!.id}>, <@U0BOB>: see <https://grafana.example.com/d/1|dashboard> &amp; tell <!channel>`;
    expect(renderText(emulator.workspace, text)).toBe(
      'Head to #inc-7-search, @bob: see dashboard (https://grafana.example.com/d/1) & tell @channel',
    );
    expect(
      renderMessage(emulator.workspace, {
        text: 'fallback',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `In <#${channel!.id}>` } }],
      }),
    ).toBe('In #inc-7-search');
    expect(renderMessage(emulator.workspace, { text: `In <#${channel!.id}>` })).toBe('In #inc-7-search');
  });

  it('renders only what was posted after a ts, with threads that got newer replies', async () => {
    const client = clientFor(emulator);
    const { channel } = await client.conversations.create({ name: 'inc-8-queue' });
    const id = channel!.id!;
    const old = await client.chat.postMessage({ channel: id, text: 'old news' });
    const also = await client.chat.postMessage({ channel: id, text: 'also old' });
    clock.advance(20 * 60_000);
    await client.chat.postMessage({ channel: id, text: 'reply', thread_ts: old.ts! });
    await client.chat.postMessage({ channel: id, text: 'new news' });
    expect(renderChannel(emulator.workspace, id, { since: also.ts! })).toBe(
      [
        '#inc-8-queue (new since 14:03)',
        '[14:03] firebreak [APP]: old news',
        '    ↳ [14:23] firebreak [APP]: reply',
        '[14:23] firebreak [APP]: new news',
        '',
      ].join('\n'),
    );
  });

  it('draws an empty field with its placeholder in italics, a typed value plainly, and Slack’s own placeholders', async () => {
    const app = await startFakeApp();
    emulator.appUrl = app.url;
    const { triggerId } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
    const input = (id: string, element: Record<string, unknown>) => ({
      type: 'input',
      block_id: id,
      label: { type: 'plain_text', text: id },
      element: { action_id: id, ...element },
    });
    const opened = await clientFor(emulator).views.open({
      trigger_id: triggerId,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Fields' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          input('empty', { type: 'plain_text_input', placeholder: { type: 'plain_text', text: 'What is broken?' } }),
          input('typed', { type: 'plain_text_input', initial_value: 'Checkout is down', multiline: true }),
          input('bare', { type: 'number_input', is_decimal_allowed: false }),
          input('who', { type: 'users_select' }),
          input('lead', { type: 'users_select', initial_user: 'U0BOB' }),
          input('when', { type: 'datetimepicker' }),
        ],
      },
    });
    expect(emulator.renderView(opened.view!.id!)).toContain(
      [
        '│ empty: [_What is broken?_]',
        '│ typed: [Checkout is down ¶]',
        '│ bare: [ ]',
        '│ who: [_Select a user_ ▾]',
        '│ lead: [@bob ▾]',
        '│ when: [_Pick a date and time_]',
      ].join('\n'),
    );
    await app.close();
  });

  it('keeps what the person typed across views.update for inputs with the same block_id and action_id', async () => {
    const app = await startFakeApp();
    emulator.appUrl = app.url;
    const { triggerId } = await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS' });
    const form = (statusActionId: string, preview: string) => ({
      type: 'modal',
      title: { type: 'plain_text', text: 'Update' },
      submit: { type: 'plain_text', text: 'Post' },
      blocks: [
        {
          type: 'input',
          block_id: 'status',
          label: { type: 'plain_text', text: 'Status' },
          element: {
            type: 'plain_text_input',
            action_id: statusActionId,
            placeholder: { type: 'plain_text', text: 'What is happening?' },
          },
        },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'preview', text: { type: 'plain_text', text: 'Preview' } }],
        },
        { type: 'section', text: { type: 'mrkdwn', text: preview } },
      ],
    });
    const client = clientFor(emulator);
    const opened = await client.views.open({ trigger_id: triggerId, view: form('status', 'No preview yet') as never });
    const id = opened.view!.id!;
    expect(emulator.renderView(id)).toContain('│ Status: [_What is happening?_]');
    await emulator.clickViewButton({
      userId: 'U0ALICE',
      viewId: id,
      actionId: 'preview',
      values: { status: 'Failing over' },
    });
    const updated = await client.views.update({ view_id: id, view: form('status', 'Preview: Failing over') as never });
    expect(updated.view?.state).toEqual({
      values: { status: { status: { type: 'plain_text_input', value: 'Failing over' } } },
    });
    expect(emulator.renderView(id)).toContain('│ Status: [Failing over]\n│ [Preview]\n│ Preview: Failing over');
    // An input whose action_id changed is a new input: Slack starts it empty.
    await client.views.update({ view_id: id, view: form('status_v2', 'Preview: none') as never });
    expect(emulator.renderView(id)).toContain('│ Status: [_What is happening?_]');
    await app.close();
  });
});
