import type { Emulator, Workspace } from '@firebreak/slack-emulator';

/** Who can read a place the emulator keeps: a channel's members, one person, everyone, or nobody but the app. */
export type Audience =
  | { kind: 'channel'; channelId: string }
  | { kind: 'person'; userId: string }
  | { kind: 'everyone' }
  | { kind: 'app' }
  | { kind: 'unclassified' };

/** One place where the text was found, and who can read it there. */
export type Exposure = { surface: string; audience: Audience; excerpt: string };

// Maps, Sets and Buffers (file bytes) serialised as what they hold, so a marker inside them is found.
function serialised(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced) {
    const raw = key === '' ? value : this[key];
    if (Buffer.isBuffer(raw)) return raw.toString('utf8');
    if (raw instanceof Map) return [...raw.entries()];
    if (raw instanceof Set) return [...raw.values()];
    return replaced;
  });
}

type Found = (surface: string, audience: Audience, content: unknown) => void;
type Store = { id?: string; channelId?: string | undefined; channel?: string; channels?: string[] };

// How each of the workspace's stores is read. A store not named here is searched whole and, if it holds the
// text, reported as unclassified: a new surface of the emulator fails the check until it is classified.
const readers: Record<string, (value: unknown, found: Found, ws: Workspace) => void> = {
  identity: () => {},
  clock: () => {},
  plan: () => {},
  canvasAvailability: () => {},
  idCounters: () => {},
  lastTsMicros: () => {},
  deletedFileIds: () => {},
  modalStacks: () => {},
  usersById: (value, found) => {
    for (const [id, user] of value as Map<string, unknown>) found(`user ${id}`, { kind: 'everyone' }, user);
  },
  channelsById: (value, found) => {
    // Name, topic, purpose and previous names: everyone for a public channel, its members for a private one.
    for (const [id, channel] of value as Map<string, unknown>) found(`channel ${id}`, channelAudience(id), channel);
  },
  store: (value, found) => {
    const { byChannel, pinRecords } = value as { byChannel: Map<string, unknown[]>; pinRecords: unknown };
    for (const [channelId, messages] of byChannel)
      for (const message of messages)
        found(`message ${(message as { ts: string }).ts} in ${channelId}`, channelAudience(channelId), message);
    found('pin records', { kind: 'unclassified' }, pinRecords);
  },
  ephemeralLog: (value, found) => {
    for (const item of value as Array<{ user: string; channel: string }>)
      found(`ephemeral to ${item.user} in ${item.channel}`, { kind: 'person', userId: item.user }, item);
  },
  responseLog: (value, found) => {
    for (const item of value as Array<{ userId: string; channelId: string; responseType: string }>)
      found(
        `response_url answer to ${item.userId} in ${item.channelId}`,
        item.responseType === 'in_channel' ? channelAudience(item.channelId) : { kind: 'person', userId: item.userId },
        item,
      );
  },
  viewsById: (value, found) => {
    for (const [id, view] of value as Map<string, { userId: string; type: string }>)
      found(`${view.type} view ${id} of ${view.userId}`, { kind: 'person', userId: view.userId }, view);
  },
  filesById: (value, found) => {
    for (const [id, file] of value as Map<string, Store>) {
      const channels = file.channels ?? [];
      if (channels.length === 0) found(`file ${id}, shared nowhere`, { kind: 'app' }, file);
      for (const channelId of channels) found(`file ${id} in ${channelId}`, channelAudience(channelId), file);
    }
  },
  bookmarksByChannel: (value, found) => {
    for (const [channelId, bookmarks] of value as Map<string, unknown>)
      found(`bookmarks of ${channelId}`, channelAudience(channelId), bookmarks);
  },
  canvases: (value, found) => {
    const { byId, deletedIds } = value as { byId: Map<string, Store>; deletedIds: Set<string> };
    for (const [id, canvas] of byId)
      found(
        `canvas ${id}${canvas.channelId ? ` in ${canvas.channelId}` : ', standalone'}`,
        canvas.channelId ? channelAudience(canvas.channelId) : { kind: 'unclassified' },
        canvas,
      );
    found('deleted canvas ids', { kind: 'app' }, deletedIds);
  },
};

function channelAudience(channelId: string): Audience {
  return { kind: 'channel', channelId };
}

/**
 * Every place in the emulated workspace whose content contains `text`, in any case — messages and thread replies of every
 * channel and DM, ephemerals, response_url answers, modals and Home tabs, files (their bytes too), bookmarks,
 * canvases, channel names and topics, user profiles — with who can read each. It walks the workspace's own
 * fields, so a store added to the emulator later is searched too (and reported as unclassified).
 */
export function exposuresOf(workspace: Workspace, text: string): Exposure[] {
  const exposures: Exposure[] = [];
  const found: Found = (surface, audience, content) => {
    // Case-insensitive: a channel name carries the title as a lowercase slug.
    const whole = serialised(content);
    const at = whole.toLowerCase().indexOf(text.toLowerCase());
    if (at >= 0) exposures.push({ surface, audience, excerpt: whole.slice(Math.max(0, at - 160), at + 80) });
  };
  for (const [key, value] of Object.entries(workspace)) {
    const read = readers[key];
    if (read) read(value, found, workspace);
    else found(`workspace.${key}`, { kind: 'unclassified' }, value);
  }
  return exposures;
}

type CallArgs = Record<string, unknown>;

// Who reads what a Web API call carried: where it posted, whose view or Home it drew, which canvas it changed.
// `opener` is the person a views.open call opened its modal for.
function callAudience(workspace: Workspace, method: string, args: CallArgs, opener: string | undefined): Audience {
  if (method === 'views.open') return opener ? { kind: 'person', userId: opener } : { kind: 'unclassified' };
  const destination = args.channel ?? args.channel_id;
  if (typeof destination === 'string') {
    if (/^[UW]/.test(destination)) return { kind: 'person', userId: destination };
    const channel = workspace.resolveChannel(destination);
    return channel ? channelAudience(channel.id) : { kind: 'unclassified' };
  }
  if (typeof args.user_id === 'string') return { kind: 'person', userId: args.user_id };
  if (typeof args.view_id === 'string') {
    const view = workspace.view(args.view_id);
    return view ? { kind: 'person', userId: view.userId } : { kind: 'unclassified' };
  }
  if (typeof args.canvas_id === 'string') {
    const canvasChannel = workspace.canvas(args.canvas_id)?.channelId;
    return canvasChannel ? channelAudience(canvasChannel) : { kind: 'unclassified' };
  }
  if (method === 'conversations.create' && typeof args.name === 'string') {
    const created = workspace.channelByName(args.name);
    return created?.is_private ? channelAudience(created.id) : { kind: 'everyone' };
  }
  // Only the app sees an upload until files.completeUploadExternal shares it (with a channel_id, above).
  if (method === 'files.getUploadURLExternal') return { kind: 'app' };
  return { kind: 'unclassified' };
}

/**
 * Every Web API call the app made whose arguments contain `text`, in any case, with who reads what it carried:
 * a message posted and then edited or deleted, or a view later replaced, is found here though gone from the stores.
 */
export function callExposuresOf(emulator: Emulator, text: string): Exposure[] {
  const wanted = text.toLowerCase();
  const { workspace } = emulator;
  // Each views.open that succeeded made one root modal (views.push and pushes from a form answer have a
  // previous view), in order: the n-th such call opened the n-th such modal, for the person it names.
  const rootModals = workspace.views().filter((view) => view.type === 'modal' && view.previous_view_id === null);
  const opens = emulator.calls.filter((call) => call.ok && call.method === 'views.open');
  const openers = opens.length === rootModals.length ? rootModals.map((view) => view.userId) : [];
  let opened = 0;
  return emulator.calls.flatMap((call, index) => {
    const opener = call.ok && call.method === 'views.open' ? openers[opened++] : undefined;
    const whole = serialised(call.args);
    const at = whole.toLowerCase().indexOf(wanted);
    if (at < 0 || !call.ok) return [];
    return [
      {
        surface: `call ${index}: ${call.method}`,
        audience: callAudience(workspace, call.method, call.args as CallArgs, opener),
        excerpt: whole.slice(Math.max(0, at - 160), at + 80),
      },
    ];
  });
}

/**
 * The exposures that someone outside `members` can read: anything but the private channel itself, the DMs
 * of its members, and what only a member (or only the app) sees.
 */
export function readableByOutsiders(
  workspace: Workspace,
  exposures: readonly Exposure[],
  privateChannelId: string,
): Exposure[] {
  const members = new Set(workspace.channel(privateChannelId)?.members ?? []);
  const channelIsMembers = (channelId: string) => {
    if (channelId === privateChannelId) return true;
    const channel = workspace.channel(channelId);
    return Boolean(channel?.is_im && channel.user && members.has(channel.user));
  };
  return exposures.filter(({ audience }) => {
    switch (audience.kind) {
      case 'channel':
        return !channelIsMembers(audience.channelId);
      case 'person':
        return !members.has(audience.userId);
      case 'app':
        return false;
      default:
        return true;
    }
  });
}
