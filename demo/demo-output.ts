import { type Emulator, renderChannel, renderMessage, renderText } from '@firebreak/slack-emulator';
import type { Firebreak } from '../src/app/index.ts';
import type { Clock } from '../src/platform/clock.ts';

/** What a scene after the first incidents works with: Slack, Firebreak, INC-5, the demo's clock. */
export type DemoScene = {
  emulator: Emulator;
  app: Firebreak;
  incident: { id: number; channelId: string };
  clock: Clock & { advance(ms: number): void };
  quiet: () => Promise<void>;
};

/** Prints the heading of one step of the demo. */
export function step(title: string): void {
  console.log(`\n━━ ${title}`);
}

/** Prints a channel as a person would read it. */
export function show(emulator: Emulator, channelName: string): void {
  console.log(indent(emulator.render(channelName)));
}

/** Prints what was posted in a channel after `since` (a ts from `latest`), as a person would read it. */
export function showNew(emulator: Emulator, channelName: string, since: string): void {
  console.log(indent(renderChannel(emulator.workspace, channelName, { since })));
}

/** The ts of the newest message or thread reply in a channel ('0' when empty), to show what comes after. */
export function latest(emulator: Emulator, channelName: string): string {
  const channel = emulator.workspace.resolveChannel(channelName);
  if (!channel) return '0';
  const all = emulator.workspace
    .messages(channel.id)
    .flatMap((m) => [m, ...emulator.workspace.replies(channel.id, m.ts)])
    .map((m) => m.ts);
  return all.sort((a, b) => Number(a) - Number(b)).at(-1) ?? '0';
}

/** One message text (mrkdwn) as Slack shows it: channel names, @names, "label (url)". */
export function asSlackShows(emulator: Emulator, text: string): string {
  return renderText(emulator.workspace, text);
}

/** Prints the replies only `userId` saw (ephemeral answers and response_url messages), from `fromIndex` on. */
export function showReplies(emulator: Emulator, userId: string, fromIndex = 0): void {
  const replies = emulator.workspace.responses().filter((r) => r.userId === userId);
  for (const reply of replies.slice(fromIndex))
    console.log(indent(`(only visible to you) ${renderMessage(emulator.workspace, reply)}`));
}

/** How many replies `userId` has had so far, to show only the next ones with `showReplies`. */
export function replyCount(emulator: Emulator, userId: string): number {
  return emulator.workspace.responses().filter((r) => r.userId === userId).length;
}

/** The newest open modal of `userId`, once the app has opened it. */
export async function waitForView(emulator: Emulator, userId: string, callbackId?: string) {
  const before = Date.now();
  for (;;) {
    const view = emulator.workspace
      .views(userId)
      .filter((v) => v.isOpen && (callbackId === undefined || v.callback_id === callbackId))
      .at(-1);
    if (view) return view;
    if (Date.now() - before > 5000) throw new Error(`the form ${callbackId ?? ''} did not open`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Indents every line by four spaces, so what Slack shows stands apart from the demo's own lines. */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
