import type { KnownBlock, PlainTextOption, View } from '@slack/types';
import {
  type ActionPriority,
  type ActionType,
  actionPriorities,
  actionTypes,
  maxActionText,
  maxCloseNote,
} from '../../actions/index.ts';
import type { Copy } from '../../platform/copy.ts';
import type { LocalDate } from '../../platform/local-time.ts';
import { ids } from '../ids.ts';
import { capitalise, truncate } from './format.ts';
import { formModal } from './modal.ts';

const m = ids.actionModal;

/** What the new-action form starts with: the incident, what was typed or picked, the severity's default date. */
export type ActionFormModel = {
  incidentId: number;
  incidentRef: string;
  incidentTitle: string;
  severity: string;
  defaultDue: LocalDate;
  followUpId?: number | undefined;
  draft: {
    text?: string | undefined;
    ownerId?: string | undefined;
    due?: LocalDate | undefined;
    type?: ActionType | undefined;
    priority?: ActionPriority | undefined;
    trackerKey?: string | undefined;
  };
};

const option = (value: string, label = capitalise(value)): PlainTextOption => ({
  text: { type: 'plain_text', text: label },
  value,
});

/** The new-action form (command, shortcut, *Add action*, *Accept*): owner and due date required, the rest prefilled. */
export function actionFormModal(copy: Copy, model: ActionFormModel): View {
  const { draft } = model;
  const accepting = model.followUpId !== undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            copy.render('actions.context_incident', { ref: model.incidentRef, title: model.incidentTitle }),
            3000,
          ),
        },
      ],
    },
    {
      type: 'input',
      block_id: m.text,
      label: { type: 'plain_text', text: copy.render('actions.label_text') },
      element: {
        type: 'plain_text_input',
        action_id: m.text,
        multiline: true,
        max_length: maxActionText,
        placeholder: { type: 'plain_text', text: copy.render('actions.placeholder_text') },
        ...(draft.text ? { initial_value: truncate(draft.text, maxActionText) } : {}),
      },
    },
    {
      type: 'input',
      block_id: m.owner,
      label: { type: 'plain_text', text: copy.render('actions.label_owner') },
      element: { type: 'users_select', action_id: m.owner, ...(draft.ownerId ? { initial_user: draft.ownerId } : {}) },
    },
    {
      type: 'input',
      block_id: m.due,
      label: { type: 'plain_text', text: copy.render('actions.label_due') },
      hint: {
        type: 'plain_text',
        text: copy.render('actions.hint_due', { default: model.defaultDue, severity: model.severity }),
      },
      element: { type: 'datepicker', action_id: m.due, initial_date: draft.due ?? model.defaultDue },
    },
    {
      type: 'input',
      block_id: m.type,
      label: { type: 'plain_text', text: copy.render('actions.label_type') },
      element: {
        type: 'static_select',
        action_id: m.type,
        options: actionTypes.map((type) => option(type)),
        initial_option: option(draft.type ?? (accepting ? 'runbook' : 'corrective')),
      },
    },
    {
      type: 'input',
      block_id: m.priority,
      optional: true,
      label: { type: 'plain_text', text: copy.render('actions.label_priority') },
      element: {
        type: 'static_select',
        action_id: m.priority,
        options: actionPriorities.map((p) => option(p, p.toUpperCase())),
        ...(draft.priority ? { initial_option: option(draft.priority, draft.priority.toUpperCase()) } : {}),
      },
    },
    {
      type: 'input',
      block_id: m.tracker,
      optional: true,
      label: { type: 'plain_text', text: copy.render('actions.label_tracker') },
      element: {
        type: 'plain_text_input',
        action_id: m.tracker,
        max_length: 50,
        placeholder: { type: 'plain_text', text: copy.render('actions.placeholder_tracker') },
        ...(draft.trackerKey ? { initial_value: draft.trackerKey } : {}),
      },
    },
  ];
  return formModal(copy, {
    callbackId: ids.views.actionCreate,
    titleKey: accepting ? 'actions.accept_title' : 'actions.create_title',
    submitKey: 'actions.create_submit',
    metadata: { incidentId: model.incidentId, ...(accepting ? { followUpId: model.followUpId } : {}) },
    blocks,
  });
}

export type ActionChangeKind = 'done' | 'snooze' | 'reassign' | 'wont_do';

/** Where the button was, so the message can show the change: a list page (response_url) or a DM (channel, ts). */
export type ActionChangeOrigin = {
  number: number;
  list?: string;
  responseUrl?: string;
  channelId?: string;
  ts?: string;
  /** The button was in the owner's weekly reminder (many actions): only this action's blocks are redrawn. */
  reminder?: boolean;
};

const changeForms: Record<ActionChangeKind, { callbackId: string; title: string; submit: string }> = {
  done: { callbackId: ids.views.actionDone, title: 'actions.done_title', submit: 'actions.done_submit' },
  snooze: { callbackId: ids.views.actionSnooze, title: 'actions.snooze_title', submit: 'actions.snooze_submit' },
  reassign: {
    callbackId: ids.views.actionReassign,
    title: 'actions.reassign_title',
    submit: 'actions.reassign_submit',
  },
  wont_do: { callbackId: ids.views.actionWontDo, title: 'actions.wont_do_title', submit: 'actions.wont_do_submit' },
};

function textInput(blockId: string, label: string, hint?: string): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    ...(hint ? { hint: { type: 'plain_text' as const, text: hint } } : {}),
    element: { type: 'plain_text_input', action_id: blockId, multiline: true, max_length: maxCloseNote },
  };
}

/** The form behind *Done*, *Snooze*, *Reassign* or *Won't do*: the action's line and what the change requires. */
export function actionChangeModal(
  copy: Copy,
  model: { kind: ActionChangeKind; line: string; origin: ActionChangeOrigin; suggestedDue: LocalDate },
): View {
  const form = changeForms[model.kind];
  const inputs: Record<ActionChangeKind, KnownBlock[]> = {
    done: [textInput(m.evidence, copy.render('actions.label_evidence'), copy.render('actions.hint_evidence'))],
    snooze: [
      {
        type: 'input',
        block_id: m.due,
        label: { type: 'plain_text', text: copy.render('actions.label_snooze_until') },
        element: { type: 'datepicker', action_id: m.due, initial_date: model.suggestedDue },
      },
      textInput(m.reason, copy.render('actions.label_snooze_reason')),
    ],
    reassign: [
      {
        type: 'input',
        block_id: m.owner,
        label: { type: 'plain_text', text: copy.render('actions.label_new_owner') },
        hint: { type: 'plain_text', text: copy.render('actions.hint_new_owner') },
        element: { type: 'users_select', action_id: m.owner },
      },
    ],
    wont_do: [textInput(m.reason, copy.render('actions.label_wont_do_reason'))],
  };
  return formModal(copy, {
    callbackId: form.callbackId,
    titleKey: form.title,
    submitKey: form.submit,
    metadata: model.origin,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(model.line, 3000) } }, ...inputs[model.kind]],
  });
}
