import pino from 'pino';
import { declareIncident, type Incident, updateIncidentSlackRefs } from '../../src/incidents/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import type { ActionArgs } from '../../src/slack/listeners/actions/action-support.ts';
import type { CommandArgs } from '../../src/slack/listeners/commands/incident-command.ts';
import type { ShortcutArgs } from '../../src/slack/listeners/shortcuts/shortcut-support.ts';
import type { ViewArgs } from '../../src/slack/listeners/views/view-support.ts';
import type { SlackServices } from '../../src/slack/services.ts';
import type { TestDatabase } from './database.ts';
import { testDeps } from './services.ts';

// Fakes for running one listener alone: no Bolt, no HTTP, no emulator. Each records what it was
// given and implements only the Web API methods listeners call; everything else is absent, so a
// listener reaching for a new method fails loudly here rather than passing by accident.

export const teamId = 'T0FAKE';
export const triggerId = 'trigger.fake';

/** Services as listeners get them, on the test database; copy and config are the real ones, the log is silent. */
export async function listenerServices(database: TestDatabase): Promise<SlackServices> {
  const { deps } = await testDeps(database);
  return {
    deps,
    config: deps.config,
    copy: await loadCopy(),
    logger: pino({ level: process.env.FIREBREAK_TEST_LOG ?? 'silent' }),
  };
}

/** An incident declared by `declaredBy` (SEV2 "Checkout slow" unless told), given `channelId` as its channel when one is named. */
export async function declaredIncident(
  services: SlackServices,
  options: { declaredBy: string; channelId?: string; title?: string; severity?: string; isPrivate?: boolean },
): Promise<Incident> {
  const { incident } = await declareIncident(services.deps, {
    teamId,
    declareKey: `k:${options.title ?? 'Checkout slow'}`,
    declaredBy: options.declaredBy,
    title: options.title ?? 'Checkout slow',
    severity: options.severity ?? 'sev2',
    isPrivate: options.isPrivate ?? false,
  });
  if (options.channelId)
    await updateIncidentSlackRefs(services.deps.db, { teamId, id: incident.id, channelId: options.channelId });
  return incident;
}

export type Call = { method: string; args: Record<string, unknown> };

/**
 * A Web API client that records every call: views.open, views.update, chat.postEphemeral,
 * chat.getPermalink, and conversations.members answering `members` for each channel.
 */
export function fakeClient(options: { members?: Record<string, string[]> } = {}) {
  const calls: Call[] = [];
  const recorded = (
    method: string,
    answer: (args: Record<string, unknown>) => Record<string, unknown> = () => ({}),
  ) => {
    return async (args: Record<string, unknown>) => {
      calls.push({ method, args });
      return { ok: true, ...answer(args) };
    };
  };
  const client = {
    views: { open: recorded('views.open'), update: recorded('views.update') },
    chat: {
      postEphemeral: recorded('chat.postEphemeral'),
      getPermalink: recorded('chat.getPermalink', (args) => ({
        permalink: `https://slack.test/archives/${args.channel}/p${args.message_ts}`,
      })),
    },
    conversations: {
      members: recorded('conversations.members', (args) => ({
        members: options.members?.[String(args.channel)] ?? [],
        response_metadata: { next_cursor: '' },
      })),
    },
  };
  return {
    client: client as unknown as ActionArgs['client'],
    calls,
    /** The arguments of each call to `method`, in order. */
    callsTo: (method: string) => calls.filter((c) => c.method === method).map((c) => c.args),
  };
}

/** An ack that records its responses and, as Bolt's receivers do, refuses a second acknowledgement. */
export function fakeAck() {
  const responses: unknown[] = [];
  const ack = async (response?: unknown) => {
    if (responses.length > 0) throw new Error('ack() called twice');
    responses.push(response);
  };
  return { ack, responses };
}

/** A respond (response_url) that records the messages sent through it. */
export function fakeRespond() {
  const messages: Array<{ text?: string; response_type?: string }> = [];
  const respond = async (message: unknown) => {
    messages.push(typeof message === 'string' ? { text: message } : (message as { text?: string }));
  };
  return { respond, messages };
}

type Fakes = {
  ack: ReturnType<typeof fakeAck>;
  respond: ReturnType<typeof fakeRespond>;
  client: ReturnType<typeof fakeClient>;
};

function fakes(members?: Record<string, string[]>): Fakes {
  return { ack: fakeAck(), respond: fakeRespond(), client: fakeClient({ members }) };
}

/** A button click (block_actions) under a message: `value` is what the button carries. */
export function clickArgs(options: {
  userId: string;
  actionId: string;
  value?: string;
  members?: Record<string, string[]>;
}) {
  const fake = fakes(options.members);
  const action = {
    type: 'button',
    action_id: options.actionId,
    block_id: 'fake_block',
    action_ts: '1.2',
    value: options.value,
  };
  const body = {
    type: 'block_actions',
    team: { id: teamId, domain: 'fake' },
    user: { id: options.userId, team_id: teamId },
    trigger_id: triggerId,
    response_url: 'https://slack.test/response/1',
    actions: [action],
  };
  const args = {
    ack: fake.ack.ack,
    respond: fake.respond.respond,
    client: fake.client.client,
    body,
    action,
    payload: action,
  };
  return { args: args as unknown as ActionArgs, ...fake };
}

/** A slash command, `/incident <text>`, run in `channelId`. */
export function commandArgs(options: {
  userId: string;
  channelId: string;
  text: string;
  members?: Record<string, string[]>;
}) {
  const fake = fakes(options.members);
  const command = {
    command: '/incident',
    text: options.text,
    team_id: teamId,
    channel_id: options.channelId,
    user_id: options.userId,
    trigger_id: triggerId,
    response_url: 'https://slack.test/response/2',
  };
  const args = {
    ack: fake.ack.ack,
    respond: fake.respond.respond,
    client: fake.client.client,
    command,
    body: command,
    payload: command,
  };
  return { args: args as unknown as CommandArgs, ...fake };
}

/** A form submission (view_submission) with the given private_metadata and input values. */
export function submitArgs(options: {
  userId: string;
  callbackId: string;
  privateMetadata: string;
  values?: Record<string, Record<string, unknown>>;
  members?: Record<string, string[]>;
}) {
  const fake = fakes(options.members);
  const view = {
    id: 'V0FAKE',
    hash: 'hash.fake',
    type: 'modal',
    callback_id: options.callbackId,
    private_metadata: options.privateMetadata,
    state: { values: options.values ?? {} },
    blocks: [],
  };
  const body = {
    type: 'view_submission',
    team: { id: teamId, domain: 'fake' },
    user: { id: options.userId, team_id: teamId },
    view,
  };
  const args = {
    ack: fake.ack.ack,
    respond: fake.respond.respond,
    client: fake.client.client,
    body,
    view,
    payload: view,
  };
  return { args: args as unknown as ViewArgs, ...fake };
}

/** A message shortcut used on a message in `channelId`. */
export function shortcutArgs(options: {
  userId: string;
  callbackId: string;
  channelId: string;
  text: string;
  members?: Record<string, string[]>;
}) {
  const fake = fakes(options.members);
  const shortcut = {
    type: 'message_action',
    callback_id: options.callbackId,
    trigger_id: triggerId,
    message_ts: '1700000000.000100',
    response_url: 'https://slack.test/response/3',
    team: { id: teamId, domain: 'fake' },
    channel: { id: options.channelId, name: 'fake' },
    user: { id: options.userId, team_id: teamId },
    message: { type: 'message', ts: '1700000000.000100', text: options.text, user: options.userId },
  };
  const args = {
    ack: fake.ack.ack,
    respond: fake.respond.respond,
    client: fake.client.client,
    shortcut,
    body: shortcut,
    payload: shortcut,
  };
  return { args: args as unknown as ShortcutArgs, ...fake };
}
