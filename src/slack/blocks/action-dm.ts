import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { type ActionItemModel, actionItemBlocks } from './action-item.ts';
import { truncate } from './format.ts';

/** The block prefix of a one-action direct message: a change made from its buttons redraws the message. */
export const actionDmPrefix = 'action_dm';

/** A direct message about one action: what happened, then the action with its four buttons while it is open. */
export function actionDmMessage(
  copy: Copy,
  model: { lead: string; item: ActionItemModel },
): { text: string; blocks: KnownBlock[] } {
  return {
    text: model.lead,
    blocks: [
      { type: 'section', block_id: 'action_dm_lead', text: { type: 'mrkdwn', text: truncate(model.lead, 3000) } },
      ...actionItemBlocks(copy, model.item, actionDmPrefix),
    ],
  };
}

/** A direct message that only tells (taken away, closed or moved by someone else): one paragraph. */
export function actionNewsMessage(text: string): { text: string; blocks: KnownBlock[] } {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } }] };
}
