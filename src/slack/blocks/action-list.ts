import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { ids } from '../ids.ts';
import { type ActionItemModel, actionItemBlocks } from './action-item.ts';
import { truncate } from './format.ts';

/** Actions per page: two blocks each (line and buttons) keeps a page well under Slack's 50 blocks per message. */
export const actionsPerPage = 10;

export type ActionListModel = {
  title: string;
  items: ActionItemModel[];
  /** Actions on this page from private incidents the reader may not see: counted, never described. */
  hidden: number;
  page: number;
  total: number;
  /** The Previous/Next value for a page; also keys the buttons' blocks, so a Done in the list can redraw it. */
  pageValue: (page: number) => string;
};

/** One page of an action list: its title and range, the actions with their buttons, a private count, paging. */
export function actionListBlocks(copy: Copy, model: ActionListModel): KnownBlock[] {
  const from = (model.page - 1) * actionsPerPage + 1;
  const to = Math.min(model.total, from + actionsPerPage - 1);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'actions_list_title',
      text: {
        type: 'mrkdwn',
        text: truncate(copy.render('actions.list_title', { title: model.title, from, to, total: model.total }), 3000),
      },
    },
    ...model.items.flatMap((item) => actionItemBlocks(copy, item, listBlockPrefix(model.pageValue(model.page)))),
  ];
  if (model.hidden > 0)
    blocks.push({
      type: 'context',
      block_id: 'actions_list_hidden',
      elements: [{ type: 'mrkdwn', text: copy.render('actions.list_hidden', { count: model.hidden }) }],
    });
  if (model.total === 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: copy.render('actions.list_empty') }] });
  // Both buttons share one action id, and ids must be unique within a block: one block each.
  const button = (key: string, page: number, blockId: string): ActionsBlock => ({
    type: 'actions',
    block_id: blockId,
    elements: [
      {
        type: 'button',
        action_id: ids.actions.actionsPage,
        text: { type: 'plain_text', text: copy.render(key) },
        value: model.pageValue(page),
      } satisfies Button,
    ],
  });
  if (model.page > 1) blocks.push(button('actions.button_previous', model.page - 1, 'actions_list_previous'));
  if (to < model.total) blocks.push(button('actions.button_next', model.page + 1, 'actions_list_next'));
  return blocks;
}

/** The block prefix of a list's action buttons: carries the page it is on, for the redraw after a change. */
export function listBlockPrefix(pageValue: string): string {
  return `alist-${pageValue}`;
}

/** The page value in a list action's button block id (`alist-i:12:1_buttons:5`), or undefined for any other block. */
export function listOfBlock(blockId: string): string | undefined {
  return /^alist-(.+)_buttons:\d+$/.exec(blockId)?.[1];
}
