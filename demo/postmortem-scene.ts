import { type Emulator, renderMessage } from '@firebreak/slack-emulator';
import type { Clock } from '../src/platform/clock.ts';
import { wallClock } from '../src/timeline/index.ts';
import { asSlackShows, indent, latest, replyCount, showNew, showReplies, step, waitForView } from './demo-output.ts';

const alice = 'U0ALICE';
const bob = 'U0BOB';
const carol = 'U0CAROL';

type Scene = {
  emulator: Emulator;
  incident: { id: number; channelId: string };
  clock: Clock;
  timeZone: string;
  quiet: () => Promise<void>;
};

/**
 * INC-5 is resolved and Firebreak drafts its blameless postmortem from the record: the message with its
 * buttons, the card line and the channel canvas; Bob writes up what only people know (one phrase reads as
 * blame and is flagged), Alice regenerates after a new note without losing his words, asks Carol to review,
 * and Carol publishes with a reason for the flag left in.
 */
export async function postmortemScene(scene: Scene): Promise<void> {
  const { emulator, quiet } = scene;
  const channel = scene.incident.channelId;
  const click = async (userId: string, actionId: string) => {
    await emulator.clickButton({
      userId,
      channelId: channel,
      messageTs: postmortemMessage(emulator, channel).ts,
      actionId,
      value: String(scene.incident.id),
    });
    await quiet();
  };

  step('Alice records when the orders impact started, was detected and acknowledged (/incident milestone …)');
  for (const [milestone, minutes] of [
    ['started', 27],
    ['detected', 24],
    ['acknowledged', 19],
  ] as const) {
    const text = `milestone ${milestone} ${minutesAgo(scene, minutes)}`;
    const reply = await emulator.slashCommand({ userId: alice, channelId: channel, text });
    console.log(indent(`/incident ${text} → ${asSlackShows(emulator, reply.json?.text ?? '')}`));
  }
  await quiet();

  step('Alice resolves INC-5 with the Resolve form; the SEV1 needs a postmortem, so Firebreak drafts one');
  let since = latest(emulator, channel);
  await emulator.slashCommand({ userId: alice, channelId: channel, text: 'resolve' });
  const resolveForm = await waitForView(emulator, alice, 'incident_resolve');
  const resolution = { severity: 'sev1', impact: 'New orders failed for about half an hour', change_induced: 'no' };
  await emulator.submitView({ userId: alice, viewId: resolveForm.id, values: resolution });
  await quiet();
  console.log(indent(`Alice submits: final severity SEV1 · impact “${resolution.impact}” · not change-induced`));
  showNew(emulator, channel, since);
  console.log(indent(`The pinned card now reads: ${cardLine(emulator, channel)}`));

  step('The draft in the channel canvas: built from the record, with placeholders for what only people know');
  console.log(indent(canvasExcerpt(emulator.renderCanvas(channel), ['Summary', 'Response metrics', 'Key timeline'])));

  step('Bob writes up: summary, contributing factors (one validated with [x]), what went well');
  await click(bob, 'postmortem.write_up');
  const writeUp = await waitForView(emulator, bob, 'postmortem_write_up');
  const written = {
    summary:
      'Writes to the orders database failed for about half an hour until a replica was promoted and the apps repointed.',
    contributing_factors:
      '[x] Replica lag had no alert, so the failover started blind\nBob failed to check the replica lag',
    went_well: 'The runbook decision step made the failover call in a minute.',
  };
  for (const [field, text] of Object.entries(written)) console.log(indent(`${field}: ${text.replace(/\n/g, ' ⏎ ')}`));
  await emulator.submitView({ userId: bob, viewId: writeUp.id, values: written });
  await quiet();
  console.log(indent('Bob sees the form turn into:'));
  console.log(indent(emulator.renderView(writeUp.id)));

  step('Something new lands on the timeline; Alice presses Regenerate and every word Bob wrote stays');
  const note = 'note observation: the rebuilt primary rejoined as a replica; replication lag back to 0s';
  await emulator.slashCommand({ userId: alice, channelId: channel, text: note });
  await quiet();
  let replies = replyCount(emulator, alice);
  await click(alice, 'postmortem.regenerate');
  console.log(indent(`/incident ${note}`));
  showReplies(emulator, alice, replies);
  console.log(
    indent(
      canvasExcerpt(
        emulator.renderCanvas(channel),
        ['Summary', 'Key timeline', 'Contributing factors', 'What went well'],
        {
          header: false,
          timelineTail: 2,
        },
      ),
    ),
  );

  step('Alice requests a review from Carol: Carol gets a direct message');
  replies = replyCount(emulator, alice);
  await click(alice, 'postmortem.request_review');
  const review = await waitForView(emulator, alice, 'postmortem_review');
  await emulator.submitView({ userId: alice, viewId: review.id, values: { reviewers: [carol] } });
  await quiet();
  showReplies(emulator, alice, replies);
  const dm = emulator.workspace.channelByName('@carol');
  const request = dm ? emulator.workspace.messages(dm.id).at(-1) : undefined;
  if (request) console.log(indent(`DM to @carol: ${asSlackShows(emulator, request.text)}`));
  console.log(indent(`The postmortem message now reads:\n${messageText(emulator, channel)}`));

  step('Carol publishes; one flagged phrase is left, so Firebreak asks her why before it publishes');
  await click(carol, 'postmortem.publish');
  const reason = await waitForView(emulator, carol, 'postmortem_publish');
  console.log(indent(emulator.renderView(reason.id)));
  since = latest(emulator, channel);
  const why = 'Bob asked to keep his own words about his check';
  await emulator.submitView({ userId: carol, viewId: reason.id, values: { reason: why } });
  await quiet();
  console.log(indent(`Carol submits the reason: “${why}” (kept in the audit log)`));
  showNew(emulator, channel, since);
  console.log(indent(`The postmortem message now reads:\n${messageText(emulator, channel)}`));
  console.log(indent(`The pinned card now reads: ${cardLine(emulator, channel)}`));
}

function postmortemMessage(emulator: Emulator, channel: string) {
  const message = emulator.workspace.messages(channel).find((m) => /Postmortem for INC-/.test(m.text ?? ''));
  if (!message) throw new Error('no postmortem message');
  return message;
}

/** The postmortem message without its buttons, and with the long how-to hint (shown once above) cut short. */
function messageText(emulator: Emulator, channel: string): string {
  const lines = renderMessage(emulator.workspace, postmortemMessage(emulator, channel)).split('\n');
  return lines
    .filter((line) => !line.startsWith('[Write up]'))
    .map((line) => line.replace(/^(Drafted from the incident's record\.) .*?\*Publish\*es\./, '$1 …'))
    .join('\n');
}

/** The card's postmortem line, as the pinned card shows it. */
function cardLine(emulator: Emulator, channel: string): string {
  const card = emulator.workspace.messages(channel).find((m) => (m.pinned_to?.length ?? 0) > 0);
  const lines = card ? renderMessage(emulator.workspace, card).split('\n') : [];
  return lines.find((line) => line.includes('Postmortem:'))?.trim() ?? '(no postmortem line on the card)';
}

/**
 * The canvas's title block and the named sections, so the demo stays readable: the key timeline shows its
 * last `timelineTail` entries (and how many came before).
 */
function canvasExcerpt(
  canvas: string,
  headings: string[],
  options: { header?: boolean; timelineTail?: number } = {},
): string {
  const [top = '', ...sections] = canvas.split('\n## ');
  const parts = options.header === false ? [] : [top.trimEnd()];
  for (const heading of headings) {
    const section = sections.find((s) => s.startsWith(heading));
    if (!section) continue;
    const lines = section
      .trimEnd()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const [title, ...body] = lines;
    const entries = body.filter((line) => line.startsWith('- **'));
    const tail = options.timelineTail ?? 4;
    const shown =
      heading === 'Key timeline' && entries.length > tail
        ? [`… ${entries.length - tail} earlier entries`, ...entries.slice(-tail)]
        : body;
    parts.push(`## ${title}\n${shown.join('\n')}`);
  }
  return `${parts.join('\n\n')}\n…`;
}

/** "HH:MM" of `minutes` before the app's now, on the incident's wall clock. */
function minutesAgo(scene: Scene, minutes: number): string {
  const then = wallClock(new Date(scene.clock.now().getTime() - minutes * 60_000), scene.timeZone);
  return `${String(then.hour).padStart(2, '0')}:${String(then.minute).padStart(2, '0')}`;
}
