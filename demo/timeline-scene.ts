import type { Emulator } from '@firebreak/slack-emulator';
import { wallClock } from '../src/timeline/index.ts';
import { asSlackShows, indent, latest, show, showNew, step, waitForView } from './demo-output.ts';

const alice = 'U0ALICE';
const bob = 'U0BOB';
const carol = 'U0CAROL';

/**
 * INC-1's responders talk in its channel, and Firebreak keeps the timeline: messages and thread replies,
 * an edit and a delete (kept as versions), a 📌 key moment, a pasted secret stored redacted, typed and
 * back-dated notes, a corrected milestone, then `/incident timeline` and its Markdown/CSV export.
 */
export async function timelineScene(emulator: Emulator, timeZone: string, quiet: () => Promise<void>): Promise<void> {
  const channel = emulator.workspace.channelByName('inc-1-checkout-errors-spiking');
  if (!channel) throw new Error('INC-1 has no channel');
  const channelId = channel.id;

  const detected = minutesAgo(25, timeZone);
  const started = minutesAgo(32, timeZone);
  step('Bob and Carol join INC-1 and talk: a thread reply, an edit, a deleted message, a 📌 key moment');
  const since = latest(emulator, channelId);
  await emulator.userJoins({ userId: bob, channelId });
  await emulator.userJoins({ userId: carol, channelId });
  const symptom = await emulator.userSays({
    userId: alice,
    channelId,
    text: `Checkout error rate is 12% since ${started}, mostly card payments`,
  });
  await emulator.userSays({
    userId: bob,
    channelId,
    threadTs: symptom.ts,
    text: `payments-api v42 went out at ${minutesAgo(34, timeZone)}`,
  });
  const plan = await emulator.userSays({ userId: bob, channelId, text: 'Rolling back payments-api to v41' });
  await emulator.userEdits({
    userId: bob,
    channelId,
    ts: plan.ts,
    text: `Rolling back payments-api to v41 (approved by <@${alice}>)`,
  });
  const stray = await emulator.userSays({ userId: carol, channelId, text: 'lunch order is in #random' });
  await emulator.userDeletes({ userId: carol, channelId, ts: stray.ts });
  await emulator.userReacts({ userId: alice, channelId, ts: symptom.ts, name: 'pushpin' });
  await quiet();
  showNew(emulator, channelId, since);
  console.log(
    indent("(Carol's “lunch order is in #random” was deleted: Slack shows it no more; the timeline keeps it.)"),
  );

  step('Bob pastes a credential: the timeline keeps it redacted, and Firebreak says so in the thread');
  // Built at run time so no token-shaped string sits in the repository.
  const pasted = await emulator.userSays({
    userId: bob,
    channelId,
    text: `admin API works with ${['xoxb', '2024061101', 'demoDemoDemo'].join('-')}`,
  });
  await quiet();
  for (const reply of emulator.workspace.replies(channelId, pasted.ts))
    console.log(indent(`thread reply: ${asSlackShows(emulator, reply.text)}`));

  step(
    `Notes and milestones: /incident note decision: …, /incident note at ${detected} observation: …, /incident milestone started ${started}`,
  );
  for (const text of [
    'note decision: roll back payments-api to v41 rather than hotfix forward',
    `note at ${detected} observation: first alert fired: checkout 5xx over 5%`,
    `milestone started ${started}`,
    `milestone detected ${detected}`,
  ]) {
    const reply = await emulator.slashCommand({ userId: alice, channelId, text });
    console.log(indent(`/incident ${text}\n  (only visible to you) ${reply.json?.text ?? ''}`));
  }
  await quiet();

  step('Alice opens /incident timeline and exports it: Markdown and CSV files land in the channel');
  await emulator.slashCommand({ userId: alice, channelId, text: 'timeline' });
  const view = await waitForView(emulator, alice, 'timeline_view');
  console.log(indent(emulator.renderView(view.id)));
  await emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: 'timeline.export' });
  await quiet();
  const markdown = emulator.workspace.files(channelId).find((f) => f.name.endsWith('.md'));
  console.log(
    indent(
      `Files in #${channel.name}: ${emulator.workspace
        .files(channelId)
        .map((f) => f.name)
        .join(', ')}`,
    ),
  );
  if (markdown) console.log(indent(`${markdown.name}:\n${markdown.content}`));
  await emulator.closeView({ userId: alice, viewId: view.id });
  show(emulator, channelId);
}

/** "HH:MM" of `minutes` ago on the incident's wall clock (just after midnight, that is last night's time). */
function minutesAgo(minutes: number, timeZone: string): string {
  const then = wallClock(new Date(Date.now() - minutes * 60_000), timeZone);
  return `${String(then.hour).padStart(2, '0')}:${String(then.minute).padStart(2, '0')}`;
}
