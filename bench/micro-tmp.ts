import { App } from '@slack/bolt';
import { startEmulator } from '../src/emulator/index.ts';
import { openDatabase } from '../src/platform/db.ts';
import { startBareBolt, startFirebreak } from './targets.ts';
const emulator = await startEmulator({ rateLimits: false });
const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const firebreak = await startFirebreak(emulator, database);
const bare = await startBareBolt(emulator) as never as { endpoint: unknown };
const body = (i: number) => ({ token: 't', team_id: 'T0FIREBRK', team_domain: 'd', channel_id: 'C0INCIDENTS', channel_name: 'incidents', user_id: 'U0ALICE', user_name: 'alice', command: '/incident', text: 'help', api_app_id: 'A0FIREBRK', response_url: 'http://x', trigger_id: `t.${i}` });
const fb = firebreak.app.slackApp;
async function time(label: string, run: (i: number) => Promise<void>) {
  for (let i = 0; i < 500; i++) await run(i);
  const n = 5000; const t0 = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  console.log(label, ((performance.now() - t0) / n * 1000).toFixed(1), 'µs/request');
}
const ev = (i: number) => ({ body: body(i), ack: async (_r?: unknown) => {}, retryNum: undefined, retryReason: undefined });
await time('firebreak gate.processEvent', (i) => fb.gate.processEvent(ev(i) as never));
await time('firebreak app.processEvent ', (i) => fb.app.processEvent(ev(i) as never));
const { helpView } = await import('../src/slack/listeners/commands/help-command.ts');
const services = (fb as never as { services?: unknown }).services;
if (process.env.ONLY_FB) process.exit(0);
{
const app3 = new App({ token: emulator.botToken, signingSecret: 'x', tokenVerificationEnabled: false, botUserId: emulator.botUserId, botId: emulator.botId, clientOptions: { slackApiUrl: emulator.apiUrl }, convoStore: false });
for (let k = 0; k < 12; k++) app3.action(`a${k}`, async ({ ack }) => { await ack(); });
for (let k = 0; k < 11; k++) app3.view(`v${k}`, async ({ ack }) => { await ack(); });
for (let k = 0; k < 7; k++) app3.event(`e${k}`, async () => {});
app3.command('/incident', async ({ ack }) => { await ack({ response_type: 'ephemeral', text: 'help…' }); });
await time('bare app with 31 listeners', (i) => app3.processEvent(ev(i) as never));
const t0 = performance.now();
const svc = (fb as never as { services: never }).services;
}
const { loadCopy } = await import('../src/platform/copy.ts');
const { loadConfig } = await import('../src/config/load-config.ts');
const copy = await loadCopy(); const config = await loadConfig(undefined);
const { subcommands } = await import('../src/slack/listeners/commands/incident-command.ts');
await time('helpView only', async () => { JSON.stringify(helpView({ copy, config } as never, Object.keys(subcommands))); });
// bare bolt: build its own App with one listener

const app = new App({ token: emulator.botToken, signingSecret: 'x', tokenVerificationEnabled: false, botUserId: emulator.botUserId, botId: emulator.botId, clientOptions: { slackApiUrl: emulator.apiUrl }, convoStore: false });
app.command('/incident', async ({ ack }) => { await ack({ response_type: 'ephemeral', text: 'help…' }); });
await time('bare app.processEvent (no convo store)', (i) => app.processEvent(ev(i) as never));
const app2 = new App({ token: emulator.botToken, signingSecret: 'x', tokenVerificationEnabled: false, botUserId: emulator.botUserId, botId: emulator.botId, clientOptions: { slackApiUrl: emulator.apiUrl } });
app2.command('/incident', async ({ ack }) => { await ack({ response_type: 'ephemeral', text: 'help…' }); });
await time('bare app.processEvent (convo store)', (i) => app2.processEvent(ev(i) as never));
process.exit(0);
