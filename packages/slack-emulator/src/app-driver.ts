/**
 * Acting as Slack toward the app: slash commands, button clicks, shortcuts, modal submissions and
 * Events API deliveries, each sent as a correctly signed HTTP request to the app's URL, or as a
 * Socket Mode envelope while the app holds a Socket Mode connection.
 */
import { type AppResponse, type SendOptions, sendSignedRequest } from './app-transport.ts';
import { messageToApi } from './bot-messages.ts';
import { type CommandEscaping, commandTextAsSent } from './command-text.ts';
import { InteractionError } from './element-values.ts';
import { blockAction, type ElementSelection, findElement, teamRef, userRef } from './interaction-payloads.ts';
import { applyMessageResponse, type ResponseUrlRegistry } from './response-urls.ts';
import type { SocketEnvelope, SocketModeServer } from './socket-mode.ts';
import type { TriggerRegistry } from './triggers.ts';
import type { Channel, Clock, JsonObject } from './types.ts';
import type { Workspace } from './workspace.ts';

/** The app id the emulator reports (`api_app_id`). */
export const EMULATED_APP_ID = 'A0FIREBRK';
/** The legacy verification token sent in payloads (apps should verify signatures instead). */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

/** What the driver needs from the emulator. */
export interface AppDriverDeps {
  workspace: Workspace;
  clock: Clock;
  triggers: TriggerRegistry;
  responseUrls: ResponseUrlRegistry;
  signingSecret: string;
  appUrl: () => string | undefined;
  ackTimeoutMs: () => number;
  commandEscaping: () => CommandEscaping;
  socketMode: SocketModeServer;
}

/** SendOptions that only make sense for a signed HTTP request. */
const HTTP_ONLY_OPTIONS = ['signingSecret', 'timestamp', 'tamper', 'omitHeaders'] as const;

/** Options of `event()`. */
export interface EventOptions extends SendOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
  /** Unix seconds (default: clock). */
  eventTime?: number;
}

/** Result of an interaction that came with a trigger_id and response_url. */
export type InteractionResult = AppResponse & { triggerId: string; responseUrl?: string };

/** Sends Slack's requests to the app. */
export class AppDriver {
  constructor(readonly deps: AppDriverDeps) {}

  /** The workspace requests are about (for the view and event delivery modules too). */
  get workspace(): Workspace {
    return this.deps.workspace;
  }

  /** Signs and POSTs a raw body to the app URL. */
  async send(
    rawBody: string,
    contentType: string,
    opts: SendOptions = {},
    headers: Record<string, string> = {},
  ): Promise<AppResponse> {
    const url = this.deps.appUrl();
    if (!url) throw new Error('emulator.appUrl is not set: where should Slack send requests?');
    return sendSignedRequest(
      { url, rawBody, contentType, headers },
      { signingSecret: this.deps.signingSecret, clock: this.deps.clock, deadlineMs: this.deps.ackTimeoutMs() },
      opts,
    );
  }

  /** True when a request can reach the app: a Socket Mode connection is open or an app URL is set. */
  canDeliver(): boolean {
    return this.deps.socketMode.connections > 0 || Boolean(this.deps.appUrl());
  }

  /** Over the open Socket Mode connection when there is one (same deadline as HTTP), else `http()`. */
  deliver(envelope: SocketEnvelope, opts: SendOptions, http: () => Promise<AppResponse>): Promise<AppResponse> {
    if (this.deps.socketMode.connections === 0) return http();
    const httpOnly = HTTP_ONLY_OPTIONS.filter((name) => opts[name] !== undefined);
    if (httpOnly.length > 0)
      throw new Error(
        `${httpOnly.join(', ')}: Socket Mode envelopes are not signed; these options apply to HTTP delivery only`,
      );
    return this.deps.socketMode.deliver(envelope, opts.deadlineMs ?? this.deps.ackTimeoutMs());
  }

  /** Delivers an interaction payload (Socket Mode envelope or signed form POST). */
  sendPayload(payload: JsonObject, opts: SendOptions): Promise<AppResponse> {
    const envelope: SocketEnvelope = {
      type: 'interactive',
      payload,
      acceptsResponsePayload: payload.type === 'view_submission',
    };
    return this.deliver(envelope, opts, () =>
      this.send(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
        opts,
      ),
    );
  }

  private channelFor(userId: string, channelId: string): Channel {
    const channel = this.workspace.channel(channelId) ?? this.workspace.channelByName(channelId);
    if (!channel) throw new InteractionError(`channel_not_found: ${channelId}`);
    if (!userRef(this.workspace, userId)) throw new InteractionError(`unknown user ${userId}`);
    const canSee = channel.members.includes(userId) || !channel.is_private;
    if (!canSee) throw new InteractionError(`channel_not_found: ${userId} cannot see ${channel.name}`);
    return channel;
  }

  /** The fields every interaction payload from `userId` carries. */
  common(userId: string): JsonObject {
    return {
      token: VERIFICATION_TOKEN,
      api_app_id: EMULATED_APP_ID,
      team: teamRef(this.workspace),
      user: userRef(this.workspace, userId),
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  /** Runs a slash command as `userId` in `channelId`; a non-empty ack body is shown like Slack does. */
  async slashCommand(
    params: { userId: string; channelId: string; command?: string; text?: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult & { ackProblem?: string }> {
    const channel = this.channelFor(params.userId, params.channelId);
    if (!channel.members.includes(params.userId))
      throw new InteractionError(`not_in_channel: ${params.userId} is not a member of #${channel.name}`);
    if (channel.is_archived) throw new InteractionError(`is_archived: #${channel.name} is archived`);
    const text = commandTextAsSent(this.workspace, params.text ?? '', this.deps.commandEscaping());
    return this.deliverCommand({ ...params, text }, channel, opts);
  }

  /**
   * A slash command as a hostile or buggy client could have it delivered: the same signed request, but
   * without the checks that stand for Slack's own UI (the person need not be in, or able to see, the
   * channel, and `text` is sent exactly as given, escaped or not). For testing that an app checks
   * membership itself rather than trusting `channel_id`.
   */
  async craftedCommand(
    params: { userId: string; channelId: string; command?: string; text?: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult & { ackProblem?: string }> {
    const channel = this.workspace.channel(params.channelId);
    if (!channel) throw new InteractionError(`channel_not_found: ${params.channelId}`);
    return this.deliverCommand(params, channel, opts);
  }

  private async deliverCommand(
    params: { userId: string; command?: string; text?: string },
    channel: Channel,
    opts: SendOptions,
  ): Promise<InteractionResult & { ackProblem?: string }> {
    const user = this.workspace.user(params.userId);
    const triggerId = this.deps.triggers.issue({ userId: params.userId });
    const origin = { userId: params.userId, channelId: channel.id };
    const responseUrl = this.deps.responseUrls.issue(origin);
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.workspace.identity.teamId,
      team_domain: this.workspace.identity.teamDomain,
      channel_id: channel.id,
      channel_name: channel.is_private ? 'privategroup' : channel.name,
      user_id: params.userId,
      user_name: user?.name ?? '',
      command: params.command ?? '/incident',
      text: params.text ?? '',
      api_app_id: EMULATED_APP_ID,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    });
    const envelope: SocketEnvelope = {
      type: 'slash_commands',
      payload: Object.fromEntries(form),
      acceptsResponsePayload: true,
    };
    const response = await this.deliver(envelope, opts, () =>
      this.send(form.toString(), 'application/x-www-form-urlencoded', opts),
    );
    const result: InteractionResult & { ackProblem?: string } = { ...response, triggerId, responseUrl };
    if (response.status === 200 && response.body.trim() !== '') {
      const body: JsonObject =
        typeof response.json === 'object' && response.json !== null ? response.json : { text: response.body };
      const applied = applyMessageResponse(this.workspace, this.deps.clock, origin, body, {
        via: 'ack',
        urlId: null,
        url: null,
      });
      if (applied.status !== 200) result.ackProblem = String(applied.body.error);
    }
    return result;
  }

  /**
   * An interaction payload (`block_actions`, `view_submission`, `message_action`, …) as a hostile or
   * buggy client could have it delivered: the caller writes the payload (button values, a view's
   * private_metadata and state, any channel), and the emulator makes it a signed request from `userId`
   * with a fresh trigger_id, and a response_url answering in `channelId` when one is given. Nothing of
   * Slack's own UI checks applies; for testing that an app checks everything a payload claims.
   */
  async craftedInteraction(
    params: { userId: string; payload: JsonObject; channelId?: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult> {
    if (!userRef(this.workspace, params.userId)) throw new InteractionError(`unknown user ${params.userId}`);
    const triggerId = this.deps.triggers.issue({ userId: params.userId });
    const responseUrl = params.channelId
      ? this.deps.responseUrls.issue({ userId: params.userId, channelId: params.channelId })
      : undefined;
    const payload: JsonObject = {
      ...params.payload,
      ...this.common(params.userId),
      trigger_id: triggerId,
      ...(responseUrl ? { response_url: responseUrl } : {}),
    };
    return { ...(await this.sendPayload(payload, opts)), triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  /** Clicks a button (or picks from a select/overflow/…) in a channel message or an ephemeral message. */
  async clickButton(
    params: ElementSelection & { userId: string; channelId: string; messageTs: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult> {
    const channel = this.channelFor(params.userId, params.channelId);
    const message = this.workspace.message(channel.id, params.messageTs);
    const ephemeral = message
      ? undefined
      : this.workspace.ephemerals(channel.id, params.userId).find((item) => item.message_ts === params.messageTs);
    if (!message && !ephemeral) throw new InteractionError(`message ${params.messageTs} not found in #${channel.name}`);
    const found = findElement(message?.blocks ?? ephemeral?.blocks, params, `message ${params.messageTs}`);
    const triggerId = this.deps.triggers.issue({ userId: params.userId });
    const responseUrl = this.deps.responseUrls.issue({
      userId: params.userId,
      channelId: channel.id,
      ...(message ? { messageTs: message.ts } : {}),
    });
    const payload: JsonObject = {
      type: 'block_actions',
      ...this.common(params.userId),
      container: { type: 'message', message_ts: params.messageTs, channel_id: channel.id, is_ephemeral: !message },
      trigger_id: triggerId,
      channel: { id: channel.id, name: channel.name },
      ...(message ? { message: messageToApi(message, true) } : {}),
      state: { values: {} },
      response_url: responseUrl,
      actions: [blockAction(this.workspace, found, params, this.workspace.nextTs())],
    };
    return { ...(await this.sendPayload(payload, opts)), triggerId, responseUrl };
  }

  /** Runs a message shortcut on a message (`message_action`). */
  async messageShortcut(
    params: { userId: string; channelId: string; messageTs: string; callbackId: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult> {
    const channel = this.channelFor(params.userId, params.channelId);
    const message = this.workspace.message(channel.id, params.messageTs);
    if (!message) throw new InteractionError(`message ${params.messageTs} not found in #${channel.name}`);
    const triggerId = this.deps.triggers.issue({ userId: params.userId });
    const responseUrl = this.deps.responseUrls.issue({
      userId: params.userId,
      channelId: channel.id,
      messageTs: message.ts,
    });
    const payload: JsonObject = {
      type: 'message_action',
      ...this.common(params.userId),
      action_ts: this.workspace.nextTs(),
      callback_id: params.callbackId,
      trigger_id: triggerId,
      response_url: responseUrl,
      message_ts: message.ts,
      message: messageToApi(message, true),
      channel: { id: channel.id, name: channel.name },
    };
    return { ...(await this.sendPayload(payload, opts)), triggerId, responseUrl };
  }

  /** Runs a global shortcut (`shortcut`). */
  async globalShortcut(
    params: { userId: string; callbackId: string },
    opts: SendOptions = {},
  ): Promise<InteractionResult> {
    const triggerId = this.deps.triggers.issue({ userId: params.userId });
    const payload: JsonObject = {
      type: 'shortcut',
      ...this.common(params.userId),
      action_ts: this.workspace.nextTs(),
      callback_id: params.callbackId,
      trigger_id: triggerId,
    };
    return { ...(await this.sendPayload(payload, opts)), triggerId };
  }
}
