import type { Emulator } from '@firebreak/slack-emulator';

/** Prints the heading of one step of the demo. */
export function step(title: string): void {
  console.log(`\n━━ ${title}`);
}

/** Prints a channel as a person would read it. */
export function show(emulator: Emulator, channelName: string): void {
  console.log(indent(emulator.render(channelName)));
}

/** Prints the replies only `userId` saw (ephemeral answers and response_url messages), from `fromIndex` on. */
export function showReplies(emulator: Emulator, userId: string, fromIndex = 0): void {
  const replies = emulator.workspace.responses().filter((r) => r.userId === userId);
  for (const reply of replies.slice(fromIndex)) {
    const blocks = (reply.body?.blocks ?? []) as Array<{
      text?: { text?: string };
      elements?: Array<{ text?: string }>;
    }>;
    const blockText = blocks
      .map((b) => b.text?.text ?? b.elements?.map((e) => e.text ?? '').join(' ') ?? '')
      .filter(Boolean);
    console.log(indent(`(only visible to you) ${blockText.length > 0 ? blockText.join('\n') : (reply.text ?? '')}`));
  }
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
