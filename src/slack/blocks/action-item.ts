import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { type Action, formatActionRef } from '../../actions/index.ts';
import type { Copy } from '../../platform/copy.ts';
import type { LocalDate } from '../../platform/local-time.ts';
import { ids } from '../ids.ts';
import { mention, truncate } from './format.ts';

/** One action as a list shows it; `incidentRef` names where it came from, `trackerUrl` links its key. */
export type ActionItemModel = {
  action: Action;
  incidentRef: string;
  /** Today where the reader is judged (the owner's zone for reminders), for the overdue mark. */
  today: LocalDate;
  trackerUrl?: string | undefined;
};

/** The action's one-line summary in mrkdwn: ref, text, owner, due (overdue marked), status, incident, tracker. */
export function actionLine(copy: Copy, model: ActionItemModel): string {
  const { action } = model;
  return copy.render('actions.item_line', {
    ref: formatActionRef(action.number),
    text: action.text,
    owner: mention(action.ownerId),
    due: action.dueDate,
    overdue: action.status === 'open' && action.dueDate < model.today,
    status: action.status,
    snoozed: action.snoozedUntil !== null && action.status === 'open',
    incident: model.incidentRef,
    tracker: action.trackerKey ?? '',
    tracker_url: action.trackerKey && model.trackerUrl ? model.trackerUrl.replace('{{key}}', action.trackerKey) : '',
    note: action.closeNote ?? '',
  });
}

/** The four buttons of an open action: Done, Snooze, Reassign, Won't do; each carries only the action's number. */
export function actionButtons(copy: Copy, action: Pick<Action, 'number'>, blockPrefix = 'action'): ActionsBlock {
  const button = (actionId: string, key: string, style?: 'primary'): Button => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: copy.render(key) },
    value: String(action.number),
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `${blockPrefix}_buttons:${action.number}`,
    elements: [
      button(ids.actions.actionDone, 'actions.button_done', 'primary'),
      button(ids.actions.actionSnooze, 'actions.button_snooze'),
      button(ids.actions.actionReassign, 'actions.button_reassign'),
      button(ids.actions.actionWontDo, 'actions.button_wont_do'),
    ],
  };
}

/** An action as blocks: its line, and the four buttons while it is open (two blocks, or one once closed). */
export function actionItemBlocks(copy: Copy, model: ActionItemModel, blockPrefix = 'action'): KnownBlock[] {
  const line: KnownBlock = {
    type: 'section',
    block_id: `${blockPrefix}_item:${model.action.number}`,
    text: { type: 'mrkdwn', text: truncate(actionLine(copy, model), 3000) },
  };
  return model.action.status === 'open' ? [line, actionButtons(copy, model.action, blockPrefix)] : [line];
}

/**
 * A message's blocks with one action's line and buttons replaced by `replacement` (the action as it is
 * now), everything else as it was; the same blocks when the action is not in them.
 */
export function replaceActionItem(
  blocks: readonly KnownBlock[],
  number: number,
  blockPrefix: string,
  replacement: readonly KnownBlock[],
): KnownBlock[] {
  const ours = new Set([`${blockPrefix}_item:${number}`, `${blockPrefix}_buttons:${number}`]);
  const at = blocks.findIndex((block) => ours.has(String(block.block_id ?? '')));
  if (at < 0) return [...blocks];
  const rest = blocks.filter((block, index) => index < at || !ours.has(String(block.block_id ?? '')));
  rest.splice(at, 0, ...replacement);
  return rest;
}
