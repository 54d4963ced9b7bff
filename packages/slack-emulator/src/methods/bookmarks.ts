/** bookmarks.add, bookmarks.edit, bookmarks.list, bookmarks.remove (link bookmarks). */
import { type ApiArgs, optionalString } from '../args.ts';
import { channelForBot } from '../channel-access.ts';
import { SlackApiError } from '../errors.ts';
import type { Bookmark } from '../types.ts';
import type { Workspace } from '../workspace.ts';
import type { MethodTable } from './context.ts';

function checkLink(link: string | undefined): string {
  if (link === undefined || !/^https?:\/\/\S+$/.test(link)) throw new SlackApiError('invalid_link');
  return link;
}

function checkEmoji(emoji: string | undefined): string | null {
  if (emoji === undefined) return null;
  if (!/^:[a-z0-9_+'-]+:$/.test(emoji)) throw new SlackApiError('invalid_emoji');
  return emoji;
}

function channelBookmarks(workspace: Workspace, args: ApiArgs): { channelId: string; list: Bookmark[] } {
  const channel = channelForBot(workspace, optionalString(args, 'channel_id'), { member: true });
  let list = workspace.bookmarksByChannel.get(channel.id);
  if (!list) {
    list = [];
    workspace.bookmarksByChannel.set(channel.id, list);
  }
  return { channelId: channel.id, list };
}

function findBookmark(list: Bookmark[], args: ApiArgs): Bookmark {
  const id = optionalString(args, 'bookmark_id');
  const bookmark = list.find((candidate) => candidate.id === id);
  if (!bookmark) throw new SlackApiError('not_found');
  return bookmark;
}

/** bookmarks.* handlers. */
export const bookmarkMethods: MethodTable = {
  'bookmarks.add': ({ workspace }, args) => {
    const { channelId, list } = channelBookmarks(workspace, args);
    const title = optionalString(args, 'title');
    if (title === undefined)
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: title'] },
      });
    if (optionalString(args, 'type') !== 'link') throw new SlackApiError('invalid_bookmark_type');
    const { identity } = workspace;
    const bookmark: Bookmark = {
      id: workspace.newId('Bk'),
      channel_id: channelId,
      title,
      link: checkLink(optionalString(args, 'link')),
      emoji: checkEmoji(optionalString(args, 'emoji')),
      icon_url: null,
      type: 'link',
      entity_id: null,
      date_created: workspace.nowSeconds(),
      date_updated: 0,
      rank: String.fromCharCode(97 + (list.length % 26)),
      last_updated_by_user_id: identity.botUserId,
      last_updated_by_team_id: identity.teamId,
      shortcut_id: null,
      app_id: identity.appId,
    };
    list.push(bookmark);
    return { bookmark: structuredClone(bookmark) };
  },

  'bookmarks.edit': ({ workspace }, args) => {
    const { list } = channelBookmarks(workspace, args);
    const bookmark = findBookmark(list, args);
    const title = optionalString(args, 'title');
    const link = optionalString(args, 'link');
    const emoji = optionalString(args, 'emoji');
    if (title !== undefined) bookmark.title = title;
    if (link !== undefined) bookmark.link = checkLink(link);
    if (emoji !== undefined) bookmark.emoji = checkEmoji(emoji);
    bookmark.date_updated = workspace.nowSeconds();
    return { bookmark: structuredClone(bookmark) };
  },

  'bookmarks.list': ({ workspace }, args) => {
    const { list } = channelBookmarks(workspace, args);
    return { bookmarks: structuredClone(list) };
  },

  'bookmarks.remove': ({ workspace }, args) => {
    const { channelId, list } = channelBookmarks(workspace, args);
    const bookmark = findBookmark(list, args);
    workspace.bookmarksByChannel.set(
      channelId,
      list.filter((candidate) => candidate !== bookmark),
    );
    return {};
  },
};
