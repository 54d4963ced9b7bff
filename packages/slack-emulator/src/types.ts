/**
 * Shared data types of the Slack emulator. Shapes follow Slack's Web API objects; fields that only the
 * emulator needs (never sent to the app) are called out in their doc comments.
 */

/** A JSON object as the app sends or receives it. */
export type JsonObject = Record<string, unknown>;

/** A Block Kit block (validated by block-kit.ts; kept loosely typed because apps may send any shape). */
export type Block = JsonObject;

/** Milliseconds since the epoch; the emulator never reads the time except through one of these. */
export type Clock = () => number;

/** A workspace member (human or bot) in the shape of `users.info`. */
export interface User {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  tz: string;
  tz_label: string;
  /** Seconds east of UTC at the emulator clock's current time (DST-aware; recomputed on every read). */
  tz_offset: number;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  updated: number;
  profile: {
    real_name: string;
    display_name: string;
    email?: string;
    bot_id?: string;
    real_name_normalized: string;
    display_name_normalized: string;
  };
}

/** Topic or purpose of a channel. */
export interface ChannelText {
  value: string;
  creator: string;
  last_set: number;
}

/** A channel as stored by the emulator; `members` is emulator state (the API exposes `is_member`/`num_members`). */
export interface Channel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  creator: string;
  topic: ChannelText;
  purpose: ChannelText;
  previous_names: string[];
  members: string[];
  /** A direct message between the bot and `user` (conversations.open); named `@<user name>` here. */
  is_im?: boolean;
  user?: string;
}

/** One emoji reaction on a message. */
export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

/** Structured message metadata (`metadata` argument of chat.postMessage). */
export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

/** A channel message in the shape of `conversations.history`. */
export interface Message {
  type: 'message';
  ts: string;
  user: string;
  text: string;
  team: string;
  subtype?: string;
  blocks?: Block[];
  attachments?: JsonObject[];
  bot_id?: string;
  app_id?: string;
  client_msg_id?: string;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: Reaction[];
  files?: JsonObject[];
  upload?: boolean;
  pinned_to?: string[];
  metadata?: MessageMetadata;
}

/** A chat.postEphemeral delivery: visible only to `user`, never stored in the channel. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text: string;
  blocks?: Block[];
  at: number;
}

/** What the app sent to a response_url (or in the immediate HTTP answer to a slash command). */
export interface ResponseDelivery {
  /** Id of the response_url (last path segment), or null for a slash-command ack body. */
  urlId: string | null;
  url: string | null;
  via: 'response_url' | 'ack';
  userId: string;
  channelId: string;
  responseType: 'ephemeral' | 'in_channel';
  replaceOriginal: boolean;
  deleteOriginal: boolean;
  text?: string;
  blocks?: Block[];
  /** ts of the channel message this response created or changed, if any. */
  ts?: string;
  body: JsonObject;
  at: number;
}

/** A modal or Home tab, in the shape of `views.open`'s `view`, plus emulator bookkeeping. */
export interface View {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Emulator only: the user who sees this view. */
  userId: string;
  /** Emulator only: false once the user submitted/closed it or the app cleared it. */
  isOpen: boolean;
  /** Emulator only: errors shown after the last `response_action: errors`. */
  errors?: Record<string, string>;
}

/** An uploaded file (files.getUploadURLExternal + upload + files.completeUploadExternal). */
export interface StoredFile {
  id: string;
  name: string;
  title: string;
  length: number;
  created: number;
  user: string;
  channels: string[];
  bytes: Buffer | null;
  completed: boolean;
  mimetype: string;
  filetype: string;
  /** The image's description for screen readers (files.getUploadURLExternal's alt_txt). */
  altTxt?: string;
}

/** A channel bookmark in the shape of `bookmarks.list`. */
export interface Bookmark {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  emoji: string | null;
  icon_url: string | null;
  type: 'link';
  entity_id: null;
  date_created: number;
  date_updated: number;
  rank: string;
  last_updated_by_user_id: string;
  last_updated_by_team_id: string;
  shortcut_id: null;
  app_id: string;
}

/** One entry of `emulator.calls`: every Web API request the emulator received. */
export interface ApiCall {
  method: string;
  /** Arguments without the token; JSON-string arguments (blocks, view, metadata, …) are parsed. */
  args: JsonObject;
  ok: boolean;
  error?: string;
  /** HTTP status sent (0 when the response was deliberately lost). */
  status: number;
  /** Clock time of the call (ms). */
  at: number;
  /** Injected fault that affected this call, if any. */
  fault?: 'ratelimit' | 'server_error' | 'refuse' | 'slow' | 'lost' | 'hang';
}

/** Input of `workspace.addUser`. */
export interface NewUser {
  name: string;
  realName?: string;
  /** IANA zone, default 'UTC'. */
  tz?: string;
  isBot?: boolean;
  email?: string;
  id?: string;
}

/** Input of `workspace.addChannel`. */
export interface NewChannel {
  name: string;
  isPrivate?: boolean;
  members?: string[];
  creator?: string;
  id?: string;
}

/** Identity of the workspace and the app installed in it. */
export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
}

/** A file as returned by `workspace.files()`. */
export interface FileView {
  id: string;
  name: string;
  title: string;
  channels: string[];
  bytes: Buffer;
  content: string;
  mimetype: string;
  altTxt?: string;
}
