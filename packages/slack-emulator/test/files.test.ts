import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.ts';
import { slackError, useEmulator } from './helpers.ts';

let emulator: Emulator;
let client: WebClient;
useEmulator((created, bot) => {
  emulator = created;
  client = bot;
});

describe('external file uploads', () => {
  it('works with WebClient.files.uploadV2 and shares the file as a message', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    await client.files.uploadV2({
      channel_id: 'C0INCIDENTS',
      content: '# Postmortem\nRoot cause: config',
      filename: 'postmortem.md',
      title: 'INC-1 postmortem',
      initial_comment: 'Postmortem attached',
      thread_ts: parent.ts!,
    });
    expect(emulator.workspace.files('C0INCIDENTS')).toEqual([
      expect.objectContaining({
        name: 'postmortem.md',
        title: 'INC-1 postmortem',
        content: '# Postmortem\nRoot cause: config',
        mimetype: 'text/markdown',
        channels: ['C0INCIDENTS'],
      }),
    ]);
    const [shared] = emulator.workspace.replies('C0INCIDENTS', parent.ts!);
    expect(shared).toMatchObject({
      text: 'Postmortem attached',
      upload: true,
      user: 'U0FBBOT',
      files: [expect.objectContaining({ name: 'postmortem.md', title: 'INC-1 postmortem' })],
    });
    await client.files.uploadV2({
      channel_id: 'C0INCIDENTS',
      file: Buffer.from('binary\u0000data'),
      filename: 'dump.bin',
    });
    expect(emulator.workspace.files('C0INCIDENTS').map((file) => file.bytes.length)).toEqual([
      Buffer.byteLength('# Postmortem\nRoot cause: config'),
      11,
    ]);
  });

  it('supports the three steps by hand, files.info and url_private downloads', async () => {
    const ticket = await client.files.getUploadURLExternal({ filename: 'timeline.txt', length: 5 });
    expect(ticket.upload_url).toBe(`${emulator.baseUrl}/upload/${ticket.file_id}`);
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }] }))).error).toBe(
      'file_not_found',
    );
    const uploaded = await fetch(ticket.upload_url!, { method: 'POST', body: 'hello' });
    expect(await uploaded.text()).toBe('OK - 5');
    const done = await client.files.completeUploadExternal({
      files: [{ id: ticket.file_id!, title: 'Timeline' }],
      channel_id: 'C0INCIDENTS',
    });
    expect(done.files?.[0]).toMatchObject({ id: ticket.file_id, title: 'Timeline', name: 'timeline.txt', size: 5 });
    const info = await client.files.info({ file: ticket.file_id! });
    const download = await fetch(String(info.file?.url_private), {
      headers: { authorization: `Bearer ${emulator.botToken}` },
    });
    expect(await download.text()).toBe('hello');
    expect((await fetch(String(info.file?.url_private))).status).toBe(403);
  });

  it('keeps an image’s alt_txt and its binary bytes as uploaded', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x80, 0x0a]);
    const ticket = await client.files.getUploadURLExternal({
      filename: 'chart.png',
      length: png.length,
      alt_txt: 'Incidents per week',
    } as never);
    await fetch(ticket.upload_url!, { method: 'POST', body: png });
    const done = await client.files.completeUploadExternal({
      files: [{ id: ticket.file_id! }],
      channel_id: 'C0INCIDENTS',
    });
    expect(done.files?.[0]).toMatchObject({ alt_txt: 'Incidents per week', mimetype: 'image/png', size: png.length });
    const [file] = emulator.workspace.files('C0INCIDENTS');
    expect(file?.altTxt).toBe('Incidents per week');
    expect(file?.bytes.equals(png)).toBe(true);
  });

  it('refuses an alt_txt over 1,000 characters, as Slack does', async () => {
    const refused = await slackError(
      client.files.getUploadURLExternal({ filename: 'chart.png', length: 8, alt_txt: 'x'.repeat(1001) } as never),
    );
    expect(refused.error).toBe('alt_txt_too_large');
  });

  it('reports Slack’s errors', async () => {
    expect((await slackError(client.files.getUploadURLExternal({ filename: 'x.txt', length: 0 }))).error).toBe(
      'missing_argument',
    );
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).error).toBe(
      'file_not_found',
    );
    expect((await slackError(client.files.info({ file: 'F0NOPE' }))).error).toBe('file_not_found');
    const ticket = await client.files.getUploadURLExternal({ filename: 'x.txt', length: 1 });
    await fetch(ticket.upload_url!, { method: 'POST', body: 'x' });
    expect(
      (
        await slackError(
          client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: 'C0GENERAL' }),
        )
      ).error,
    ).toBe('not_in_channel');
  });

  it('deletes the bot’s own files with files.delete, leaving a tombstone, and answers Slack’s errors', async () => {
    await client.files.uploadV2({
      channel_id: 'C0INCIDENTS',
      content: 'secret timeline',
      filename: 'inc-1.md',
      initial_comment: 'Export',
    });
    const [file] = emulator.workspace.files('C0INCIDENTS');
    const info = await client.files.info({ file: file!.id });
    expect(await client.files.delete({ file: file!.id })).toMatchObject({ ok: true });
    expect(emulator.workspace.files('C0INCIDENTS')).toEqual([]);
    const shared = emulator.workspace.messages('C0INCIDENTS').find((m) => m.text === 'Export');
    expect(shared?.files).toEqual([{ id: file!.id, mode: 'tombstone' }]);
    expect(
      (await fetch(String(info.file?.url_private), { headers: { authorization: `Bearer ${emulator.botToken}` } })).ok,
    ).toBe(false);
    expect((await slackError(client.files.info({ file: file!.id }))).error).toBe('file_not_found');
    expect((await slackError(client.files.delete({ file: file!.id }))).error).toBe('file_deleted');
    expect((await slackError(client.files.delete({ file: 'F0NOPE' }))).error).toBe('file_not_found');
    emulator.workspace.filesById.set('F0ALICE', {
      id: 'F0ALICE',
      name: 'a.txt',
      title: 'a.txt',
      length: 1,
      created: 1,
      user: 'U0ALICE',
      channels: ['C0GENERAL'],
      bytes: Buffer.from('a'),
      completed: true,
      mimetype: 'text/plain',
      filetype: 'text',
    });
    expect((await slackError(client.files.delete({ file: 'F0ALICE' }))).error).toBe('cant_delete_file');
  });
});
