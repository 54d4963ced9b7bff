/**
 * files.getUploadURLExternal, files.completeUploadExternal, files.info, files.delete. The upload URL points at the
 * emulator (`/upload/<file_id>`); server.ts stores the bytes posted there.
 */
import { optionalInteger, optionalJson, optionalString } from '../args.ts';
import { readMessageContent, resolveThreadTs, storeBotMessage } from '../bot-messages.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import type { JsonObject, StoredFile } from '../types.ts';
import type { MethodContext, MethodTable } from './context.ts';

const FILE_TYPES: Record<string, [mimetype: string, filetype: string]> = {
  txt: ['text/plain', 'text'],
  md: ['text/markdown', 'markdown'],
  json: ['application/json', 'json'],
  csv: ['text/csv', 'csv'],
  html: ['text/html', 'html'],
  png: ['image/png', 'png'],
  jpg: ['image/jpeg', 'jpg'],
  pdf: ['application/pdf', 'pdf'],
};

/** Slack's limit on a file's description for screen readers: longer is `alt_txt_too_large`. */
const MAX_ALT_TXT = 1000;

function fileTypeOf(filename: string): [string, string] {
  const extension = filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '';
  return FILE_TYPES[extension] ?? ['application/octet-stream', 'binary'];
}

/** The file object as the Web API returns it. */
export function fileToApi(ctx: MethodContext, file: StoredFile): JsonObject {
  const { identity } = ctx.workspace;
  const encodedName = encodeURIComponent(file.name);
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype,
    user: file.user,
    user_team: identity.teamId,
    editable: false,
    size: file.bytes?.length ?? file.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: file.channels.some((channelId) => ctx.workspace.channel(channelId)?.is_private === false),
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${ctx.baseUrl}/files/${file.id}/${encodedName}`,
    url_private_download: `${ctx.baseUrl}/files/${file.id}/download/${encodedName}`,
    permalink: `https://${identity.teamDomain}.slack.com/files/${file.user}/${file.id}/${encodedName}`,
    channels: file.channels.filter((channelId) => ctx.workspace.channel(channelId)?.is_private === false),
    groups: file.channels.filter((channelId) => ctx.workspace.channel(channelId)?.is_private === true),
    ims: [],
    comments_count: 0,
    ...(file.altTxt === undefined ? {} : { alt_txt: file.altTxt }),
  };
}

/** files.* handlers. */
export const fileMethods: MethodTable = {
  'files.getUploadURLExternal': (ctx, args) => {
    const { workspace } = ctx;
    const filename = optionalString(args, 'filename');
    if (filename === undefined)
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: filename'] },
      });
    const length = optionalInteger(args, 'length');
    if (length === undefined || length <= 0) throw new SlackApiError('missing_argument');
    const altTxt = optionalString(args, 'alt_txt');
    if (altTxt !== undefined && altTxt.length > MAX_ALT_TXT) throw new SlackApiError('alt_txt_too_large');
    const [mimetype, filetype] = fileTypeOf(filename);
    const file: StoredFile = {
      id: workspace.newId('F'),
      name: filename,
      title: filename,
      length,
      created: workspace.nowSeconds(),
      user: workspace.identity.botUserId,
      channels: [],
      bytes: null,
      completed: false,
      mimetype,
      filetype,
      ...(altTxt === undefined || altTxt === '' ? {} : { altTxt }),
    };
    workspace.filesById.set(file.id, file);
    return { upload_url: `${ctx.baseUrl}/upload/${file.id}`, file_id: file.id };
  },

  'files.completeUploadExternal': (ctx, args) => {
    const { workspace } = ctx;
    const entries = optionalJson(args, 'files');
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: files'] },
      });
    }
    const files = entries.map((entry: unknown) => {
      const record = (typeof entry === 'object' && entry !== null ? entry : {}) as JsonObject;
      const file = typeof record.id === 'string' ? workspace.filesById.get(record.id) : undefined;
      if (!file || file.bytes === null || file.completed) throw new SlackApiError('file_not_found');
      return { file, title: typeof record.title === 'string' && record.title !== '' ? record.title : file.name };
    });
    const channelRef = optionalString(args, 'channel_id');
    const channel = channelRef === undefined ? undefined : channelForBot(workspace, channelRef, { member: true });
    const threadTs = channel ? resolveThreadTs(workspace, channel.id, optionalString(args, 'thread_ts')) : undefined;
    const content = readMessageContent({ text: args.initial_comment, blocks: args.blocks }, false);
    for (const { file, title } of files) {
      file.title = title;
      file.completed = true;
      if (channel) file.channels.push(channel.id);
    }
    if (channel) {
      storeBotMessage(workspace, channel.id, content, {
        threadTs,
        files: files.map(({ file }) => fileToApi(ctx, file)),
      });
    }
    return { files: files.map(({ file }) => fileToApi(ctx, file)) };
  },

  'files.info': (ctx, args) => {
    const id = optionalString(args, 'file');
    const file = id === undefined ? undefined : ctx.workspace.filesById.get(id);
    if (!file?.completed) throw new SlackApiError('file_not_found');
    return { file: fileToApi(ctx, file), comments: [], response_metadata: { next_cursor: '' } };
  },

  // Slack: file_not_found for an unknown id, file_deleted once deleted, cant_delete_file for another
  // user's file (a bot token deletes only what the bot uploaded). Messages keep a tombstone, as in Slack.
  'files.delete': (ctx, args) => {
    const { workspace } = ctx;
    const id = optionalString(args, 'file');
    if (id !== undefined && workspace.deletedFileIds.has(id)) throw new SlackApiError('file_deleted');
    const file = id === undefined ? undefined : workspace.filesById.get(id);
    if (!file?.completed) throw new SlackApiError('file_not_found');
    if (file.user !== workspace.identity.botUserId) throw new SlackApiError('cant_delete_file');
    workspace.filesById.delete(file.id);
    workspace.deletedFileIds.add(file.id);
    for (const channelId of file.channels) {
      for (const message of workspace.store.all(channelId)) {
        if (message.files)
          message.files = message.files.map((shared) =>
            shared.id === file.id ? { id: file.id, mode: 'tombstone' } : shared,
          );
      }
    }
    return {};
  },
};
