/**
 * Slack emulator for Firebreak: a local, strict, stateful stand-in for Slack's Web API that also acts as
 * Slack toward the app. See README.md in this folder.
 *
 * @example
 * const emulator = await startEmulator({ appUrl: 'http://127.0.0.1:3000/slack/events' });
 * const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
 * await emulator.slashCommand({ userId: 'U0ALICE', channelId: 'C0INCIDENTS', text: 'declare db down' });
 * console.log(emulator.render('#incidents'));
 */
import { Emulator, type EmulatorOptions } from './emulator.ts';

export type { EventOptions, InteractionResult } from './app-driver.ts';
export type { AppResponse, SendOptions } from './app-transport.ts';
export { validateBlocks, validateView } from './block-kit.ts';
export type { CanvasAvailability, CanvasView, TeamPlan } from './canvas-store.ts';
export type { CommandEscaping } from './command-text.ts';
export { controlRoutes, endpointList } from './control-api.ts';
export { InteractionError } from './element-values.ts';
export type { EmulatorOptions, ShortcutDefinition } from './emulator.ts';
export { Emulator } from './emulator.ts';
export type { Fault } from './faults.ts';
export type { HomeOpenedResult, HomeTab } from './home-tab.ts';
export type { ElementSelection } from './interaction-payloads.ts';
export { MovableClock, parseDuration } from './movable-clock.ts';
export { PRELOADED_CHANNELS, PRELOADED_USERS } from './preload.ts';
export { DEFAULT_POST_MESSAGE_PER_MINUTE, type RateLimiter, type RateLimiterOptions } from './rate-limits.ts';
export { renderChannel, renderMessage, renderText } from './render.ts';
export { signSlackRequest, verifySlackSignature } from './signing.ts';
export type { SocketDelivery, SocketEnvelope, SocketModeServer } from './socket-mode.ts';
export type * from './types.ts';
export type { UserActionResult } from './user-activity.ts';
export type { SubmissionOutcome, SubmitViewResult } from './view-submission.ts';
export type { FileView, NewChannel, NewUser, Workspace } from './workspace.ts';

/** Starts a Slack emulator on 127.0.0.1 with a preloaded workspace. Call `close()` when done. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return Emulator.start(opts);
}
