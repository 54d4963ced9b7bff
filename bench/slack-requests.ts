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
};

/** A signed `application/x-www-form-urlencoded` slash command, as Slack posts it. */
export function signedSlashCommand(options: SigningOptions, params: SlashCommandParams): SignedRequest {
  const form = new URLSearchParams({
    token: 'bench-verification-token',
    team_id: benchWorkspace.teamId,
    team_domain: benchWorkspace.teamDomain,
    channel_id: benchWorkspace.channelId,
    channel_name: benchWorkspace.channelName,
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
