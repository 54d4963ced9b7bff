import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { signSlackRequest } from '@firebreak/slack-emulator';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { listIncidents } from '../../src/incidents/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { ids } from '../../src/slack/ids.ts';
import { bodyLimitBytes } from '../../src/slack/verified-server.ts';
import { listTimeline } from '../../src/timeline/index.ts';
import type { TestDatabase } from '../support/database.ts';
import { useE2eHarness } from '../support/e2e-hooks.ts';
import { eventually } from '../support/eventually.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** Every warn-or-worse line the app logs, parsed. */
const logged: Array<{ level: number; msg: string; [key: string]: unknown }> = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
    done();
  },
});
const logger = pino({ level: 'warn' }, sink);

let database: TestDatabase;
let harness: Harness;
useE2eHarness(
  {
    database: (d) => (database = d),
    harness: (h) => {
      logged.splice(0);
      harness = h;
    },
    current: () => harness,
  },
  { rateLimits: false, logger },
);

const alice = 'U0ALICE';
const inboxCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM inbox`))[0]?.n;

/** POSTs `rawBody` to the app, correctly signed, as Slack would. */
async function signedPost(rawBody: string, contentType: string): Promise<{ status: number; text: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(harness.emulator.appUrl!, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(harness.emulator.signingSecret, timestamp, rawBody),
    },
    body: rawBody,
  });
  return { status: response.status, text: await response.text() };
}

describe('signed bodies that are not a Slack request', () => {
  it.each([
    ['payload=null', 'application/x-www-form-urlencoded', 'not null'],
    ['null', 'application/json', 'not null'],
    ['[]', 'application/json', 'not an array'],
    ['42', 'application/json', 'not a number'],
    ['"x"', 'application/json', 'not a string'],
    ['payload=%5B1%5D', 'application/x-www-form-urlencoded', 'not an array'],
  ])('%s (%s) is refused with 400 and the app keeps serving', async (rawBody, contentType, says) => {
    const refused = await signedPost(rawBody, contentType);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`the request body must be a JSON object, ${says}`);
    const next = await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'roles' });
    expect(next.status).toBe(200);
    expect(await inboxCount()).toBe(1);
  });
});

describe('requests for an id no listener takes', () => {
  const unknownIdWarnings = () => logged.filter((line) => line.msg.startsWith('unknown request acknowledged'));

  it.each([
    [
      'a button',
      {
        type: 'block_actions',
        actions: [{ type: 'button', action_id: 'retired.button', block_id: 'b', action_ts: '1.2' }],
      },
      'block_actions',
      'retired.button',
    ],
    [
      'a form',
      {
        type: 'view_submission',
        view: {
          id: 'V0OLD',
          hash: 'h',
          type: 'modal',
          callback_id: 'retired_form',
          private_metadata: '',
          state: { values: {} },
          blocks: [],
        },
      },
      'view_submission',
      'retired_form',
    ],
    [
      'a global shortcut',
      { type: 'shortcut', callback_id: 'retired_shortcut', action_ts: '1.2' },
      'shortcut',
      'retired_shortcut',
    ],
    [
      'a message shortcut',
      {
        type: 'message_action',
        callback_id: 'retired_message_shortcut',
        channel: { id: 'C0GENERAL' },
        message: { ts: '1.2', text: 'x' },
        message_ts: '1.2',
      },
      'message_action',
      'retired_message_shortcut',
    ],
  ])('%s is acknowledged at once and logged at warn once for two requests', async (_, payload, kind, id) => {
    const first = await harness.emulator.craftedInteraction({ userId: alice, channelId: 'C0GENERAL', payload });
    const second = await harness.emulator.craftedInteraction({ userId: alice, channelId: 'C0GENERAL', payload });
    // Without an acknowledgement the emulator gives up at Slack's 3 s and reports a timeout.
    expect([first.status, second.status]).toEqual([200, 200]);
    await harness.settle();
    expect(unknownIdWarnings().map((line) => ({ level: line.level, kind: line.kind, id: line.id }))).toEqual([
      { level: 40, kind, id },
    ]);
    expect(logged.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('an unknown slash command is acknowledged and logged once', async () => {
    const replies = [
      await harness.emulator.craftedCommand({ userId: alice, channelId: 'C0GENERAL', command: '/retired' }),
      await harness.emulator.craftedCommand({ userId: alice, channelId: 'C0GENERAL', command: '/retired' }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    // The warning is written once the request's handling ends, which may be just after the acknowledgement.
    await harness.settle();
    await eventually(() => unknownIdWarnings().length > 0);
    expect(unknownIdWarnings().map((line) => line.id)).toEqual(['/retired']);
  });
});

/** A raw connection to the app; `received()` resolves with all it was sent once the server closes it. */
function rawConnection(port: number): { socket: Socket; received: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('latin1')));
  // The server may close while we are still writing.
  socket.on('error', () => {});
  const received = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  return { socket, received };
}

/** Writes `bytes` one at a time every `everyMs` until the socket closes. */
function trickle(socket: Socket, bytes: string, everyMs: number): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= bytes.length) return clearInterval(timer);
    socket.write(bytes[next++]!);
  }, everyMs);
  socket.on('close', () => clearInterval(timer));
}

/** What the server sent before closing, or 'still open' after `ms` (the socket is then closed by us). */
async function closedWithin(connection: { socket: Socket; received: Promise<string> }, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still open'), ms)));
  try {
    return await Promise.race([connection.received, late]);
  } finally {
    clearTimeout(timer);
    connection.socket.destroy();
  }
}

describe('slow and oversized requests', () => {
  const shortTimeouts = async () => {
    await harness.stop();
    harness = await startHarness(database, {
      rateLimits: false,
      logger,
      http: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
    });
  };
  const requestHead = (extra: string) =>
    `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}`;

  it('closes a connection whose headers trickle in, with 408, long before they would end', async () => {
    await shortTimeouts();
    const connection = rawConnection(harness.port);
    const { socket } = connection;
    socket.write(requestHead(''));
    trickle(socket, `X-Slow: ${'a'.repeat(200)}\r\n\r\n`, 50);
    const answer = await closedWithin(connection, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a request whose body trickles in, with 408, long before it would end', async () => {
    await shortTimeouts();
    const connection = rawConnection(harness.port);
    const { socket } = connection;
    const body = `{"type":"event_callback","padding":"${'a'.repeat(200)}"}`;
    socket.write(requestHead(`Content-Length: ${body.length}\r\n\r\n`));
    trickle(socket, body, 50);
    const answer = await closedWithin(connection, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(await inboxCount()).toBe(0);
  });

  it('answers 413 to a body announced over the limit, without reading it or checking its signature', async () => {
    const connection = rawConnection(harness.port);
    const { socket } = connection;
    // Unsigned and never sent: a 401 would mean the body was read and its signature checked.
    socket.write(requestHead(`Content-Length: ${bodyLimitBytes + 1}\r\n\r\n`));
    const answer = await closedWithin(connection, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('answers 413 as soon as a streamed body passes the limit, before its end', async () => {
    const connection = rawConnection(harness.port);
    const { socket } = connection;
    socket.write(requestHead('Transfer-Encoding: chunked\r\n\r\n'));
    const chunk = 'a'.repeat(64 * 1024);
    for (let sent = 0; sent <= bodyLimitBytes; sent += chunk.length)
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    // No final chunk: a server waiting for the end would answer nothing before its request timeout (10 s).
    const answer = await closedWithin(connection, 5000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe('a NUL character (which PostgreSQL refuses) among requests that share a group commit', () => {
  const nul = '\u0000';

  it('acknowledges and stores every request, the NUL stored as U+FFFD', async () => {
    const { emulator } = harness;
    await emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: 'declare sev2 Checkout errors' });
    await harness.settle();
    const incident = (await listIncidents(database.db, { teamId: emulator.teamId })).at(-1)!;
    const channelId = incident.channelId!;
    const text = (what: string, i: number) => (i === 22 ? `${what} ${i} with a ${nul} in it` : `${what} ${i}`);
    const message = (i: number) => ({
      type: 'message',
      channel: channelId,
      channel_type: 'channel',
      user: alice,
      ts: `1700002000.${String(i).padStart(6, '0')}`,
      text: text('said', i),
    });
    const noteForm = (i: number) => ({
      type: 'view_submission',
      view: {
        id: `V0NOTE${i}`,
        hash: `h${i}`,
        type: 'modal',
        callback_id: ids.views.note,
        private_metadata: JSON.stringify({ incidentId: incident.id }),
        state: {
          values: {
            [ids.timelineForms.text]: {
              [ids.timelineForms.text]: { type: 'plain_text_input', value: text('form', i) },
            },
          },
        },
        blocks: [],
      },
    });
    const range = Array.from({ length: 45 }, (_, i) => i + 1);
    // What is checked is the answer, not its speed: a shared test machine may take longer than Slack's 3 s.
    const patient = { deadlineMs: 20_000 };
    const answers = await Promise.all([
      ...range.map((i) => emulator.event(message(i), { eventId: `EvNUL${i}`, ...patient })),
      ...range.map((i) =>
        emulator.slashCommand({ userId: alice, channelId, text: `note ${text('command', i)}` }, patient),
      ),
      ...range.map((i) => emulator.craftedInteraction({ userId: alice, payload: noteForm(i) }, patient)),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    await harness.settle();
    const entries = await listTimeline(database.db, { teamId: emulator.teamId, incidentId: incident.id });
    const texts = (kind: string, what: string) =>
      entries
        .filter((entry) => entry.kind === kind && entry.text?.startsWith(`${what} `))
        .map((entry) => entry.text)
        .sort();
    const expected = (what: string) => range.map((i) => text(what, i).replace(nul, '\uFFFD')).sort();
    expect(texts('message', 'said')).toEqual(expected('said'));
    expect(texts('note', 'command')).toEqual(expected('command'));
    expect(texts('note', 'form')).toEqual(expected('form'));
    const [inbox] = await queryRows<{ rows: number; unhandled: number }>(
      database.db,
      sql`SELECT count(*)::int AS rows, count(*) FILTER (WHERE handled_at IS NULL)::int AS unhandled FROM inbox`,
    );
    expect(inbox).toEqual({ rows: 1 + 45 * 3, unhandled: 0 });
  });
});

describe('what people typed, shown back to them', () => {
  async function declared(title: string) {
    await harness.emulator.slashCommand({ userId: alice, channelId: 'C0GENERAL', text: `declare sev2 ${title}` });
    await harness.settle();
    const incident = (await listIncidents(database.db, { teamId: harness.emulator.teamId })).at(-1)!;
    return { incident, channelId: incident.channelId! };
  }
  const answerTo = async (reply: { json?: unknown }) => {
    await harness.settle();
    const acked = (reply.json as { text?: string } | undefined)?.text;
    const delivered = harness.emulator.workspace
      .responses()
      .filter((r) => r.userId === alice)
      .at(-1) as { text?: string; body?: { text?: string } } | undefined;
    return acked ?? delivered?.body?.text ?? delivered?.text ?? '';
  };

  it.each([
    // With escaping on, Slack sends the mention with the person's name.
    ['status', 'status <!channel><@U0BOB>', '"&lt;!channel&gt;&lt;@U0BOB|bob&gt;" is not a status'],
    ['role', 'role <!here> <@U0BOB>', '"&lt;!here&gt;" is not a role'],
    ['milestone', 'milestone <!everyone> 13:52', '"&lt;!everyone&gt;" is not a milestone'],
    ['runbook', 'runbook <http://evil|click-me>', 'There is no runbook "&lt;http://evil|click-me&gt;"'],
  ])('a refused %s quotes the input escaped, so it cannot ping or link', async (_, text, shown) => {
    const { channelId } = await declared('Checkout errors');
    const answer = await answerTo(await harness.emulator.slashCommand({ userId: alice, channelId, text }));
    expect(answer).toContain(shown);
    expect(answer).not.toMatch(/<!|<@U0BOB>|<http/);
  });

  it('shows a title with a disguised link and a broadcast inert in the channel topic', async () => {
    const { channelId } = await declared('<https://evil.example|click> <!channel> R&D');
    const topic = harness.emulator.workspace.channel(channelId)?.topic.value;
    expect(topic).toBe(
      'SEV2 · Investigating · IC: alice · &lt;https://evil.example|click&gt; &lt;!channel&gt; R&amp;D',
    );
    expect(harness.emulator.render(channelId)).toContain(
      'Topic: SEV2 · Investigating · IC: alice · <https://evil.example|click> <!channel> R&D',
    );
  });

  it('cuts a long escaped title in the topic without leaving half an entity', async () => {
    // 35 characters before the title, then 5 per escaped "&": Slack's 250 falls inside the 43rd.
    const { channelId } = await declared(`x${'&'.repeat(119)}`);
    const topic = harness.emulator.workspace.channel(channelId)?.topic.value;
    expect(topic).toBe(`SEV2 · Investigating · IC: alice · x${'&amp;'.repeat(42)}`);
  });

  it("keeps the bot's own mentions in a refusal live", async () => {
    const { channelId } = await declared('Checkout errors');
    await harness.emulator.slashCommand({ userId: alice, channelId, text: 'role commander <@U0BOB>' });
    const answer = await answerTo(
      await harness.emulator.slashCommand({ userId: alice, channelId, text: 'handover commander <@U0BOB>' }),
    );
    expect(answer).toContain('<@U0BOB> already holds');
  });

  it('exports a title and notes full of Markdown as inert text', async () => {
    const title = '# hi [x](http://evil) ![i](http://t)';
    const { channelId } = await declared(title);
    await harness.emulator.slashCommand({
      userId: alice,
      channelId,
      text: 'note see ![pixel](http://t/p.png) and [docs](http://evil) **now**',
    });
    await harness.settle();
    await harness.emulator.slashCommand({ userId: alice, channelId, text: 'timeline' });
    const view = await eventually(() =>
      harness.emulator.workspace.views(alice).find((v) => v.callback_id === ids.views.timeline && v.isOpen),
    );
    await harness.emulator.clickViewButton({ userId: alice, viewId: view.id, actionId: ids.actions.timelineExport });
    await harness.settle();
    const markdown = harness.emulator.workspace.files(channelId).find((f) => f.name.endsWith('.md'))!.content;
    expect(markdown.split('\n')[0]).toBe('# INC-1 timeline: # hi [x\\](http://evil) ![i\\](http://t)');
    expect(markdown).toContain('see ![pixel\\](http://t/p.png) and [docs\\](http://evil) \\*\\*now\\*\\*');
    expect(markdown.match(/^#/gm)).toHaveLength(1);
    expect(markdown).not.toMatch(/[^\\]\]\(/);
  });
});

describe('payloads a listener cannot read', () => {
  const noteForm = (privateMetadata: string, textValue: unknown) => ({
    type: 'view_submission',
    view: {
      id: 'V0BROKEN',
      hash: 'h',
      type: 'modal',
      callback_id: ids.views.note,
      private_metadata: privateMetadata,
      state: {
        values: {
          [ids.timelineForms.text]: { [ids.timelineForms.text]: { type: 'plain_text_input', value: textValue } },
        },
      },
      blocks: [],
    },
  });
  const pageClick = (value: string) => ({
    type: 'block_actions',
    container: { type: 'view', view_id: 'V0BROKEN' },
    view: {
      id: 'V0BROKEN',
      hash: 'h',
      type: 'modal',
      callback_id: ids.views.timeline,
      private_metadata: '{}',
      state: { values: {} },
    },
    actions: [{ type: 'button', action_id: ids.actions.timelineNext, block_id: 'b', action_ts: '1.2', value }],
  });
  const refusals = () => logged.filter((line) => line.msg === 'request refused: its payload could not be read');

  it.each([
    ['private_metadata that is not JSON', noteForm('{not json', 'hello'), 'form', /not JSON/],
    ['private_metadata without an incident', noteForm('{"page":1}', 'hello'), 'form', /incidentId/],
    ['view state of the wrong type', noteForm('{"incidentId":1}', 42), 'form', /note_text/],
    ['a button value of the wrong shape', pageClick('1;DROP TABLE'), 'button', /expected "<incident>:<page>"/],
  ])('%s gets a notice, and its cause is logged at error', async (_, payload, surface, cause) => {
    const reply = await harness.emulator.craftedInteraction({ userId: alice, channelId: 'C0GENERAL', payload });
    expect(reply.status).toBe(200);
    await harness.settle();
    const shown = JSON.stringify([
      reply.json ?? null,
      harness.emulator.workspace.responses().filter((r) => r.userId === alice),
      harness.emulator.workspace.ephemerals(undefined, alice),
    ]);
    expect(shown).toContain(`could not read this ${surface}`);
    expect(refusals()).toEqual([expect.objectContaining({ level: 50, cause: expect.stringMatching(cause) })]);
  });
});
