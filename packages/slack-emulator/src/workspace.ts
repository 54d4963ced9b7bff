/**
 * The emulated Slack workspace: users, channels, messages and everything the app created. Tests and demos
 * read it through the query helpers (which return copies); Web API handlers mutate it.
 */
import { type CanvasAvailability, CanvasStore, type CanvasView, type TeamPlan } from './canvas-store.ts';
import { MessageStore } from './message-store.ts';
import { timeZoneLabel, timeZoneOffsetSeconds } from './timezones.ts';
import type {
  Bookmark,
  Channel,
  Clock,
  EphemeralMessage,
  FileView,
  Message,
  NewChannel,
  NewUser,
  ResponseDelivery,
  StoredFile,
  User,
  View,
  WorkspaceIdentity,
} from './types.ts';

export type { FileView, NewChannel, NewUser, WorkspaceIdentity } from './types.ts';

/** Channel names: lowercase letters, digits, '-' and '_', at most 80 characters. */
export const CHANNEL_NAME_PATTERN = /^[a-z0-9_-]+$/;

/** State of the emulated workspace. */
export class Workspace {
  readonly identity: WorkspaceIdentity;
  /** Message storage (used by the Web API handlers). */
  readonly store = new MessageStore();
  /** chat.postEphemeral deliveries (use `ephemerals()` to read). */
  readonly ephemeralLog: EphemeralMessage[] = [];
  /** response_url deliveries (use `responses()` to read). */
  readonly responseLog: ResponseDelivery[] = [];
  /** Views by id (use `views()` to read). */
  readonly viewsById = new Map<string, View>();
  /** Files by id (use `files()` to read). */
  readonly filesById = new Map<string, StoredFile>();
  /** Ids of files deleted with files.delete (a second delete answers file_deleted). */
  readonly deletedFileIds = new Set<string>();
  /** Bookmarks by channel (use `bookmarks()` to read). */
  readonly bookmarksByChannel = new Map<string, Bookmark[]>();
  /** Canvases (use `canvas()` to read). */
  readonly canvases = new CanvasStore();
  /** The team's plan; 'free' refuses standalone canvases and allows one canvas tab per channel. */
  plan: TeamPlan = 'pro';
  /** Whether the team may use canvases at all (see `CanvasAvailability`). */
  canvasAvailability: CanvasAvailability = 'enabled';
  /** Open modal stack (view ids, root first) per user. */
  readonly modalStacks = new Map<string, string[]>();
  private readonly usersById = new Map<string, User>();
  private readonly channelsById = new Map<string, Channel>();
  private readonly idCounters = new Map<string, number>();
  private lastTsMicros = 0;

  constructor(
    identity: WorkspaceIdentity,
    private readonly clock: Clock,
  ) {
    this.identity = identity;
  }

  /** Current clock time in whole seconds (Slack's `created`, `last_set`, …). */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** A new id such as `C00000001` (deterministic: a counter per prefix). */
  newId(prefix: string): string {
    const next = (this.idCounters.get(prefix) ?? 0) + 1;
    this.idCounters.set(prefix, next);
    return `${prefix}${next.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** A new message timestamp: clock time in "seconds.micros", strictly increasing across the workspace. */
  nextTs(): string {
    const micros = Math.max(this.clock() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Adds a workspace member. Throws when the id is taken or the time zone is unknown. */
  addUser(input: NewUser): User {
    const id = input.id ?? this.newId('U');
    if (this.usersById.has(id)) throw new Error(`user id ${id} already exists`);
    const tz = input.tz ?? 'UTC';
    const now = this.clock();
    const realName = input.realName ?? input.name;
    const user: User = {
      id,
      team_id: this.identity.teamId,
      name: input.name,
      real_name: realName,
      deleted: false,
      tz,
      tz_label: timeZoneLabel(tz, now),
      tz_offset: timeZoneOffsetSeconds(tz, now),
      is_bot: input.isBot ?? false,
      is_app_user: false,
      is_admin: false,
      updated: Math.floor(now / 1000),
      profile: {
        real_name: realName,
        display_name: input.name,
        real_name_normalized: realName,
        display_name_normalized: input.name,
        ...(input.isBot ? {} : { email: input.email ?? `${input.name}@example.com` }),
        ...(id === this.identity.botUserId ? { bot_id: this.identity.botId } : {}),
      },
    };
    this.usersById.set(id, user);
    return this.copyOfUser(user);
  }

  /** Adds a channel. Throws on an invalid or taken name (use conversations.create to test Slack's errors). */
  addChannel(input: NewChannel): Channel {
    if (!CHANNEL_NAME_PATTERN.test(input.name) || input.name.length > 80)
      throw new Error(`invalid channel name: ${input.name}`);
    if (this.channelByName(input.name)) throw new Error(`channel name taken: ${input.name}`);
    const members = [...new Set(input.members ?? [])];
    for (const member of members) if (!this.usersById.has(member)) throw new Error(`unknown user ${member}`);
    const id = input.id ?? this.newId('C');
    if (this.channelsById.has(id)) throw new Error(`channel id ${id} already exists`);
    const empty = { value: '', creator: '', last_set: 0 };
    const channel: Channel = {
      id,
      name: input.name,
      is_private: input.isPrivate ?? false,
      is_archived: false,
      is_general: input.name === 'general' && this.channelsById.size === 0,
      created: this.nowSeconds(),
      creator: input.creator ?? members[0] ?? this.identity.botUserId,
      topic: { ...empty },
      purpose: { ...empty },
      previous_names: [],
      members,
    };
    this.channelsById.set(id, channel);
    return structuredClone(channel);
  }

  /** The bot's direct message with a user, created on first use (conversations.open). */
  openDirectMessage(userId: string): Channel {
    const existing = [...this.channelsById.values()].find((c) => c.is_im && c.user === userId);
    if (existing) return structuredClone(existing);
    const user = this.usersById.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    const empty = { value: '', creator: '', last_set: 0 };
    const channel: Channel = {
      id: this.newId('D'),
      name: `@${user.name}`,
      is_private: true,
      is_archived: false,
      is_general: false,
      created: this.nowSeconds(),
      creator: this.identity.botUserId,
      topic: { ...empty },
      purpose: { ...empty },
      previous_names: [],
      members: [this.identity.botUserId, userId],
      is_im: true,
      user: userId,
    };
    this.channelsById.set(channel.id, channel);
    return structuredClone(channel);
  }

  /**
   * Moves a user to another IANA time zone (as when they change it in their Slack preferences).
   * Throws when the user or the zone is unknown.
   */
  setUserTimeZone(userId: string, tz: string): User {
    const user = this.usersById.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    timeZoneOffsetSeconds(tz, this.clock()); // a RangeError for a zone Intl does not know, before anything changes
    user.tz = tz;
    user.updated = this.nowSeconds();
    return this.copyOfUser(user);
  }

  /** A user by id (copy), or undefined. */
  user(id: string): User | undefined {
    const user = this.usersById.get(id);
    return user && this.copyOfUser(user);
  }

  /** All users including the bot (copies), in creation order. */
  users(): User[] {
    return [...this.usersById.values()].map((user) => this.copyOfUser(user));
  }

  // The offset and label follow the clock: a user in New York is at -4 h in July and -5 h in January.
  private copyOfUser(user: User): User {
    const now = this.clock();
    return {
      ...structuredClone(user),
      tz_label: timeZoneLabel(user.tz, now),
      tz_offset: timeZoneOffsetSeconds(user.tz, now),
    };
  }

  /** A channel by id (copy), or undefined. */
  channel(id: string): Channel | undefined {
    const channel = this.channelsById.get(id);
    return channel && structuredClone(channel);
  }

  /** A channel by name, with or without '#' (copy), or undefined. Archived channels are included. */
  channelByName(name: string): Channel | undefined {
    const wanted = name.replace(/^#/, '');
    const channel = [...this.channelsById.values()].find((candidate) => candidate.name === wanted);
    return channel && structuredClone(channel);
  }

  /** All channels (copies), in creation order. */
  channels(): Channel[] {
    return [...this.channelsById.values()].map((channel) => structuredClone(channel));
  }

  /** The live channel record (for handlers that change it). */
  liveChannel(id: string): Channel | undefined {
    return this.channelsById.get(id);
  }

  /** Resolves a channel id, name or '#name' (copy), or undefined. */
  resolveChannel(idOrName: string): Channel | undefined {
    return this.channel(idOrName) ?? this.channelByName(idOrName);
  }

  /** Whether `userId` is a member of `channelId`. */
  isMember(channelId: string, userId: string): boolean {
    return this.channelsById.get(channelId)?.members.includes(userId) ?? false;
  }

  /** Top-level messages of a channel (including thread broadcasts), in ts order (copies). */
  messages(channelId: string): Message[] {
    return structuredClone(this.store.topLevel(channelId));
  }

  /** Replies of a thread without the parent, in ts order (copies). */
  replies(channelId: string, threadTs: string): Message[] {
    return structuredClone(this.store.threadReplies(channelId, threadTs));
  }

  /** One message (top-level or reply) by ts (copy), or undefined. */
  message(channelId: string, ts: string): Message | undefined {
    const message = this.store.find(channelId, ts);
    return message && structuredClone(message);
  }

  /** Pinned messages of a channel, most recently pinned first (copies). */
  pins(channelId: string): Message[] {
    return structuredClone(this.store.pinned(channelId).map((pin) => pin.message));
  }

  /** chat.postEphemeral deliveries, optionally filtered by channel and/or user (copies). */
  ephemerals(channelId?: string, userId?: string): EphemeralMessage[] {
    return structuredClone(
      this.ephemeralLog.filter(
        (item) =>
          (channelId === undefined || item.channel === channelId) && (userId === undefined || item.user === userId),
      ),
    );
  }

  /** Everything the app sent to response_urls (and slash-command ack bodies), in order (copies). */
  responses(): ResponseDelivery[] {
    return structuredClone(this.responseLog);
  }

  /** Views (modals and Home tabs) in their latest state, optionally for one user (copies). */
  views(userId?: string): View[] {
    return structuredClone(
      [...this.viewsById.values()].filter((view) => userId === undefined || view.userId === userId),
    );
  }

  /** One view by id (copy), or undefined. */
  view(id: string): View | undefined {
    const view = this.viewsById.get(id);
    return view && structuredClone(view);
  }

  /** Completed file uploads, optionally only those shared in `channelId`. */
  files(channelId?: string): FileView[] {
    return [...this.filesById.values()]
      .filter((file) => file.completed && (channelId === undefined || file.channels.includes(channelId)))
      .map((file) => {
        const bytes = Buffer.from(file.bytes ?? Buffer.alloc(0));
        return {
          id: file.id,
          name: file.name,
          title: file.title,
          channels: [...file.channels],
          bytes,
          content: bytes.toString('utf8'),
          mimetype: file.mimetype,
          ...(file.altTxt === undefined ? {} : { altTxt: file.altTxt }),
        };
      });
  }

  /** Bookmarks of a channel (copies). */
  bookmarks(channelId: string): Bookmark[] {
    return structuredClone(this.bookmarksByChannel.get(channelId) ?? []);
  }

  /** A canvas with its markdown and sections (copy), or undefined. */
  canvas(id: string): CanvasView | undefined {
    return this.canvases.view(id);
  }
}
