import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import pino from 'pino';
import { createFirebreak, type Firebreak, waitUntilQuiet } from '../src/app/index.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { listIncidents } from '../src/incidents/index.ts';
import type { Clock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { listRuns } from '../src/runbooks/index.ts';
import { actionsScene } from './actions-scene.ts';
import {
  asSlackShows,
  indent,
  latest,
  replyCount,
  show,
  showNew,
  showReplies,
  step,
  waitForView,
} from './demo-output.ts';
import { insightsScene } from './insights-scene.ts';
import { postmortemScene } from './postmortem-scene.ts';
import { timelineScene } from './timeline-scene.ts';

/**
 * `npm run demo`: a scripted incident against the bundled Slack emulator and an in-memory embedded
 * database, printing what each person would see. Nothing leaves this machine.
 */
async function runDemo(): Promise<void> {
  // One clock for Firebreak and Slack: when the demo fast-forwards, message times move on too.
  const clock = demoClock();
  const emulator = await startEmulator({ rateLimits: true, clock: () => clock.now().getTime() });
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const base = await loadConfig(process.env.FIREBREAK_CONFIG);
  // Stakeholders of SEV1 incidents read updates in #incidents (under the announcement) and #exec-updates.
  const config = {
    ...base,
    channels: {
      ...base.channels,
      stakeholders: { ...base.channels.stakeholders, sev1: ['#incidents', '#exec-updates'] },
    },
    // The weekly reliability digest goes to #reliability (Firebreak joins it, a public channel, to post).
    // At 10:00, not 09:00: the actions scene's Monday 09:00 London reminders would send it early, and the
    // insights scene's digest would then cover the empty week after the demo's incidents.
    digest: { ...base.digest, channel: '#reliability', hour: 10 },
  };
  emulator.workspace.addChannel({ name: 'exec-updates', members: ['U0DAVE'] });
  emulator.workspace.addChannel({ name: 'reliability', members: ['U0ALICE'] });
  const app = await createFirebreak({
    database,
    config,
    clock,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    slack: {
      botToken: emulator.botToken,
      signingSecret: emulator.signingSecret,
      apiUrl: emulator.apiUrl,
      timeoutMs: 2000,
      // The emulator signs requests on the demo's clock, so they are checked against it.
      requestClock: clock,
    },
    outboxPollMs: 50,
  });
  const port = await app.start(0);
  emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
  const quiet = () => waitUntilQuiet(database.db, { timeoutMs: 30_000, drained: () => app.dispatcher.idle() });
  try {
    await script(emulator, quiet);
    await timelineScene(emulator, config.timezone, quiet);
    const orders = await runbookAndUpdates(emulator, app, database, clock, quiet);
    await postmortemScene({ emulator, incident: orders, clock, timeZone: config.timezone, quiet });
    await actionsScene({ emulator, app, incident: orders, clock, quiet });
    await insightsScene({ emulator, app, incident: orders, clock, quiet });
    console.log('\nDemo finished: every step above went through signed HTTP requests and the Slack Web API emulator.');
  } finally {
    await app.stop();
    await database.close();
    await emulator.close();
  }
}

async function script(emulator: Emulator, quiet: () => Promise<void>): Promise<void> {
  const alice = 'U0ALICE';
  const bob = 'U0BOB';
  const carol = 'U0CAROL';

  step('Alice asks Firebreak what it can do: /incident help');
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'help' });
  showReplies(emulator, alice);

  step('Alice mistypes a command: /incident delcare sev1 Checkout errors spiking');
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'delcare sev1 Checkout errors spiking' });
  showReplies(emulator, alice, 1);

  step('Alice declares: /incident declare sev1 Checkout errors spiking');
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'declare sev1 Checkout errors spiking' });
  await quiet();
  showReplies(emulator, alice, 2);
  show(emulator, 'inc-1-checkout-errors-spiking');
  show(emulator, 'incidents');

  step('Bob posts in #general; Carol declares from his message with the "Declare incident" shortcut');
  const said = await emulator.userSays({
    userId: bob,
    channelId: 'C0GENERAL',
    text: 'Search latency p99 is 8s since the 14:00 deploy <https://grafana.example.com/d/search|dashboard>',
  });
  await emulator.messageShortcut({
    userId: carol,
    channelId: 'C0GENERAL',
    messageTs: said.ts,
    callbackId: 'declare_from_message',
  });
  const form = await waitForView(emulator, carol);
  console.log(indent(emulator.renderView(form.id)));
  await emulator.submitView({
    userId: carol,
    viewId: form.id,
    values: { severity: 'sev2', services: 'search-api', commander: bob },
  });
  await quiet();
  show(emulator, 'inc-2-search-latency-p99-is-8s-since-the-14-00-deploy-dashboard');
  console.log(
    indent(
      `Thread under Bob's message in #general:\n${emulator.workspace
        .replies('C0GENERAL', said.ts)
        .map((m) => `  ${asSlackShows(emulator, m.text)}`)
        .join('\n')}`,
    ),
  );

  step('A private incident (security): no announcement, private channel');
  await emulator.slashCommand({ userId: carol, channelId: 'C0GENERAL', text: '' });
  const privateForm = await waitForView(emulator, carol);
  await emulator.submitView({
    userId: carol,
    viewId: privateForm.id,
    values: { title: 'Suspicious admin logins', severity: 'sev1', private: ['private'] },
  });
  await quiet();
  show(emulator, 'inc-3-suspicious-admin-logins');
  console.log(
    indent(
      `#incidents still has ${emulator.workspace.messages('C0INCIDENTS').length} announcements (none for the private incident).`,
    ),
  );

  step('Slack misbehaves: the answer to conversations.create is lost and chat.postMessage is rate limited');
  emulator.faults.add('conversations.create', { kind: 'lost' });
  emulator.faults.add('chat.postMessage', { kind: 'ratelimit', retryAfter: 1 });
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'declare sev2 Payments webhook backlog' });
  await quiet();
  const created = emulator.callsTo('conversations.create').slice(-2);
  console.log(
    indent(
      `conversations.create calls: ${created.map((c) => (c.status === 0 ? 'lost' : c.ok ? 'ok' : c.error)).join(', ')}`,
    ),
  );
  const channels = emulator.workspace.channels().filter((c) => c.name.startsWith('inc-4-'));
  console.log(
    indent(
      `Channels for INC-4: ${channels.map((c) => `#${c.name}`).join(', ')} (one: Firebreak adopted the channel its lost call made)`,
    ),
  );
  show(emulator, 'inc-4-payments-webhook-backlog');
}

/** The real time, plus however far the demo has fast-forwarded (to show reminders without waiting). */
function demoClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

async function runbookAndUpdates(
  emulator: Emulator,
  app: Firebreak,
  database: Database,
  clock: ReturnType<typeof demoClock>,
  quiet: () => Promise<void>,
): Promise<{ id: number; channelId: string }> {
  const alice = 'U0ALICE';
  const bob = 'U0BOB';
  step('Orders database down: Alice declares SEV1 on service orders-db; Firebreak offers the matching runbook');
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: '' });
  const form = await waitForView(emulator, alice);
  await emulator.submitView({
    userId: alice,
    viewId: form.id,
    values: { title: 'Orders writes failing', severity: 'sev1', services: 'orders-db' },
  });
  await quiet();
  const incident = (await listIncidents(database.db, { teamId: emulator.teamId })).at(-1)!;
  const channel = incident.channelId!;
  show(emulator, channel);
  const find = (pattern: RegExp) =>
    emulator.workspace.messages(channel).find((m) => pattern.test(JSON.stringify(m.blocks ?? m.text)))!;
  const click = async (userId: string, ts: string, actionId: string, value: string) => {
    await emulator.clickButton({ userId, channelId: channel, messageTs: ts, actionId, value });
    await quiet();
  };

  step('Bob starts the runbook and works through the checklist (done, a decision, a skip with a reason, verification)');
  await click(bob, find(/runbook applies/).ts, 'runbook.start', `${incident.id}:db-failover`);
  const [run] = await listRuns(database.db, { teamId: incident.teamId, incidentId: incident.id });
  const list = find(/Runbook: /).ts;
  await click(bob, list, 'runbook.step_done', `${run!.id}:check-replication`);
  await click(bob, list, 'runbook.branch.1', `${run!.id}:primary-reachable:1`);
  await click(alice, list, 'runbook.step_skip', `${run!.id}:promote-replica`);
  const skip = await waitForView(emulator, alice);
  await emulator.submitView({
    userId: alice,
    viewId: skip.id,
    values: { reason: 'The database team already promoted replica 2' },
  });
  await quiet();
  await click(bob, list, 'runbook.step_done', `${run!.id}:repoint-apps`);
  await click(bob, list, 'runbook.step_done', `${run!.id}:verify`);
  // The card counts the steps, the offer says who started it (no Start button), the checklist is ticked off.
  show(emulator, channel);

  step('Alice previews and posts the first stakeholder update; the next one is promised in 20 minutes');
  let since = latest(emulator, channel);
  await postUpdate(emulator, alice, channel, quiet, {
    status: 'Writes to the orders database fail; we are failing over to a replica',
    impact: 'New orders cannot be placed; existing orders are safe',
    actions: 'Promoting a replica and repointing applications',
    next_update: '20',
    eta: '30 minutes',
    confidence: 'medium',
  });
  showNew(emulator, channel, since);

  step('20 minutes pass with no update: Firebreak nudges the commander in the channel and by DM');
  since = latest(emulator, channel);
  clock.advance(20 * 60_000);
  await app.jobs.runDue();
  await quiet();
  showNew(emulator, channel, since);
  const dm = emulator.workspace.channelByName('@alice');
  const nudge = dm ? emulator.workspace.messages(dm.id).at(-1) : undefined;
  if (nudge) console.log(indent(`DM to @alice: ${asSlackShows(emulator, nudge.text)}`));

  step('The failover holds: Alice moves INC-5 to Monitoring (/incident status monitoring), which marks it mitigated');
  since = latest(emulator, channel);
  const replies = replyCount(emulator, alice);
  await emulator.slashCommand({ userId: alice, channelId: channel, text: 'status monitoring' });
  await quiet();
  showReplies(emulator, alice, replies);
  showNew(emulator, channel, since);

  step('Alice posts the second update');
  since = latest(emulator, channel);
  await postUpdate(emulator, alice, channel, quiet, {
    status: 'Mitigated: orders are flowing again on the new primary',
    impact: 'Orders placed between 14:02 and 14:31 may show as pending for a few minutes',
    actions: 'Watching error rates; rebuilding the failed primary',
    next_update: '30',
    eta: 'Resolved within the hour',
    confidence: 'high',
  });
  showNew(emulator, channel, since);
  show(emulator, 'incidents');
  show(emulator, 'exec-updates');
  return { id: incident.id, channelId: channel };
}

async function postUpdate(
  emulator: Emulator,
  userId: string,
  channel: string,
  quiet: () => Promise<void>,
  values: Record<string, string>,
): Promise<void> {
  await emulator.slashCommand({ userId, channelId: channel, text: 'update' });
  const form = await waitForView(emulator, userId);
  await emulator.clickViewButton({ userId, viewId: form.id, actionId: 'stakeholder_update.preview', values });
  await quiet();
  console.log(indent(emulator.renderView(form.id)));
  await emulator.submitView({ userId, viewId: form.id, values });
  await quiet();
}

runDemo().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
