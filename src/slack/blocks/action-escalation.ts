import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { type ActionItemModel, actionLine } from './action-item.ts';
import { maxMessageBlocks } from './action-reminder.ts';
import { type BlockGroup, cappedGroups, contextLine, mrkdwnSection } from './capped-list.ts';
import { mention } from './format.ts';

/** One incident's overdue actions; `isPrivate` marks it in the commander's DM (they are in it). */
export type EscalationIncident = { ref: string; title: string; isPrivate: boolean; items: ActionItemModel[] };

/** The overdue actions of private incidents, per owner: counted, never described. */
export type PrivateOverdue = { ownerId: string; count: number };

function incidentGroups(copy: Copy, incidents: readonly EscalationIncident[]): BlockGroup[] {
  return incidents.map((incident) => ({
    header: [
      mrkdwnSection(
        copy.render(
          incident.isPrivate ? 'action_reminders.escalation_private_incident' : 'action_reminders.escalation_incident',
          { ref: incident.ref, title: incident.title },
        ),
      ),
    ],
    items: incident.items.map((item) => [mrkdwnSection(actionLine(copy, item))]),
  }));
}

function more(copy: Copy) {
  return (count: number) => contextLine(copy.render('action_reminders.more', { count }));
}

/** The commander's weekly list: their incidents' actions overdue past the grace days, grouped by incident. */
export function escalationDmMessage(
  copy: Copy,
  model: { days: number; incidents: readonly EscalationIncident[] },
): { text: string; blocks: KnownBlock[] } {
  const count = model.incidents.reduce((sum, incident) => sum + incident.items.length, 0);
  const intro = mrkdwnSection(copy.render('action_reminders.escalation_dm_intro', { count, days: model.days }));
  return {
    text: copy.render('action_reminders.escalation_dm_text', { count, days: model.days }),
    blocks: [intro, ...cappedGroups(incidentGroups(copy, model.incidents), maxMessageBlocks - 1, more(copy))],
  };
}

/**
 * The escalation channel's weekly list: public incidents' overdue actions described, grouped by
 * incident; a private incident's only counted per owner, with neither its name nor the action's text.
 */
export function escalationPostMessage(
  copy: Copy,
  model: { days: number; incidents: readonly EscalationIncident[]; privateOverdue: readonly PrivateOverdue[] },
): { text: string; blocks: KnownBlock[] } {
  const count =
    model.incidents.reduce((sum, incident) => sum + incident.items.length, 0) +
    model.privateOverdue.reduce((sum, owner) => sum + owner.count, 0);
  const intro = mrkdwnSection(copy.render('action_reminders.escalation_post_intro', { count, days: model.days }));
  const privateGroup: BlockGroup = {
    header: [],
    items: model.privateOverdue.map((owner) => [
      mrkdwnSection(
        copy.render('action_reminders.escalation_private_line', { count: owner.count, owner: mention(owner.ownerId) }),
      ),
    ]),
  };
  return {
    text: copy.render('action_reminders.escalation_post_text', { count, days: model.days }),
    blocks: [
      intro,
      ...cappedGroups([...incidentGroups(copy, model.incidents), privateGroup], maxMessageBlocks - 1, more(copy)),
    ],
  };
}
