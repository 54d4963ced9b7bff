import { createHmac } from 'node:crypto';

/** A request ready to send: the exact bytes of the body and the headers Slack would add. */
export type SignedRequest = { body: Buffer; headers: Record<string, string> };

/** What every signed request needs: the app's signing secret. */
export type SigningOptions = { signingSecret: string; now?: () => number };

/** `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{raw body}`), as Slack signs requests. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Signs a raw body (form-encoded or JSON) and returns it with Slack's headers. */
export function signRequest(options: SigningOptions, rawBody: string, contentType: string): SignedRequest {
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  const body = Buffer.from(rawBody, 'utf8');
  return {
    body,
    headers: {
      'content-type': contentType,
      'content-length': String(body.length),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.signingSecret, timestamp, rawBody),
    },
  };
}

/** The workspace, channel and person the bench's requests come from, and the bot (all exist in the emulator). */
export const benchWorkspace = {
  teamId: 'T0FIREBRK',
  teamDomain: 'firebreak-demo',
  channelId: 'C0INCIDENTS',
  channelName: 'incidents',
  userId: 'U0ALICE',
  userName: 'alice',
  apiAppId: 'A0FIREBRK',
  botUserId: 'U0FBBOT',
} as const;

/** Parameters of one `/incident …` invocation. */
export type SlashCommandParams = {
  text: string;
  /** Makes the trigger_id unique (the inbox dedupes on it): pass a counter that never repeats. */
  sequence: number;
  /** Where the app may reply later; the bench points it at the emulator (a 404 there is fine). */
  responseUrl: string;
  command?: string;
  /** Where the command is run (default #incidents); an incident's own commands run in its channel. */
  channelId?: string;
  channelName?: string;
};

/** A signed `application/x-www-form-urlencoded` slash command, as Slack posts it. */
export function signedSlashCommand(options: SigningOptions, params: SlashCommandParams): SignedRequest {
  const form = new URLSearchParams({
    token: 'bench-verification-token',
    team_id: benchWorkspace.teamId,
    team_domain: benchWorkspace.teamDomain,
    channel_id: params.channelId ?? benchWorkspace.channelId,
    channel_name: params.channelName ?? benchWorkspace.channelName,
    user_id: benchWorkspace.userId,
    user_name: benchWorkspace.userName,
    command: params.command ?? '/incident',
    text: params.text,
    api_app_id: benchWorkspace.apiAppId,
    response_url: params.responseUrl,
    trigger_id: `${Date.now()}.${params.sequence}.bench`,
  });
  return signRequest(options, form.toString(), 'application/x-www-form-urlencoded');
}

/**
 * A signed `ssl_check=1` request: Bolt's receiver verifies it and answers 200 without running any listener,
 * which makes it the cheapest way to open a connection through the same code path.
 */
export function signedSslCheck(options: SigningOptions): SignedRequest {
  return signRequest(
    options,
    new URLSearchParams({ ssl_check: '1', token: 'bench-verification-token' }).toString(),
    'application/x-www-form-urlencoded',
  );
}

/** Parameters of one `message` event delivery. */
export type MessageEventParams = {
  /** Unique per delivery (the inbox dedupes on it), e.g. `Ev0BENCH000042`. */
  eventId: string;
  channelId: string;
  /** The message's ts, unique in the channel ("1795600000.000042"); also its event_ts. */
  ts: string;
  text: string;
  userId?: string;
};

/** A signed Events API `event_callback` carrying a person's `message` in a channel, as Slack posts it (JSON). */
export function signedMessageEvent(options: SigningOptions, params: MessageEventParams): SignedRequest {
  const envelope = {
    token: 'bench-verification-token',
    team_id: benchWorkspace.teamId,
    api_app_id: benchWorkspace.apiAppId,
    event: {
      type: 'message',
      channel: params.channelId,
      channel_type: 'channel',
      user: params.userId ?? benchWorkspace.userId,
      text: params.text,
      ts: params.ts,
      event_ts: params.ts,
    },
    type: 'event_callback',
    event_id: params.eventId,
    event_time: Math.floor(Number(params.ts)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: benchWorkspace.teamId,
        user_id: benchWorkspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
  return signRequest(options, JSON.stringify(envelope), 'application/json');
}

/** The message a block action was taken on, as Slack includes it in the payload (blocks and all). */
export type ClickedMessage = { ts: string; text?: string; blocks?: unknown[]; user?: string; bot_id?: string };

/** Parameters of one click on a message's button or select (a `block_actions` interaction). */
export type BlockActionParams = {
  /** Makes the trigger_id (and action_ts) unique: the inbox dedupes clicks on them, so pass a counter that never repeats. */
  sequence: number;
  channelId: string;
  channelName: string;
  message: ClickedMessage;
  blockId: string;
  /** The element as Slack describes the action: `{ type: 'button', action_id, value }`, or a select's `selected_option`. */
  action: Record<string, unknown> & { type: string; action_id: string };
  responseUrl: string;
};

/** A signed `block_actions` interaction (form-encoded `payload=<json>`), as Slack posts a person's click. */
export function signedBlockAction(options: SigningOptions, params: BlockActionParams): SignedRequest {
  const actionTs = `${Math.floor((options.now ?? Date.now)() / 1000)}.${String(params.sequence).padStart(6, '0')}`;
  const payload = {
    type: 'block_actions',
    token: 'bench-verification-token',
    api_app_id: benchWorkspace.apiAppId,
    team: { id: benchWorkspace.teamId, domain: benchWorkspace.teamDomain },
    user: {
      id: benchWorkspace.userId,
      username: benchWorkspace.userName,
      name: benchWorkspace.userName,
      team_id: benchWorkspace.teamId,
    },
    is_enterprise_install: false,
    enterprise: null,
    container: { type: 'message', message_ts: params.message.ts, channel_id: params.channelId, is_ephemeral: false },
    trigger_id: `${Date.now()}.${params.sequence}.benchclick`,
    channel: { id: params.channelId, name: params.channelName },
    message: { type: 'message', ...params.message },
    state: { values: {} },
    response_url: params.responseUrl,
    actions: [{ ...params.action, block_id: params.blockId, action_ts: actionTs }],
  };
  return signRequest(
    options,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
  );
}
