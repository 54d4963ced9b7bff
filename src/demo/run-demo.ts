import pino from 'pino';
import { loadConfig } from '../config/load-config.ts';
import { type Emulator, startEmulator } from '../emulator/index.ts';
import { createFirebreak, type Firebreak } from '../firebreak.ts';
import { openDatabase } from '../platform/db.ts';
import { waitUntilQuiet } from '../platform/quiescence.ts';

/**
 * `npm run demo`: a scripted incident against the bundled Slack emulator and an in-memory embedded
 * database, printing what each person would see. Nothing leaves this machine.
 */
async function runDemo(): Promise<void> {
  const emulator = await startEmulator({ rateLimits: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const app = await createFirebreak({
    database,
    config: await loadConfig(process.env.FIREBREAK_CONFIG),
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    slack: { botToken: emulator.botToken, signingSecret: emulator.signingSecret, apiUrl: emulator.apiUrl, timeoutMs: 2000 },
    outboxPollMs: 50,
  });
  const port = await app.start(0);
  emulator.appUrl = `http://127.0.0.1:${port}/slack/events`;
  const quiet = () => waitUntilQuiet(database.db, { timeoutMs: 30_000, drained: () => app.dispatcher.idle() });
  try {
    await script(emulator, app, quiet);
  } finally {
    await app.stop();
    await database.close();
    await emulator.close();
  }
}

async function script(emulator: Emulator, _app: Firebreak, quiet: () => Promise<void>): Promise<void> {
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
  const said = await emulator.userSays({ userId: bob, channelId: 'C0GENERAL', text: 'Search latency p99 is 8s since the 14:00 deploy <https://grafana.example.com/d/search|dashboard>' });
  await emulator.messageShortcut({ userId: carol, channelId: 'C0GENERAL', messageTs: said.ts, callbackId: 'declare_from_message' });
  const form = await waitForView(emulator, carol);
  console.log(indent(emulator.renderView(form.id)));
  await emulator.submitView({ userId: carol, viewId: form.id, values: { severity: 'sev2', services: 'search-api', commander: bob } });
  await quiet();
  show(emulator, 'inc-2-search-latency-p99-is-8s-since-the-14-00-deploy-dashboard');
  console.log(indent(`Thread under Bob's message in #general:\n${emulator.workspace.replies('C0GENERAL', said.ts).map((m) => `  ${m.text}`).join('\n')}`));

  step('A private incident (security): no announcement, private channel');
  await emulator.slashCommand({ userId: carol, channelId: 'C0GENERAL', text: '' });
  const privateForm = await waitForView(emulator, carol);
  await emulator.submitView({ userId: carol, viewId: privateForm.id, values: { title: 'Suspicious admin logins', severity: 'sev1', private: ['private'] } });
  await quiet();
  show(emulator, 'inc-3-suspicious-admin-logins');
  console.log(indent(`#incidents still has ${emulator.workspace.messages('C0INCIDENTS').length} announcements (none for the private incident).`));

  step('Slack misbehaves: the answer to conversations.create is lost and chat.postMessage is rate limited');
  emulator.faults.add('conversations.create', { kind: 'lost' });
  emulator.faults.add('chat.postMessage', { kind: 'ratelimit', retryAfter: 1 });
  await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'declare sev2 Payments webhook backlog' });
  await quiet();
  const created = emulator.callsTo('conversations.create').slice(-2);
  console.log(indent(`conversations.create calls: ${created.map((c) => (c.status === 0 ? 'lost' : c.ok ? 'ok' : c.error)).join(', ')}`));
  const channels = emulator.workspace.channels().filter((c) => c.name.startsWith('inc-4-'));
  console.log(indent(`Channels for INC-4: ${channels.map((c) => `#${c.name}`).join(', ')} (one: Firebreak adopted the channel its lost call made)`));
  show(emulator, 'inc-4-payments-webhook-backlog');
  console.log('\nDemo finished: every step above went through signed HTTP requests and the Slack Web API emulator.');
}

function step(title: string): void {
  console.log(`\n━━ ${title}`);
}

function show(emulator: Emulator, channelName: string): void {
  console.log(indent(emulator.render(channelName)));
}

function showReplies(emulator: Emulator, userId: string, fromIndex = 0): void {
  const replies = emulator.workspace.responses().filter((r) => r.userId === userId);
  for (const reply of replies.slice(fromIndex)) {
    const blocks = (reply.body?.blocks ?? []) as Array<{ text?: { text?: string }; elements?: Array<{ text?: string }> }>;
    const blockText = blocks.map((b) => b.text?.text ?? b.elements?.map((e) => e.text ?? '').join(' ') ?? '').filter(Boolean);
    console.log(indent(`(only visible to you) ${blockText.length > 0 ? blockText.join('\n') : (reply.text ?? '')}`));
  }
}

async function waitForView(emulator: Emulator, userId: string) {
  const before = Date.now();
  for (;;) {
    const view = emulator.workspace.views(userId).filter((v) => v.isOpen).at(-1);
    if (view) return view;
    if (Date.now() - before > 5000) throw new Error('the form did not open');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

runDemo().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
