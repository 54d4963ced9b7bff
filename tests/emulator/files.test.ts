import { describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import type { Emulator } from '../../src/emulator/index.ts';
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
    await client.files.uploadV2({ channel_id: 'C0INCIDENTS', content: '# Postmortem\nRoot cause: config', filename: 'postmortem.md', title: 'INC-1 postmortem', initial_comment: 'Postmortem attached', thread_ts: parent.ts! });
    expect(emulator.workspace.files('C0INCIDENTS')).toEqual([
      expect.objectContaining({ name: 'postmortem.md', title: 'INC-1 postmortem', content: '# Postmortem\nRoot cause: config', mimetype: 'text/markdown', channels: ['C0INCIDENTS'] }),
    ]);
    const [shared] = emulator.workspace.replies('C0INCIDENTS', parent.ts!);
    expect(shared).toMatchObject({ text: 'Postmortem attached', upload: true, user: 'U0FBBOT', files: [expect.objectContaining({ name: 'postmortem.md', title: 'INC-1 postmortem' })] });
    await client.files.uploadV2({ channel_id: 'C0INCIDENTS', file: Buffer.from('binary\u0000data'), filename: 'dump.bin' });
    expect(emulator.workspace.files('C0INCIDENTS').map((file) => file.bytes.length)).toEqual([Buffer.byteLength('# Postmortem\nRoot cause: config'), 11]);
  });

  it('supports the three steps by hand, files.info and url_private downloads', async () => {
    const ticket = await client.files.getUploadURLExternal({ filename: 'timeline.txt', length: 5 });
    expect(ticket.upload_url).toBe(`${emulator.baseUrl}/upload/${ticket.file_id}`);
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }] }))).error).toBe('file_not_found');
    const uploaded = await fetch(ticket.upload_url!, { method: 'POST', body: 'hello' });
    expect(await uploaded.text()).toBe('OK - 5');
    const done = await client.files.completeUploadExternal({ files: [{ id: ticket.file_id!, title: 'Timeline' }], channel_id: 'C0INCIDENTS' });
    expect(done.files?.[0]).toMatchObject({ id: ticket.file_id, title: 'Timeline', name: 'timeline.txt', size: 5 });
    const info = await client.files.info({ file: ticket.file_id! });
    const download = await fetch(String(info.file?.url_private), { headers: { authorization: `Bearer ${emulator.botToken}` } });
    expect(await download.text()).toBe('hello');
    expect((await fetch(String(info.file?.url_private))).status).toBe(403);
  });

  it('reports Slack’s errors', async () => {
    expect((await slackError(client.files.getUploadURLExternal({ filename: 'x.txt', length: 0 }))).error).toBe('missing_argument');
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).error).toBe('file_not_found');
    expect((await slackError(client.files.info({ file: 'F0NOPE' }))).error).toBe('file_not_found');
    const ticket = await client.files.getUploadURLExternal({ filename: 'x.txt', length: 1 });
    await fetch(ticket.upload_url!, { method: 'POST', body: 'x' });
    expect((await slackError(client.files.completeUploadExternal({ files: [{ id: ticket.file_id! }], channel_id: 'C0GENERAL' }))).error).toBe('not_in_channel');
  });
});
