import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { type ActionItemModel, actionItemBlocks } from './action-item.ts';
import { cappedGroups, contextLine, mrkdwnSection } from './capped-list.ts';

/** Block ids of the reminder's actions start with this (`reminder_item:17`), so a click can redraw just one. */
export const reminderPrefix = 'reminder';

/** Slack's limit for a message. */
export const maxMessageBlocks = 50;

/** An owner's open actions as the weekly reminder groups them (each list in due order). */
export type ActionReminderModel = {
  overdue: ActionItemModel[];
  thisWeek: ActionItemModel[];
  later: ActionItemModel[];
};

/**
 * The weekly reminder: overdue, due this week, later, each action with its four buttons; within
 * Slack's 50 blocks, the rest counted in a last line pointing at `/incident actions mine`.
 */
export function actionReminderMessage(copy: Copy, model: ActionReminderModel): { text: string; blocks: KnownBlock[] } {
  const count = model.overdue.length + model.thisWeek.length + model.later.length;
  const intro = mrkdwnSection(copy.render('action_reminders.intro', { count }), 'reminder_intro');
  const group = (key: string, items: ActionItemModel[]) => ({
    header: [mrkdwnSection(copy.render(`action_reminders.${key}`), `reminder_${key}`)],
    items: items.map((item) => actionItemBlocks(copy, item, reminderPrefix)),
  });
  const blocks = cappedGroups(
    [
      group('group_overdue', model.overdue),
      group('group_this_week', model.thisWeek),
      group('group_later', model.later),
    ],
    maxMessageBlocks - 1,
    (left) => contextLine(copy.render('action_reminders.more', { count: left })),
  );
  return {
    text: copy.render('action_reminders.text', { count, overdue: model.overdue.length }),
    blocks: [intro, ...blocks],
  };
}
