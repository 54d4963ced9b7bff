import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, validateBlocks, validateView } from '../src/index.ts';
import { clientFor, emulatorForTest, slackError } from './helpers.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain(text),
  action_id: 'b',
  ...extra,
});
const option = (text: string, value: string) => ({ text: plain(text), value });

describe('message blocks', () => {
  it('accepts a typical incident card', () => {
    const blocks = [
      { type: 'header', text: plain('INC-1 · Checkout errors') },
      {
        type: 'section',
        text: mrkdwn('*Severity:* SEV1'),
        fields: [mrkdwn('*IC*'), mrkdwn('<@U0ALICE>')],
        accessory: button('Edit'),
      },
      {
        type: 'context',
        elements: [mrkdwn('Declared by <@U0ALICE>'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'icon' }],
      },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          button('Update', { action_id: 'u', style: 'primary' }),
          { type: 'static_select', action_id: 's', placeholder: plain('Severity'), options: [option('SEV1', 'sev1')] },
        ],
      },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'hi' }] }] },
      { type: 'markdown', text: '**bold**' },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it.each([
    [
      'more than 50 blocks',
      Array.from({ length: 51 }, () => ({ type: 'divider' })),
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ],
    [
      'section text over 3000',
      [{ type: 'section', text: mrkdwn('x'.repeat(3001)) }],
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ],
    ['section without text or fields', [{ type: 'section' }], 'must provide either text or fields'],
    [
      '11 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
      'no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ],
    [
      'field over 2000',
      [{ type: 'section', fields: [mrkdwn('x'.repeat(2001))] }],
      '[json-pointer:/blocks/0/fields/0/text]',
    ],
    ['mrkdwn header', [{ type: 'header', text: mrkdwn('x') }], '[json-pointer:/blocks/0/text/type]'],
    ['header over 150', [{ type: 'header', text: plain('x'.repeat(151)) }], 'must be less than 151 characters'],
    [
      'empty text',
      [{ type: 'section', text: mrkdwn('') }],
      'must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ],
    ['unknown block type', [{ type: 'table' }], 'unsupported block type: table'],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
      'no more than 10 items allowed',
    ],
    [
      '26 action elements',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', { action_id: `a${i}` })) }],
      'no more than 25 items allowed',
    ],
    [
      'button text over 75',
      [{ type: 'actions', elements: [button('x'.repeat(76))] }],
      '[json-pointer:/blocks/0/elements/0/text/text]',
    ],
    [
      'button value over 2000',
      [{ type: 'actions', elements: [button('ok', { value: 'v'.repeat(2001) })] }],
      '[json-pointer:/blocks/0/elements/0/value]',
    ],
    [
      'action_id over 255',
      [{ type: 'actions', elements: [button('ok', { action_id: 'a'.repeat(256) })] }],
      '[json-pointer:/blocks/0/elements/0/action_id]',
    ],
    ['block_id over 255', [{ type: 'divider', block_id: 'b'.repeat(256) }], '[json-pointer:/blocks/0/block_id]'],
    [
      'duplicate block_id',
      [
        { type: 'divider', block_id: 'x' },
        { type: 'divider', block_id: 'x' },
      ],
      'duplicate block_id: x',
    ],
    [
      'duplicate action_id in a block',
      [{ type: 'actions', elements: [button('a'), button('b')] }],
      'duplicate action_id: b',
    ],
    [
      '101 options',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: Array.from({ length: 101 }, (_, i) => option('o', `v${i}`)),
            },
          ],
        },
      ],
      'no more than 100 items allowed',
    ],
    [
      'option text over 75',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [option('x'.repeat(76), 'v')] }],
        },
      ],
      '/options/0/text/text',
    ],
    [
      'option value over 150',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [option('o', 'v'.repeat(151))] }],
        },
      ],
      '/options/0/value',
    ],
    [
      'select without options',
      [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's' }] }],
      'must provide exactly one of options or option_groups',
    ],
    [
      'input without label',
      [{ type: 'input', element: { type: 'plain_text_input', action_id: 'i' } }],
      'missing required field: label',
    ],
    ['input without element', [{ type: 'input', label: plain('Title') }], 'missing required field: element'],
    [
      'button in an input',
      [{ type: 'input', label: plain('x'), element: button('no') }],
      "element type 'button' is not allowed here",
    ],
    ['bad button style', [{ type: 'actions', elements: [button('x', { style: 'green' })] }], '/style'],
    ['text object without type', [{ type: 'section', text: { text: 'x' } }], '[json-pointer:/blocks/0/text/type]'],
  ])('rejects %s', (_name, blocks, problem) => {
    expect(validateBlocks(blocks, 'message').join('\n')).toContain(problem);
  });
});

describe('views', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Declare incident'),
    submit: plain('Declare'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'title',
        label: plain('Title'),
        element: { type: 'plain_text_input', action_id: 'title' },
      },
    ],
    ...extra,
  });

  it('accepts a valid modal and home tab', () => {
    expect(validateView(modal())).toEqual([]);
    expect(validateView({ type: 'home', blocks: [{ type: 'section', text: mrkdwn('Hi') }] })).toEqual([]);
  });

  it.each([
    ['title over 24', { title: plain('x'.repeat(25)) }, '/view/title/text'],
    ['submit over 24', { submit: plain('x'.repeat(25)) }, '/view/submit/text'],
    ['close over 24', { close: plain('x'.repeat(25)) }, '/view/close/text'],
    ['missing submit with inputs', { submit: undefined }, 'missing required field: submit'],
    ['private_metadata over 3000', { private_metadata: 'x'.repeat(3001) }, '/view/private_metadata'],
    ['callback_id over 255', { callback_id: 'x'.repeat(256) }, '/view/callback_id'],
    [
      'more than 100 blocks',
      { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      'no more than 100 items allowed [json-pointer:/view/blocks]',
    ],
    ['bad type', { type: 'dialog' }, '/view/type'],
    ['missing title', { title: undefined }, 'missing required field: title'],
  ])('rejects %s', (_name, extra, problem) => {
    expect(validateView(modal(extra)).join('\n')).toContain(problem);
  });

  it('allows 100 blocks in a view but only 50 in a message', () => {
    const blocks = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(validateView({ type: 'home', blocks })).toEqual([]);
    expect(validateBlocks(blocks, 'message')).not.toEqual([]);
  });
});

describe('through the Web API', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await emulatorForTest();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers invalid_blocks with response_metadata.messages for messages', async () => {
    const client = clientFor(emulator);
    const error = await slackError(
      client.chat.postMessage({
        channel: 'C0INCIDENTS',
        text: 'x',
        blocks: [{ type: 'header', text: plain('x'.repeat(151)) }] as never,
      }),
    );
    expect(error).toMatchObject({
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'] },
    });
    const posted = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'ok' });
    expect(
      (
        await slackError(
          client.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, blocks: [{ type: 'nope' }] } as never),
        )
      ).error,
    ).toBe('invalid_blocks');
    expect(
      (
        await slackError(
          client.chat.postEphemeral({
            channel: 'C0INCIDENTS',
            user: 'U0ALICE',
            blocks: [{ type: 'section' }],
          } as never),
        )
      ).error,
    ).toBe('invalid_blocks');
    const malformed = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${emulator.botToken}` },
      body: 'channel=C0INCIDENTS&blocks=%5Bnot-json',
    });
    expect(await malformed.json()).toMatchObject({ ok: false, error: 'invalid_blocks_format' });
  });

  it('answers invalid_arguments for invalid views', async () => {
    const error = await slackError(
      clientFor(emulator).views.publish({
        user_id: 'U0ALICE',
        view: { type: 'home', blocks: [{ type: 'section' }] } as never,
      }),
    );
    expect(error).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: [expect.stringContaining('[json-pointer:/view/blocks/0]')] },
    });
  });
});
