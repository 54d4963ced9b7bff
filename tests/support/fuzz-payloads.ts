import { ids } from '../../src/slack/ids.ts';
import { alice, bob } from './lifecycle.ts';
import { type ListenerTarget, valueFor } from './listener-targets.ts';

/** The records a fuzzed payload names: the file's own incident and its run, action and proposal, or another team's. */
export type FuzzTarget = ListenerTarget;

/**
 * A well-formed request of one listener, and the paths in it that listener needs: each is dropped,
 * given another type and, when it is text, made longer than Slack lets it be.
 */
export type ValidRequest =
  | { kind: 'command'; text: string; channelId: string; namesRecord: boolean }
  | {
      kind: 'interaction';
      payload: Record<string, unknown>;
      required: RequiredPath[];
      opensModal?: boolean;
      namesRecord: boolean;
    }
  | { kind: 'event'; event: Record<string, unknown>; required: string[] };

/**
 * A path into the payload (dots, array indexes as numbers) and, for text, Slack's longest; `freeText`
 * when what is typed there is the person's (past Slack's longest it may be stored, not refused);
 * `mayBeEmpty` when Slack sends it empty (null) where nothing was entered, and missing reads as empty.
 */
export type RequiredPath = { path: string; maxLength?: number; freeText?: boolean; mayBeEmpty?: boolean };

// Slack's own maxima: a button's value 2,000; a plain_text_input 3,000 (max_length's ceiling);
// private_metadata 3,000; a message (what a slash command is typed in) 40,000.
export const slackMax = { value: 2000, input: 3000, metadata: 3000, message: 40_000 } as const;

const select = (value: string) => ({
  type: 'static_select',
  selected_option: { value, text: { type: 'plain_text', text: value } },
});
const input = (value: string) => ({ type: 'plain_text_input', value });

/** A button or select on a message in the incident's channel, and in a modal naming the same incident. */
function click(t: FuzzTarget, actionId: string, action: Record<string, unknown>): Record<string, unknown> {
  const channel = t.incident.channelId;
  return {
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'fuzzed' },
    message: { ts: '1700000000.000100', text: '', type: 'message', blocks: [] },
    view: {
      id: 'V0FUZZED',
      hash: 'h',
      type: 'modal',
      private_metadata: JSON.stringify({ incidentId: t.incident.id, page: 0 }),
      state: { values: {} },
    },
    state: { values: {} },
    actions: [{ action_id: actionId, block_id: 'fuzzed', type: 'button', action_ts: '1.2', ...action }],
  };
}

// The buttons whose click opens a modal with its trigger_id (so a replayed trigger_id is one Slack refuses).
const modalButtons = new Set<string>([
  ids.actions.cardNote,
  ids.actions.cardMilestones,
  ids.actions.cardUpdate,
  ids.actions.cardRunbook,
  ids.actions.cardSeverity,
  ids.actions.cardRoles,
  ids.actions.cardResolve,
  ids.actions.handoverBrief,
  ids.actions.postmortemWriteUp,
  ids.actions.postmortemReview,
  ids.actions.actionDone,
  ids.actions.actionSnooze,
  ids.actions.actionReassign,
  ids.actions.actionWontDo,
  ids.actions.actionAdd,
  ids.actions.homeDeclare,
]);
// Buttons that name no record: only the shape of their value can be wrong.
const namesNoRecord = new Set<string>([ids.actions.homeDeclare, ids.actions.statsExport]);
// Buttons in a modal that read the incident from the view's private_metadata as well.
const modalMetadata = new Set<string>([
  ids.actions.timelinePrevious,
  ids.actions.timelineNext,
  ids.actions.updatePreview,
]);

function button(registered: string, actionId: string): (t: FuzzTarget) => ValidRequest {
  return (t) => {
    const value = valueFor[registered]?.(t) ?? '';
    if (registered === ids.actions.cardStatus)
      return {
        kind: 'interaction',
        payload: click(t, actionId, select('mitigated')),
        required: [{ path: 'actions.0.selected_option' }, { path: 'actions.0.selected_option.value', maxLength: 150 }],
        namesRecord: true,
      };
    return {
      kind: 'interaction',
      payload: click(t, actionId, { value }),
      required: [
        { path: 'actions' },
        { path: 'actions.0.value', maxLength: slackMax.value },
        ...(modalMetadata.has(registered) ? [{ path: 'view.private_metadata', maxLength: slackMax.metadata }] : []),
      ],
      opensModal: modalButtons.has(registered),
      namesRecord: !namesNoRecord.has(registered),
    };
  };
}

/** A form submission as Slack sends it: the view's callback_id, its metadata and state. */
function submission(
  callbackId: string,
  metadata: Record<string, unknown> | undefined,
  values: Record<string, Record<string, Record<string, unknown>>>,
): ValidRequest {
  const required: RequiredPath[] = [
    { path: 'view' },
    { path: 'view.state' },
    { path: 'view.state.values' },
    // The declare form reads nothing of its metadata that it needs.
    ...(metadata ? [{ path: 'view.private_metadata', maxLength: slackMax.metadata }] : []),
  ];
  for (const [blockId, entry] of Object.entries(values))
    for (const [actionId, state] of Object.entries(entry))
      required.push(
        state.type === 'plain_text_input'
          ? {
              path: `view.state.values.${blockId}.${actionId}.value`,
              maxLength: slackMax.input,
              freeText: true,
              mayBeEmpty: true,
            }
          : { path: `view.state.values.${blockId}.${actionId}`, mayBeEmpty: true },
      );
  return {
    kind: 'interaction',
    payload: {
      type: 'view_submission',
      view: {
        id: 'V0FUZZFORM',
        hash: 'fuzzed',
        type: 'modal',
        callback_id: callbackId,
        private_metadata: JSON.stringify(metadata ?? {}),
        state: { values },
        blocks: [],
      },
    },
    required,
    namesRecord: metadata !== undefined,
  };
}

const now = () => Math.floor(Date.now() / 1000) - 60;

const views: Record<string, (t: FuzzTarget) => ValidRequest> = {
  [ids.views.declare]: () =>
    submission(ids.views.declare, undefined, {
      title: { title: input('Fuzzed outage') },
      severity: { severity: select('sev2') },
      impact: { impact: input('none') },
    }),
  [ids.views.addToTimeline]: (t) =>
    submission(
      ids.views.addToTimeline,
      { channelId: 'C0GENERAL', ts: '1700000000.000500', text: 'worth keeping' },
      { incident: { incident: select(String(t.incident.id)) } },
    ),
  [ids.views.note]: (t) =>
    submission(ids.views.note, { incidentId: t.incident.id }, { note_text: { note_text: input('fuzzed note') } }),
  [ids.views.milestones]: (t) =>
    submission(
      ids.views.milestones,
      { incidentId: t.incident.id },
      { ms_detected: { detected: { type: 'datetimepicker', selected_date_time: now() } } },
    ),
  [ids.views.runbookPick]: (t) =>
    submission(ids.views.runbookPick, { incidentId: t.incident.id }, { runbook: { runbook: select('db-failover') } }),
  [ids.views.runbookSkip]: (t) =>
    submission(ids.views.runbookSkip, { runId: t.runId, stepId: t.stepId }, { reason: { reason: input('fuzzed') } }),
  [ids.views.stakeholderUpdate]: (t) =>
    submission(
      ids.views.stakeholderUpdate,
      { incidentId: t.incident.id },
      { status: { status: input('x') }, impact: { impact: input('y') }, actions: { actions: input('z') } },
    ),
  [ids.views.severity]: (t) =>
    submission(
      ids.views.severity,
      { incidentId: t.incident.id },
      { severity: { severity: select('sev1') }, reason: { reason: input('fuzzed') } },
    ),
  [ids.views.roles]: (t) =>
    submission(
      ids.views.roles,
      { incidentId: t.incident.id },
      { role__comms: { comms: { type: 'users_select', selected_user: bob } } },
    ),
  [ids.views.resolve]: (t) =>
    submission(
      ids.views.resolve,
      { incidentId: t.incident.id },
      {
        resolved_at: { resolved_at: { type: 'datetimepicker', selected_date_time: now() } },
        severity: { severity: select('sev2') },
        change_induced: { change_induced: select('no') },
        impact: { impact: input('fuzzed') },
      },
    ),
  [ids.views.handover]: (t) =>
    submission(
      ids.views.handover,
      { incidentId: t.incident.id, role: 'commander', to: bob },
      { brief: { brief: input('fuzzed') } },
    ),
  [ids.views.postmortemWriteUp]: (t) =>
    submission(ids.views.postmortemWriteUp, { incidentId: t.incident.id }, { summary: { summary: input('fuzzed') } }),
  [ids.views.postmortemReview]: (t) =>
    submission(
      ids.views.postmortemReview,
      { incidentId: t.incident.id },
      { reviewers: { reviewers: { type: 'multi_users_select', selected_users: [bob] } } },
    ),
  [ids.views.postmortemPublish]: (t) =>
    submission(ids.views.postmortemPublish, { incidentId: t.incident.id }, { reason: { reason: input('fuzzed') } }),
  [ids.views.actionCreate]: (t) =>
    submission(
      ids.views.actionCreate,
      { incidentId: t.incident.id },
      {
        action_text: { action_text: input('Fuzzed action') },
        action_owner: { action_owner: { type: 'users_select', selected_user: bob } },
      },
    ),
  [ids.views.actionDone]: (t) =>
    submission(
      ids.views.actionDone,
      { number: t.actionNumber },
      { action_evidence: { action_evidence: input('PR 1') } },
    ),
  [ids.views.actionWontDo]: (t) =>
    submission(
      ids.views.actionWontDo,
      { number: t.actionNumber },
      { action_reason: { action_reason: input('retired') } },
    ),
  [ids.views.actionSnooze]: (t) =>
    submission(
      ids.views.actionSnooze,
      { number: t.actionNumber },
      {
        action_due: { action_due: { type: 'datepicker', selected_date: '2099-01-01' } },
        action_reason: { action_reason: input('vendor late') },
      },
    ),
  [ids.views.actionReassign]: (t) =>
    submission(
      ids.views.actionReassign,
      { number: t.actionNumber },
      { action_owner: { action_owner: { type: 'users_select', selected_user: bob } } },
    ),
};

function shortcut(callbackId: string): (t: FuzzTarget) => ValidRequest {
  return (t) => ({
    kind: 'interaction',
    payload: {
      type: 'message_action',
      callback_id: callbackId,
      action_ts: '1.3',
      message_ts: '1700000000.000200',
      channel: { id: t.incident.channelId, name: 'fuzzed' },
      message: { type: 'message', ts: '1700000000.000200', user: alice, text: 'the db is on fire' },
    },
    required: [
      { path: 'channel' },
      { path: 'message' },
      { path: 'message.text', maxLength: slackMax.message, freeText: true, mayBeEmpty: true },
      { path: 'message_ts' },
    ],
    opensModal: true,
    namesRecord: false,
  });
}

function event(type: string, fields: (channel: string) => Record<string, unknown>): (t: FuzzTarget) => ValidRequest {
  return (t) => {
    const body = { type, ...fields(t.incident.channelId) };
    return { kind: 'event', event: body, required: Object.keys(body).filter((key) => key !== 'type') };
  };
}

const item = (channel: string) => ({ type: 'message', channel, ts: '1700000000.000300' });
const pinned = (channel: string) => ({
  user: alice,
  channel_id: channel,
  item: { type: 'message', channel, message: { ts: '1700000000.000300', text: 'x', user: alice } },
});

const events: Record<string, (t: FuzzTarget) => ValidRequest> = {
  message: event('message', (channel) => ({ channel, user: alice, text: 'rolled back', ts: '1700000001.000100' })),
  reaction_added: event('reaction_added', (channel) => ({ user: alice, reaction: 'pushpin', item: item(channel) })),
  reaction_removed: event('reaction_removed', (channel) => ({ user: alice, reaction: 'pushpin', item: item(channel) })),
  pin_added: event('pin_added', pinned),
  pin_removed: event('pin_removed', pinned),
  member_joined_channel: event('member_joined_channel', (channel) => ({ user: bob, channel })),
  member_left_channel: event('member_left_channel', (channel) => ({ user: bob, channel })),
  app_home_opened: event('app_home_opened', () => ({ user: alice, channel: 'D0ALICEDM', tab: 'home' })),
};

// What each /incident subcommand is typed with; `{inc}` is the incident's reference.
const commandTexts: Record<string, string> = {
  declare: 'declare sev3 Fuzzed outage',
  drill: 'drill sev3 Fuzzed drill',
  help: 'help',
  note: 'note fuzzed',
  milestone: 'milestone detected now',
  timeline: 'timeline',
  export: 'export',
  update: 'update',
  runbook: 'runbook db-failover',
  status: 'status {inc} identified',
  sev: 'sev {inc} sev1 fuzzed',
  role: 'role {inc} comms <@U0BOB|bob>',
  roles: 'roles {inc}',
  handover: 'handover {inc} commander <@U0BOB|bob>',
  resolve: 'resolve {inc}',
  reopen: 'reopen {inc}',
  close: 'close {inc}',
  postmortem: 'postmortem {inc}',
  action: 'action {inc} Fuzzed action <@U0BOB|bob>',
  actions: 'actions {inc}',
  stats: 'stats 30d',
  private: 'private {inc}',
  public: 'public {inc}',
};

// Subcommands about no one incident: they create one, or read every incident's counts.
const createsOrReadsAll = new Set(['declare', 'drill', 'help', 'stats']);

/**
 * The valid request of each registered listener, keyed as ListenerRouter.registrations() names it (the
 * /incident subcommands one by one); undefined for one that has none yet, which the fuzzer reports.
 */
export function validRequestFor(registration: string, t: FuzzTarget): ValidRequest | undefined {
  const [kind, id = ''] = [
    registration.slice(0, registration.indexOf(':')),
    registration.slice(registration.indexOf(':') + 1),
  ];
  if (kind === 'command') {
    const text = commandTexts[id.replace(`${ids.command} `, '')];
    return text === undefined
      ? undefined
      : {
          kind: 'command',
          text: text.replace('{inc}', `INC-${t.incident.number}`),
          channelId: t.incident.channelId,
          namesRecord: !createsOrReadsAll.has(id.replace(`${ids.command} `, '')),
        };
  }
  if (kind === 'action') {
    if (id !== ids.actions.cardStatus && !valueFor[id]) return undefined;
    return button(id, id.startsWith('^') ? 'runbook.branch.0' : id)(t);
  }
  if (kind === 'view') return views[id]?.(t);
  if (kind === 'shortcut') return Object.values(ids.shortcuts).includes(id as never) ? shortcut(id)(t) : undefined;
  if (kind === 'event') return events[id]?.(t);
  return undefined;
}
