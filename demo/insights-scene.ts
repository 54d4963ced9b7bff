import type { Emulator } from '@firebreak/slack-emulator';
import { digestSchedule, nextDigestSlot } from '../src/insights/index.ts';
import { ids } from '../src/slack/ids.ts';
import type { DemoScene } from './demo-output.ts';
import { asSlackShows, indent, latest, replyCount, show, showNew, showReplies, step } from './demo-output.ts';

const alice = 'U0ALICE';
const general = 'C0GENERAL';

type Scene = DemoScene;

/**
 * What the incidents add up to: Alice asks for the last 30 days' figures and exports them as CSV to
 * her DMs, exports INC-5's evidence bundle (Markdown for people, JSON for machines), and the clock moves
 * to the weekly reliability digest, posted in #reliability with its chart in the thread.
 */
export async function insightsScene(scene: Scene): Promise<void> {
  const { emulator, quiet } = scene;

  step('Alice asks for the figures in #general: /incident stats');
  let replies = replyCount(emulator, alice);
  await emulator.slashCommand({ userId: alice, channelId: general, text: 'stats' });
  await quiet();
  console.log(indent('/incident stats'));
  showReplies(emulator, alice, replies);

  step('Alice presses Export CSV under the answer: the CSV files arrive in her DMs');
  const answer = emulator.workspace
    .responses()
    .filter((r) => r.userId === alice && JSON.stringify(r.blocks ?? []).includes(ids.actions.statsExport))
    .at(-1);
  if (!answer) throw new Error('no /incident stats answer with an Export CSV button');
  replies = replyCount(emulator, alice);
  await clickInEphemeral(emulator, { userId: alice, channelId: general, blocks: answer.blocks ?? [] });
  await quiet();
  showReplies(emulator, alice, replies);
  const dm = emulator.workspace.channelByName('@alice');
  if (!dm) throw new Error('no DM with @alice');
  const shared = emulator.workspace
    .messages(dm.id)
    .filter((m) => m.files?.some((f) => /^firebreak-stats-/.test(String(f.name))))
    .at(-1);
  console.log(indent(`DM to @alice: ${asSlackShows(emulator, shared?.text ?? '(no comment)')}`));
  const csvs = emulator.workspace.files(dm.id).filter((f) => f.name.startsWith('firebreak-stats-'));
  console.log(indent(`Files: ${csvs.map((f) => f.name).join(', ')}`));
  const incidentsCsv = csvs.find((f) => f.name.endsWith('-incidents.csv'));
  if (incidentsCsv) console.log(indent(`${incidentsCsv.name} (first lines):\n${firstLines(incidentsCsv.content, 4)}`));

  step('Alice exports INC-5’s evidence bundle from its channel: /incident export');
  const channel = scene.incident.channelId;
  const since = latest(emulator, channel);
  replies = replyCount(emulator, alice);
  await emulator.slashCommand({ userId: alice, channelId: channel, text: 'export' });
  await quiet();
  console.log(indent('/incident export'));
  showReplies(emulator, alice, replies);
  showNew(emulator, channel, since);
  const evidence = emulator.workspace.files(channel).filter((f) => /-evidence-\d+\.(md|json)$/.test(f.name));
  console.log(indent(`Files in the upload: ${evidence.map((f) => f.name).join(', ')}`));
  const markdown = evidence.find((f) => f.name.endsWith('.md'));
  if (markdown) console.log(indent(`${markdown.name} (first 15 lines):\n${firstLines(markdown.content, 15)}`));
  const json = evidence.find((f) => f.name.endsWith('.json'));
  if (json) console.log(indent(`${json.name}:\n${jsonSummary(json.content)}`));

  const schedule = digestSchedule(scene.app.deps.config);
  const slot = nextDigestSlot(scene.clock.now(), schedule);
  const hour = String(schedule.hour).padStart(2, '0');
  step(
    `The clock moves to ${slot.week} ${hour}:00 ${schedule.timeZone}: the weekly reliability digest in #reliability`,
  );
  const digestSince = latest(emulator, 'reliability');
  const chartsBefore = new Set(emulator.workspace.files().map((f) => f.id));
  scene.clock.advance(slot.at.getTime() - scene.clock.now().getTime() + 1000);
  await scene.app.jobs.runDue();
  await quiet();
  // Usually the demo's first digest; one planned before the actions scene's clock moves (a demo started on a
  // Monday before the digest hour) went out then, about the week before, and is not shown again.
  if (digestSince === '0') show(emulator, 'reliability');
  else showNew(emulator, 'reliability', digestSince);
  const reliability = emulator.workspace.channelByName('reliability');
  const chart = reliability
    ? emulator.workspace
        .files(reliability.id)
        .filter((f) => !chartsBefore.has(f.id) && /^reliability-digest-.*\.png$/.test(f.name))
    : [];
  for (const file of chart) {
    const { width, height } = pngSize(file.bytes);
    console.log(indent(`Chart in the thread: ${file.name} · ${width}×${height} PNG`));
    console.log(indent(`Alt text: ${file.altTxt ?? '(none)'}`));
  }
  if (chart.length === 0) console.log(indent('(no chart was uploaded)'));
}

/**
 * A click on a button of an ephemeral answer, as Slack sends it: the emulator keeps ephemeral command
 * answers only as responses (there is no message to click), so the payload is built from the blocks shown.
 */
async function clickInEphemeral(
  emulator: Emulator,
  params: { userId: string; channelId: string; blocks: unknown[] },
): Promise<void> {
  type Element = { action_id?: string; value?: string };
  type Block = { block_id?: string; elements?: Element[]; accessory?: Element };
  const found = (params.blocks as Block[])
    .flatMap((block) =>
      [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].map((element) => ({ block, element })),
    )
    .find(({ element }) => element.action_id === ids.actions.statsExport);
  if (!found) throw new Error('no Export CSV button in the answer');
  await emulator.craftedInteraction({
    userId: params.userId,
    channelId: params.channelId,
    payload: {
      type: 'block_actions',
      container: { type: 'message', message_ts: '1700000000.000900', channel_id: params.channelId, is_ephemeral: true },
      channel: { id: params.channelId, name: 'general' },
      state: { values: {} },
      actions: [{ ...found.element, block_id: found.block.block_id, type: 'button', action_ts: '1.2' }],
    },
  });
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  const shown = lines.slice(0, count).map((line) => `  ${line}`);
  return lines.length > count ? `${shown.join('\n')}\n  … ${lines.length - count} more lines` : shown.join('\n');
}

/** A few keys of the machine-readable bundle: what it is, who asked, and how much it holds. */
function jsonSummary(content: string): string {
  const doc = JSON.parse(content) as {
    schema?: string;
    generatedBy?: { id?: string; name?: string };
    timeline?: unknown[];
    actions?: unknown[];
    audit?: unknown[];
  };
  return [
    `  schema: ${doc.schema}`,
    `  generatedBy: ${JSON.stringify(doc.generatedBy)}`,
    `  timeline: ${doc.timeline?.length ?? 0} entries · actions: ${doc.actions?.length ?? 0} · audit: ${doc.audit?.length ?? 0} entries`,
  ].join('\n');
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR')
    throw new Error('the chart is not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
