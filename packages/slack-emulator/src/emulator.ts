/**
 * The Slack emulator: a local Web API server with a stateful workspace, fault injection and rate limits,
 * which also acts as Slack toward the app (signed slash commands, interactions and events).
 */
import type { Server } from 'node:http';
import { AppDriver, EMULATED_APP_ID, type EventOptions, type InteractionResult } from './app-driver.ts';
import type { AppResponse, SendOptions } from './app-transport.ts';
import { renderCanvas } from './canvas-render.ts';
import type { CommandEscaping } from './command-text.ts';
import { controlRoute } from './control-api.ts';
import { deliverEvent, verifyUrl } from './event-driver.ts';
import { FaultInjector } from './faults.ts';
import { downloadRoute, uploadRoute } from './file-transfer.ts';
import { type HomeOpenedResult, type HomeTab, userOpensHome } from './home-tab.ts';
import type { ElementSelection } from './interaction-payloads.ts';
import { webApiMethods } from './methods/index.ts';
import { MovableClock } from './movable-clock.ts';
import { preloadWorkspace } from './preload.ts';
import { RateLimiter } from './rate-limits.ts';
import { renderChannel, renderView } from './render.ts';
import { ResponseUrlRegistry } from './response-urls.ts';
import { createRequestListener, listenOnLocalhost, stopHttpServer } from './server.ts';
import { SocketModeServer } from './socket-mode.ts';
import { TriggerRegistry } from './triggers.ts';
import type { ApiCall, Clock, JsonObject } from './types.ts';
import { type UserActionResult, UserActivity } from './user-activity.ts';
import { userPins } from './user-pins.ts';
import { clickViewButton, closeView, submitView } from './view-driver.ts';
import type { SubmitViewResult } from './view-submission.ts';
import { Workspace } from './workspace.ts';

/** Options of `startEmulator`. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Default 'T0FIREBRK'. */
  teamId?: string;
  /** Default 'firebreak-demo'. */
  teamDomain?: string;
  /** Default 'Firebreak Demo'. */
  teamName?: string;
  /** The only accepted token (default 'xoxb-emulator-token'); others → invalid_auth, none → not_authed. */
  botToken?: string;
  /** The app-level token `apps.connections.open` accepts (default 'xapp-emulator-app-token'); the bot token there → invalid_auth. */
  appToken?: string;
  /** Secret used to sign requests to the app (default 'emulator-signing-secret'). */
  signingSecret?: string;
  /** Where to send signed requests, e.g. http://127.0.0.1:3000/slack/events (settable later). */
  appUrl?: string;
  /** Enforce Slack's rate limits (default true). */
  rateLimits?: boolean;
  /** Limit conversations.history/replies to 1/min and 15 messages, like non-Marketplace apps (default false). */
  historyLimitedApp?: boolean;
  /**
   * Workspace-wide cap on chat.postMessage + chat.postEphemeral per minute (default 100; a whole number ≥ 1),
   * on top of the per-channel burst of 5 and 1/s. Settable later on `emulator.rateLimits.postMessagePerMinute`.
   */
  postMessagePerMinute?: number;
  /**
   * IANA time zones for preloaded (or any existing) users by id, e.g. `{ U0BOB: 'Europe/Berlin' }`, applied
   * after the preload; an unknown user or zone throws. Later: `emulator.workspace.setUserTimeZone(id, tz)`.
   */
  userTimeZones?: Record<string, string>;
  /**
   * Base time source in ms (default Date.now): message ts, rate limits, trigger expiry, signing timestamps.
   * The emulator's `clock` adds an offset to it that `clock.advance()` (or POST /_emulator/clock) moves.
   */
  clock?: Clock;
  /** The app's shortcuts as in its manifest's `features.shortcuts`, so people can run them by name. */
  shortcuts?: ShortcutDefinition[];
  /** How long Slack waits for the app to acknowledge (default 3000 ms). */
  ackTimeoutMs?: number;
  /**
   * The app manifest's `should_escape` for its slash commands: 'escaped' (default; true) sends a mention
   * typed as `@bob` or `<@U0BOB>` as `<@U0BOB|bob>`, 'plain' (false, Slack's default) sends `<@U0BOB|bob>` as `@bob`.
   */
  commandEscaping?: CommandEscaping;
}

/** A shortcut as the app manifest declares it (`features.shortcuts[]`). */
export interface ShortcutDefinition {
  name: string;
  type: 'message' | 'global';
  callback_id: string;
  description?: string;
}

/** A running emulator. Create it with `startEmulator()`. */
export class Emulator {
  /** Base URL for the app's Web API client (`slackApiUrl`), ending with `/api/`. */
  readonly apiUrl: string;
  /** Origin of the emulator, e.g. `http://127.0.0.1:4123`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId = 'U0FBBOT';
  readonly botId = 'B0FBBOT';
  readonly appId = EMULATED_APP_ID;
  readonly signingSecret: string;
  readonly botToken: string;
  /** App-level token for Socket Mode (the app's SLACK_APP_TOKEN). */
  readonly appToken: string;
  /** Socket Mode: while a connection is open, requests to the app go over it instead of signed HTTP. */
  readonly socketMode: SocketModeServer;
  /** Where signed requests go; may be set after start. */
  appUrl: string | undefined;
  /** How long the emulator (as Slack) waits for the app's HTTP answer, in ms. */
  ackTimeoutMs: number;
  /** How slash command text reaches the app (the manifest's `should_escape`); may be changed later. */
  commandEscaping: CommandEscaping;
  /** The emulated workspace and everything the app did in it. */
  readonly workspace: Workspace;
  /** Every Web API call received, in order. */
  readonly calls: ApiCall[] = [];
  /** Fault injection for Web API calls. */
  readonly faults = new FaultInjector();
  /** Rate limiting; set `rateLimits.enabled = false` to turn it off. */
  readonly rateLimits: RateLimiter;
  /** The emulator's time; `clock.advance(ms)` moves message ts, expiries, rate-limit windows and signatures. */
  readonly clock: MovableClock;
  /** The app's shortcuts (manifest `features.shortcuts`), for running them by name; may be set later. */
  shortcuts: ShortcutDefinition[];
  private readonly driver: AppDriver;
  private readonly activity: UserActivity;
  private server: Server | undefined;

  private constructor(opts: EmulatorOptions, server: Server, port: number, movable: MovableClock) {
    const clock = movable.now;
    this.clock = movable;
    this.shortcuts = opts.shortcuts ?? [];
    this.server = server;
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.teamId = opts.teamId ?? 'T0FIREBRK';
    this.teamDomain = opts.teamDomain ?? 'firebreak-demo';
    this.signingSecret = opts.signingSecret ?? 'emulator-signing-secret';
    this.botToken = opts.botToken ?? 'xoxb-emulator-token';
    this.appToken = opts.appToken ?? 'xapp-emulator-app-token';
    this.socketMode = new SocketModeServer({ server, port, appId: this.appId });
    this.appUrl = opts.appUrl;
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 3000;
    this.commandEscaping = opts.commandEscaping ?? 'escaped';
    const identity = {
      teamId: this.teamId,
      teamDomain: this.teamDomain,
      teamName: opts.teamName ?? 'Firebreak Demo',
      botUserId: this.botUserId,
      botId: this.botId,
      appId: this.appId,
    };
    this.workspace = new Workspace(identity, clock);
    preloadWorkspace(this.workspace);
    for (const [userId, tz] of Object.entries(opts.userTimeZones ?? {})) this.workspace.setUserTimeZone(userId, tz);
    this.rateLimits = new RateLimiter(clock, {
      enabled: opts.rateLimits ?? true,
      historyLimitedApp: opts.historyLimitedApp ?? false,
      ...(opts.postMessagePerMinute !== undefined ? { postMessagePerMinute: opts.postMessagePerMinute } : {}),
    });
    const triggers = new TriggerRegistry(clock, this.teamId);
    const responseUrls = new ResponseUrlRegistry(this.workspace, clock, () => this.baseUrl);
    this.driver = new AppDriver({
      workspace: this.workspace,
      clock,
      triggers,
      responseUrls,
      signingSecret: this.signingSecret,
      appUrl: () => this.appUrl,
      ackTimeoutMs: () => this.ackTimeoutMs,
      commandEscaping: () => this.commandEscaping,
      socketMode: this.socketMode,
    });
    this.activity = new UserActivity(this.driver);
    const context = { workspace: this.workspace, clock, triggers, rateLimits: this.rateLimits, baseUrl: this.baseUrl };
    const routes = {
      '/response/': responseUrls.handle,
      '/upload/': uploadRoute(this.workspace),
      '/files/': downloadRoute(this.workspace, this.botToken),
      '/_emulator/': controlRoute(this),
    };
    const methods = { ...webApiMethods, 'apps.connections.open': this.socketMode.connectionsOpen };
    const deps = {
      methods,
      context,
      faults: this.faults,
      rateLimits: this.rateLimits,
      clock,
      botToken: this.botToken,
      appToken: this.appToken,
      calls: this.calls,
      routes,
    };
    server.on('request', createRequestListener(deps));
  }

  /** Starts an emulator (see `startEmulator`). */
  static async start(opts: EmulatorOptions = {}): Promise<Emulator> {
    const { server, port } = await listenOnLocalhost(opts.port ?? 0);
    try {
      return new Emulator(opts, server, port, new MovableClock(opts.clock ?? Date.now));
    } catch (error) {
      // An invalid option (unknown time zone, bad cap) must not leave the port taken.
      await stopHttpServer(server);
      throw error;
    }
  }

  /** Web API calls of one method, in order. */
  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Forgets the call log. */
  resetCalls(): void {
    this.calls.length = 0;
  }

  /** Closes Socket Mode connections and stops the HTTP server. */
  async close(): Promise<void> {
    // Upgraded sockets no longer belong to the HTTP server: they would keep it from closing.
    this.socketMode.close();
    if (this.server) await stopHttpServer(this.server);
    this.server = undefined;
  }

  /** A person runs a slash command (default `/incident`) in a channel they are a member of. */
  slashCommand(
    params: { userId: string; channelId: string; command?: string; text?: string },
    opts?: SendOptions,
  ): Promise<InteractionResult & { ackProblem?: string }> {
    return this.driver.slashCommand(params, opts);
  }

  /** A slash command from a crafted client: signed, but without Slack's membership checks (see AppDriver.craftedCommand). */
  craftedCommand(
    params: { userId: string; channelId: string; command?: string; text?: string },
    opts?: SendOptions,
  ): Promise<InteractionResult & { ackProblem?: string }> {
    return this.driver.craftedCommand(params, opts);
  }

  /** An interaction payload written by the caller, signed and sent as from `userId` (see AppDriver.craftedInteraction). */
  craftedInteraction(
    params: { userId: string; payload: JsonObject; channelId?: string },
    opts?: SendOptions,
  ): Promise<InteractionResult> {
    return this.driver.craftedInteraction(params, opts);
  }

  /** A person clicks a button or picks a value in a message (`block_actions`); throws if the element does not exist. */
  clickButton(
    params: ElementSelection & { userId: string; channelId: string; messageTs: string },
    opts?: SendOptions,
  ): Promise<InteractionResult> {
    return this.driver.clickButton(params, opts);
  }

  /** A person clicks a button or picks a value inside an open modal or Home tab. */
  clickViewButton(
    params: ElementSelection & { userId: string; viewId: string; values?: Record<string, unknown> },
    opts?: SendOptions,
  ): Promise<InteractionResult> {
    return clickViewButton(this.driver, params, opts);
  }

  /** A person submits a modal with `values` keyed by action_id; the app's answer is applied like Slack. */
  submitView(
    params: { userId: string; viewId: string; values?: Record<string, unknown> },
    opts?: SendOptions,
  ): Promise<SubmitViewResult & { triggerId: string }> {
    return submitView(this.driver, params, opts);
  }

  /** A person closes a modal; returns the app's answer to `view_closed` when the view asked for it, else null. */
  closeView(params: { userId: string; viewId: string }, opts?: SendOptions): Promise<AppResponse | null> {
    return closeView(this.driver, params, opts);
  }

  /** A person runs a message shortcut on a message (`message_action`). */
  messageShortcut(
    params: { userId: string; channelId: string; messageTs: string; callbackId: string },
    opts?: SendOptions,
  ): Promise<InteractionResult> {
    return this.driver.messageShortcut(params, opts);
  }

  /** A person runs a global shortcut (`shortcut`). */
  globalShortcut(params: { userId: string; callbackId: string }, opts?: SendOptions): Promise<InteractionResult> {
    return this.driver.globalShortcut(params, opts);
  }

  /** Delivers any Events API event (wrapped in an `event_callback` envelope). */
  event(event: JsonObject, opts?: EventOptions): Promise<AppResponse & { eventId: string }> {
    return deliverEvent(this.driver, event, opts);
  }

  /**
   * A person opens the app's App Home (`tab` 'home' by default, or 'messages'): sends `app_home_opened` with
   * their DM channel (created if missing) and, on the Home tab, the view the app last published for them.
   */
  userOpensHome(params: { userId: string; tab?: HomeTab }, opts?: EventOptions): Promise<HomeOpenedResult> {
    return userOpensHome(this.driver, params, opts);
  }

  /** Sends the Events API `url_verification` handshake. */
  urlVerification(opts?: SendOptions): Promise<AppResponse & { challenge: string; verified: boolean }> {
    return verifyUrl(this.driver, opts);
  }

  /** A person posts a message; the `message` event (and `app_mention`) is sent if the bot is in the channel. */
  userSays(params: {
    userId: string;
    channelId: string;
    text: string;
    threadTs?: string;
  }): Promise<UserActionResult & { mentionResponse?: AppResponse | null }> {
    return this.activity.says(params);
  }

  /** A person edits their message (`message_changed`). */
  userEdits(params: { userId: string; channelId: string; ts: string; text: string }): Promise<UserActionResult> {
    return this.activity.edits(params);
  }

  /** A person deletes their message (`message_deleted`). */
  userDeletes(params: { userId: string; channelId: string; ts: string }): Promise<UserActionResult> {
    return this.activity.deletes(params);
  }

  /** A person reacts to a message (`reaction_added`). */
  userReacts(params: { userId: string; channelId: string; ts: string; name: string }): Promise<UserActionResult> {
    return this.activity.reacts(params);
  }

  /** A person removes a reaction (`reaction_removed`). */
  userUnreacts(params: { userId: string; channelId: string; ts: string; name: string }): Promise<UserActionResult> {
    return this.activity.reacts({ ...params, remove: true });
  }

  /** A person joins a channel (`member_joined_channel`). */
  userJoins(params: { userId: string; channelId: string; inviterId?: string }): Promise<UserActionResult> {
    return this.activity.joins(params);
  }

  /** A person leaves a channel (`member_left_channel`). */
  userLeaves(params: { userId: string; channelId: string }): Promise<UserActionResult> {
    return this.activity.leaves(params);
  }

  /** A person pins a message (`pin_added`). */
  userPins(params: { userId: string; channelId: string; ts: string }): Promise<UserActionResult> {
    return userPins(this.activity, params);
  }

  /** A person unpins a message (`pin_removed`). */
  userUnpins(params: { userId: string; channelId: string; ts: string }): Promise<UserActionResult> {
    return userPins(this.activity, { ...params, remove: true });
  }

  /** Readable transcript of a channel (id, name or '#name'). */
  render(channelIdOrName: string): string {
    return renderChannel(this.workspace, channelIdOrName);
  }

  /** Readable rendering of a modal or Home tab. */
  renderView(viewId: string): string {
    return renderView(this.workspace, viewId);
  }

  /** Readable rendering of a canvas, by canvas id or by channel (its channel canvas, else its first canvas tab). */
  renderCanvas(canvasIdOrChannel: string): string {
    return renderCanvas(this.workspace, canvasIdOrChannel);
  }
}
