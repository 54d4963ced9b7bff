import { type Emulator, renderMessage } from '@firebreak/slack-emulator';
import { nextWeeklySlot } from '../src/actions/index.ts';
import type { DemoScene } from './demo-output.ts';
import { asSlackShows, indent, replyCount, showReplies, step, waitForView } from './demo-output.ts';

const alice = 'U0ALICE';
const bob = 'U0BOB';
const carol = 'U0CAROL';

type Scene = DemoScene;

/**
 * INC-5's postmortem turns into corrective actions: Alice adds two (one by command, one flagged as vague),
 * the owners are told; the clock moves to Monday morning in Tokyo, then in London, and each owner gets
 * their weekly reminder at their own 09:00; Bob closes his with evidence, Carol snoozes hers with a
 * reason, the postmortem shows both, and Carol's App Home lists what is hers.
 */
export async function actionsScene(scene: Scene): Promise<void> {
  const { emulator, quiet } = scene;
  const channel = scene.incident.channelId;
  const command = async (userId: string, text: string) => {
    const replies = replyCount(emulator, userId);
    await emulator.slashCommand({ userId, channelId: channel, text });
    await quiet();
    console.log(indent(`/incident ${asSlackShows(emulator, text)}`));
    showReplies(emulator, userId, replies);
  };

  step('Alice adds corrective actions from the postmortem: one bounded, one the lint calls vague');
  await command(
    alice,
    `action Alert on orders-db replica lag over 30 s for 5 min, paging the database on-call <@${bob}|bob> due:in 2w type:detection tracker:OPS-214`,
  );
  await command(alice, `action Investigate the failover <@${carol}|carol>`);
  console.log(indent(`DM to @bob: ${lastDm(emulator, '@bob')}`));

  for (const [name, timeZone] of [
    ['@carol', 'Asia/Tokyo'],
    ['@bob', 'Europe/London'],
  ] as const) {
    const { action_reminder_day: day, action_reminder_hour: hour } = scene.app.deps.config.reminders;
    const slot = nextWeeklySlot(scene.clock.now(), { day, hour, timeZone });
    step(
      `The clock moves to ${slot.week} ${String(hour).padStart(2, '0')}:00 in ${timeZone}: ${name}'s weekly reminder`,
    );
    scene.clock.advance(slot.at.getTime() - scene.clock.now().getTime() + 1000);
    await scene.app.jobs.runDue();
    await quiet();
    console.log(indent(`DM to ${name}:\n${lastDm(emulator, name)}`));
  }

  step('Bob presses Done in his reminder: Firebreak asks for the evidence, and records it');
  await clickInDm(scene, bob, '@bob', 'action.done');
  const done = await waitForView(emulator, bob, 'action_done');
  console.log(indent(emulator.renderView(done.id)));
  await emulator.submitView({
    userId: bob,
    viewId: done.id,
    values: { action_evidence: 'Alert live: https://grafana.example.com/d/orders-db (PR #812)' },
  });
  await quiet();

  step('Carol snoozes hers with a new date and a reason');
  await clickInDm(scene, carol, '@carol', 'action.snooze');
  const snooze = await waitForView(emulator, carol, 'action_snooze');
  const until = new Date(scene.clock.now().getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
  await emulator.submitView({
    userId: carol,
    viewId: snooze.id,
    values: { action_due: until, action_reason: 'Waiting for the database team’s failover review' },
  });
  await quiet();
  await command(alice, 'actions');

  step('The postmortem’s canvas lists the actions and how they stand');
  const canvas = emulator.renderCanvas(channel);
  const section = canvas.split('\n## ').find((part) => part.startsWith('Corrective actions')) ?? '';
  console.log(indent(`## ${section.trimEnd()}`));

  step('Carol opens Firebreak’s Home tab: her incidents and roles, her actions with their buttons');
  await emulator.userOpensHome({ userId: carol });
  await quiet();
  const home = emulator.workspace.views(carol).find((view) => view.type === 'home');
  console.log(indent(home ? emulator.renderView(home.id) : '(no Home published)'));
}

/** The newest DM from Firebreak to `name` about actions (other DMs, such as update nudges, are left out). */
function actionDm(emulator: Emulator, name: string) {
  const dm = emulator.workspace.channelByName(name);
  const message = dm
    ? emulator.workspace
        .messages(dm.id)
        .filter((m) => /ACT-\d+/.test(JSON.stringify(m.blocks ?? m.text)))
        .at(-1)
    : undefined;
  return { dm, message };
}

function lastDm(emulator: Emulator, name: string): string {
  const { message } = actionDm(emulator, name);
  return message ? renderMessage(emulator.workspace, message) : '(no DM)';
}

async function clickInDm(scene: Scene, userId: string, name: string, actionId: string): Promise<void> {
  const { dm, message } = actionDm(scene.emulator, name);
  if (!dm || !message) throw new Error(`no action DM to ${name}`);
  await scene.emulator.clickButton({ userId, channelId: dm.id, messageTs: message.ts, actionId });
  await scene.quiet();
}
