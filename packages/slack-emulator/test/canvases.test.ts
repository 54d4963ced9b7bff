import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.ts';
import { manualClock, slackError, useEmulator } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
useEmulator((created, bot) => {
  emulator = created;
  client = bot;
});

const POSTMORTEM = [
  '# Postmortem: checkout down',
  'Written by Firebreak.',
  '## Impact',
  'Checkout failed for 42 minutes.',
  '## Timeline',
  '- 10:02 alert fired\n- 10:05 incident declared',
  '### Follow-up',
  'Add a canary.',
].join('\n\n');

const md = (markdown: string) => ({ type: 'markdown' as const, markdown });

async function channelCanvas(markdown = POSTMORTEM): Promise<string> {
  const created = await client.conversations.canvases.create({
    channel_id: 'C0INCIDENTS',
    document_content: md(markdown),
  });
  return created.canvas_id as string;
}

/** canvases.edit with changes typed loosely (rename and malformed changes are not in @slack/web-api's types). */
function edit(canvasId: string, changes: unknown[]) {
  return client.canvases.edit({ canvas_id: canvasId, changes } as never);
}

async function lookup(canvasId: string, criteria: Record<string, unknown>): Promise<string[]> {
  const found = await client.canvases.sections.lookup({ canvas_id: canvasId, criteria } as never);
  return (found.sections ?? []).map((section) => section.id as string);
}

async function sectionId(canvasId: string, text: string): Promise<string> {
  const [id] = await lookup(canvasId, { contains_text: text });
  return id as string;
}

const markdownOf = (canvasId: string) => emulator.workspace.canvas(canvasId)?.markdown;

async function invalid(call: Promise<unknown>): Promise<string[]> {
  const data = await slackError(call);
  expect(data.error).toBe('invalid_arguments');
  return (data.response_metadata as { messages: string[] }).messages;
}

describe('canvases.create', () => {
  it('creates a standalone canvas: a file id, the title and the markdown split into sections', async () => {
    const created = await client.canvases.create({ title: 'Postmortem', document_content: md(POSTMORTEM) });
    expect(created.canvas_id).toMatch(/^F[0-9A-Z]{8}$/);
    const canvas = emulator.workspace.canvas(created.canvas_id as string);
    expect(canvas).toMatchObject({ title: 'Postmortem', markdown: POSTMORTEM, channelId: undefined });
    expect(canvas?.sections.map((section) => section.kind)).toEqual([
      'h1',
      'paragraph',
      'h2',
      'paragraph',
      'h2',
      'list_item',
      'list_item',
      'h3',
      'paragraph',
    ]);
    expect(canvas?.sections[0]?.id).toMatch(/^temp:C:[0-9A-Z]{28}$/);
  });

  it('tabs the canvas in channel_id, which the bot must be in', async () => {
    const created = await client.canvases.create({ title: 'Notes', channel_id: 'C0INCIDENTS' });
    expect(emulator.workspace.canvas(created.canvas_id as string)?.channelId).toBe('C0INCIDENTS');
    expect(emulator.render('#incidents')).toContain('Canvas: Notes');
    expect((await slackError(client.canvases.create({ channel_id: 'C0GENERAL' }))).error).toBe('not_in_channel');
    expect((await slackError(client.canvases.create({ channel_id: 'C0NOPE' }))).error).toBe('channel_not_found');
  });

  it('refuses markdown over 1 MiB and accepts exactly 1 MiB', async () => {
    const messages = await invalid(client.canvases.create({ document_content: md('x'.repeat(1_048_577)) }));
    expect(messages).toEqual([
      '[ERROR] must be less than 1048577 characters [json-pointer:/document_content/markdown]',
    ]);
    await expect(client.canvases.create({ document_content: md('x'.repeat(1_048_576)) })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses document_content that is not markdown', async () => {
    const messages = await invalid(
      client.canvases.create({ document_content: { type: 'html', markdown: '' } } as never),
    );
    expect(messages).toEqual(['[ERROR] must be a valid enum value (html) [json-pointer:/document_content/type]']);
  });
});

describe('conversations.canvases.create', () => {
  it('creates the channel canvas, shown in conversations.info and in the channel header', async () => {
    const canvasId = await channelCanvas();
    const info = await client.conversations.info({ channel: 'C0INCIDENTS' });
    expect((info.channel as { properties?: unknown }).properties).toEqual({
      canvas: { file_id: canvasId, is_empty: false },
    });
    expect(emulator.workspace.canvas(canvasId)).toMatchObject({ title: 'incidents', isChannelCanvas: true });
    expect(emulator.render('C0INCIDENTS').split('\n')).toContain('Canvas: incidents');
  });

  it('refuses a second channel canvas with channel_canvas_already_exists', async () => {
    await channelCanvas();
    const again = client.conversations.canvases.create({ channel_id: 'C0INCIDENTS' });
    expect((await slackError(again)).error).toBe('channel_canvas_already_exists');
  });

  it('works in a public channel the bot is not in, not in a private one it cannot see', async () => {
    await expect(client.conversations.canvases.create({ channel_id: 'C0GENERAL' })).resolves.toMatchObject({
      ok: true,
    });
    const secret = emulator.workspace.addChannel({ name: 'secret', isPrivate: true, members: ['U0ALICE'] });
    const hidden = client.conversations.canvases.create({ channel_id: secret.id });
    expect((await slackError(hidden)).error).toBe('channel_not_found');
  });

  it('requires channel_id', async () => {
    const messages = await invalid(client.conversations.canvases.create({} as never));
    expect(messages).toEqual(['[ERROR] missing required field: channel_id']);
  });

  it('answers team_tier_cannot_create_channel_canvases on a tier without channel canvases', async () => {
    emulator.workspace.canvasAvailability = 'no_channel_canvases';
    const refused = client.conversations.canvases.create({ channel_id: 'C0INCIDENTS' });
    expect((await slackError(refused)).error).toBe('team_tier_cannot_create_channel_canvases');
    await expect(client.canvases.create({ title: 'standalone' })).resolves.toMatchObject({ ok: true });
  });
});

describe('free teams', () => {
  it('refuse standalone canvases and allow one canvas tab per channel', async () => {
    emulator.workspace.plan = 'free';
    expect((await slackError(client.canvases.create({ title: 'x' }))).error).toBe(
      'free_teams_cannot_create_non_tabbed_canvases',
    );
    await client.canvases.create({ title: 'Tab', channel_id: 'C0INCIDENTS' });
    expect((await slackError(client.canvases.create({ channel_id: 'C0INCIDENTS' }))).error).toBe(
      'free_team_canvas_tab_already_exists',
    );
    expect((await slackError(client.conversations.canvases.create({ channel_id: 'C0INCIDENTS' }))).error).toBe(
      'free_team_canvas_tab_already_exists',
    );
  });

  it('name an existing channel canvas before the tab limit', async () => {
    emulator.workspace.plan = 'free';
    await channelCanvas();
    expect((await slackError(client.conversations.canvases.create({ channel_id: 'C0INCIDENTS' }))).error).toBe(
      'channel_canvas_already_exists',
    );
  });

  it('cannot edit standalone canvases but can edit channel canvases', async () => {
    const standalone = (await client.canvases.create({ title: 'old' })).canvas_id as string;
    const tabbed = await channelCanvas('# Hi');
    emulator.workspace.plan = 'free';
    const change = { operation: 'insert_at_end', document_content: md('more') };
    expect((await slackError(edit(standalone, [change]))).error).toBe('free_teams_cannot_edit_standalone_canvases');
    await edit(tabbed, [change]);
    expect(markdownOf(tabbed)).toBe('# Hi\n\nmore');
  });
});

describe('a team with canvases disabled', () => {
  it('answers canvas_disabled_user_team, and canvas_deleting_disabled to canvases.delete', async () => {
    const canvasId = await channelCanvas();
    emulator.workspace.canvasAvailability = 'disabled';
    const calls = [
      client.canvases.create({ title: 'x' }),
      client.conversations.canvases.create({ channel_id: 'C0GENERAL' }),
      edit(canvasId, [{ operation: 'insert_at_end', document_content: md('x') }]),
      client.canvases.sections.lookup({ canvas_id: canvasId, criteria: { contains_text: 'x' } }),
    ];
    for (const call of calls) expect((await slackError(call)).error).toBe('canvas_disabled_user_team');
    expect((await slackError(client.canvases.delete({ canvas_id: canvasId }))).error).toBe('canvas_deleting_disabled');
  });
});

describe('canvases.edit', () => {
  it('inserts at the start and the end', async () => {
    const canvasId = await channelCanvas('middle');
    await edit(canvasId, [{ operation: 'insert_at_start', document_content: md('# Top') }]);
    await edit(canvasId, [{ operation: 'insert_at_end', document_content: md('bottom') }]);
    expect(markdownOf(canvasId)).toBe('# Top\n\nmiddle\n\nbottom');
  });

  it('inserts before and after a section found by lookup', async () => {
    const canvasId = await channelCanvas('# A\n\n# B');
    const b = await sectionId(canvasId, 'B');
    await edit(canvasId, [{ operation: 'insert_before', section_id: b, document_content: md('before B') }]);
    await edit(canvasId, [{ operation: 'insert_after', section_id: b, document_content: md('after B') }]);
    expect(markdownOf(canvasId)).toBe('# A\n\nbefore B\n\n# B\n\nafter B');
  });

  it('replaces one section, leaving the text under a heading alone', async () => {
    const canvasId = await channelCanvas();
    const impact = await sectionId(canvasId, 'Impact');
    await edit(canvasId, [{ operation: 'replace', section_id: impact, document_content: md('## Customer impact') }]);
    expect(markdownOf(canvasId)).toContain('## Customer impact\n\nCheckout failed for 42 minutes.');
    expect(markdownOf(canvasId)).not.toContain('## Impact');
  });

  it('keeps the ids of sections an edit does not touch', async () => {
    const canvasId = await channelCanvas('# A\n\ntext');
    const before = emulator.workspace.canvas(canvasId)?.sections.map((section) => section.id);
    await edit(canvasId, [{ operation: 'insert_at_start', document_content: md('new') }]);
    expect(
      emulator.workspace
        .canvas(canvasId)
        ?.sections.slice(1)
        .map((section) => section.id),
    ).toEqual(before);
  });

  it('logs changes and document_content parsed in the call log', async () => {
    const canvasId = await channelCanvas('x');
    await edit(canvasId, [{ operation: 'insert_at_end', document_content: md('y') }]);
    expect(emulator.callsTo('canvases.edit')[0]?.args.changes).toEqual([
      { operation: 'insert_at_end', document_content: md('y') },
    ]);
  });

  it('replaces the whole canvas when replace has no section_id', async () => {
    const canvasId = await channelCanvas();
    await edit(canvasId, [{ operation: 'replace', document_content: md('# Fresh') }]);
    expect(markdownOf(canvasId)).toBe('# Fresh');
  });

  it('deletes a section and renames the canvas', async () => {
    const canvasId = await channelCanvas('# Keep\n\ndrop me');
    await edit(canvasId, [{ operation: 'delete', section_id: await sectionId(canvasId, 'drop me') }]);
    await edit(canvasId, [{ operation: 'rename', title_content: md('Postmortem INC-7') }]);
    expect(emulator.workspace.canvas(canvasId)).toMatchObject({ title: 'Postmortem INC-7', markdown: '# Keep' });
  });

  it('takes exactly one change per call', async () => {
    const canvasId = await channelCanvas('x');
    const one = { operation: 'insert_at_end', document_content: md('y') };
    expect(await invalid(edit(canvasId, []))).toEqual([
      '[ERROR] must provide at least 1 items [json-pointer:/changes]',
    ]);
    expect(await invalid(edit(canvasId, [one, one]))).toEqual([
      '[ERROR] no more than 1 items allowed [json-pointer:/changes]',
    ]);
    expect(markdownOf(canvasId)).toBe('x');
  });

  it('refuses an unknown operation and changes missing or carrying the wrong fields', async () => {
    const canvasId = await channelCanvas('x');
    expect(await invalid(edit(canvasId, [{ operation: 'append', document_content: md('y') }]))).toEqual([
      '[ERROR] must be a valid enum value (append) [json-pointer:/changes/0/operation]',
    ]);
    expect(await invalid(edit(canvasId, [{ operation: 'delete' }]))).toEqual([
      '[ERROR] missing required field: section_id [json-pointer:/changes/0]',
    ]);
    expect(await invalid(edit(canvasId, [{ operation: 'insert_at_end' }]))).toEqual([
      '[ERROR] missing required field: document_content [json-pointer:/changes/0]',
    ]);
    const renameWithSection = { operation: 'rename', section_id: 'temp:C:X', title_content: md('t') };
    expect(await invalid(edit(canvasId, [renameWithSection]))).toEqual([
      '[ERROR] invalid additional property: section_id [json-pointer:/changes/0]',
    ]);
  });

  it('fails with canvas_editing_failed for a section the canvas does not have', async () => {
    const canvasId = await channelCanvas('x');
    const change = { operation: 'delete', section_id: 'temp:C:AAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    expect((await slackError(edit(canvasId, [change]))).error).toBe('canvas_editing_failed');
  });

  it('answers canvas_not_found for an unknown canvas and requires canvas_id', async () => {
    const change = { operation: 'insert_at_end', document_content: md('y') };
    expect((await slackError(edit('F0NOPE', [change]))).error).toBe('canvas_not_found');
    expect(await invalid(client.canvases.edit({ changes: [change] } as never))).toEqual([
      '[ERROR] missing required field: canvas_id',
    ]);
  });
});

describe('canvases.sections.lookup', () => {
  it('finds headings by type, by text, and by both', async () => {
    const canvasId = await channelCanvas();
    const ids = emulator.workspace.canvas(canvasId)?.sections.map((section) => section.id) ?? [];
    expect(await lookup(canvasId, { section_types: ['h1'] })).toEqual([ids[0]]);
    expect(await lookup(canvasId, { section_types: ['h2', 'h3'] })).toEqual([ids[2], ids[4], ids[7]]);
    expect(await lookup(canvasId, { section_types: ['any_header'] })).toEqual([ids[0], ids[2], ids[4], ids[7]]);
    expect(await lookup(canvasId, { section_types: ['any_header'], contains_text: 'timeline' })).toEqual([ids[4]]);
    expect(await lookup(canvasId, { contains_text: 'incident declared' })).toEqual([ids[6]]);
  });

  it('requires criteria with a known section type or some text', async () => {
    const canvasId = await channelCanvas();
    expect(await invalid(client.canvases.sections.lookup({ canvas_id: canvasId } as never))).toEqual([
      '[ERROR] missing required field: criteria',
    ]);
    expect(await invalid(lookup(canvasId, {}))).toEqual([
      '[ERROR] missing required field: section_types or contains_text [json-pointer:/criteria]',
    ]);
    expect(await invalid(lookup(canvasId, { section_types: ['h4'] }))).toEqual([
      '[ERROR] must be a valid enum value (h4) [json-pointer:/criteria/section_types/0]',
    ]);
  });

  it('answers canvas_not_found for an unknown canvas and canvas_deleted for a deleted one', async () => {
    const canvasId = await channelCanvas();
    expect((await slackError(lookup('F0NOPE', { contains_text: 'x' }))).error).toBe('canvas_not_found');
    await client.canvases.delete({ canvas_id: canvasId });
    expect((await slackError(lookup(canvasId, { contains_text: 'x' }))).error).toBe('canvas_deleted');
  });
});

describe('canvases.delete', () => {
  it('deletes the canvas, its tab and the channel’s canvas property; a second delete is canvas_not_found', async () => {
    const canvasId = await channelCanvas();
    await client.canvases.delete({ canvas_id: canvasId });
    expect(emulator.workspace.canvas(canvasId)).toBeUndefined();
    expect(emulator.render('#incidents')).not.toContain('Canvas:');
    const info = await client.conversations.info({ channel: 'C0INCIDENTS' });
    expect((info.channel as { properties?: unknown }).properties).toBeUndefined();
    expect((await slackError(client.canvases.delete({ canvas_id: canvasId }))).error).toBe('canvas_not_found');
  });
});

describe('renderCanvas', () => {
  it('shows the title, where the canvas lives and its markdown, by canvas id or by channel', async () => {
    const canvasId = await channelCanvas('# Postmortem\n\n- one\n- two');
    await edit(canvasId, [{ operation: 'rename', title_content: md('INC-7 postmortem') }]);
    const expected = [
      `📄 INC-7 postmortem  (${canvasId}, canvas of #incidents)`,
      '─'.repeat(40),
      '# Postmortem',
      '',
      '- one',
      '- two',
      '',
    ].join('\n');
    expect(emulator.renderCanvas(canvasId)).toBe(expected);
    expect(emulator.renderCanvas('#incidents')).toBe(expected);
  });

  it('names standalone canvases and throws for a channel without one', async () => {
    const created = await client.canvases.create({ title: 'Draft' });
    expect(emulator.renderCanvas(created.canvas_id as string)).toContain('(empty)');
    expect(emulator.renderCanvas(created.canvas_id as string)).toContain('standalone');
    expect(() => emulator.renderCanvas('#general')).toThrow('renderCanvas: no canvas #general');
  });
});

describe('canvas rate limits', () => {
  it('canvases.create is Tier 2 and canvases.edit Tier 3', async () => {
    const clock = manualClock();
    const limited = await startEmulator({ clock: clock.now });
    try {
      const call = async (method: string, args: Record<string, string>) => {
        const response = await fetch(`${limited.apiUrl}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${limited.botToken}` },
          body: new URLSearchParams(args).toString(),
        });
        return { status: response.status, json: (await response.json()) as Record<string, unknown> };
      };
      for (let i = 0; i < 20; i++) expect((await call('canvases.create', { title: `c${i}` })).status).toBe(200);
      expect(await call('canvases.create', { title: 'c20' })).toEqual({
        status: 429,
        json: { ok: false, error: 'ratelimited' },
      });
      const canvasId = (await call('conversations.canvases.create', { channel_id: 'C0INCIDENTS' })).json.canvas_id;
      const change = JSON.stringify([{ operation: 'insert_at_end', document_content: md('x') }]);
      for (let i = 0; i < 50; i++)
        expect((await call('canvases.edit', { canvas_id: String(canvasId), changes: change })).status).toBe(200);
      expect((await call('canvases.edit', { canvas_id: String(canvasId), changes: change })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
