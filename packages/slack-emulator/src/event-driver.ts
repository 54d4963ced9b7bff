/** Events API deliveries toward the app: `event_callback` envelopes (with Slack's retry headers) and the URL handshake. */
import { type AppDriver, EMULATED_APP_ID, type EventOptions, VERIFICATION_TOKEN } from './app-driver.ts';
import type { AppResponse, SendOptions } from './app-transport.ts';
import type { SocketEnvelope } from './socket-mode.ts';
import type { JsonObject } from './types.ts';

/** Delivers an Events API `event_callback` envelope around `event`. Returns the response and event_id. */
export async function deliverEvent(
  driver: AppDriver,
  event: JsonObject,
  opts: EventOptions = {},
): Promise<AppResponse & { eventId: string }> {
  const { identity } = driver.workspace;
  const eventId = opts.eventId ?? driver.workspace.newId('Ev');
  const envelope = {
    token: VERIFICATION_TOKEN,
    team_id: identity.teamId,
    context_team_id: identity.teamId,
    context_enterprise_id: null,
    api_app_id: EMULATED_APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: opts.eventTime ?? Math.floor(driver.deps.clock() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, tid: identity.teamId, aid: EMULATED_APP_ID, cid: event.channel })).toString('base64url')}`,
  };
  const headers: Record<string, string> = {};
  const retry: Pick<SocketEnvelope, 'retryAttempt' | 'retryReason'> = {};
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
    retry.retryAttempt = opts.retryNum;
    retry.retryReason = opts.retryReason ?? 'http_timeout';
  }
  const socketEnvelope: SocketEnvelope = {
    type: 'events_api',
    payload: envelope,
    acceptsResponsePayload: false,
    ...retry,
  };
  return {
    ...(await driver.deliver(socketEnvelope, opts, () =>
      driver.send(JSON.stringify(envelope), 'application/json', opts, headers),
    )),
    eventId,
  };
}

/** Sends the `url_verification` handshake over HTTP (Slack never sends it in Socket Mode); the app must echo `challenge`. */
export async function verifyUrl(
  driver: AppDriver,
  opts: SendOptions = {},
): Promise<AppResponse & { challenge: string; verified: boolean }> {
  const challenge = `challenge-${driver.workspace.newId('X')}`;
  const response = await driver.send(
    JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' }),
    'application/json',
    opts,
  );
  const echoed = response.json?.challenge ?? response.body;
  return { ...response, challenge, verified: response.status === 200 && echoed === challenge };
}
