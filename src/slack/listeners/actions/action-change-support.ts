import { teamToday } from '../../../actions/index.ts';
import { incidentRef } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { shiftDays } from '../../../platform/local-time.ts';
import { actionForUser } from '../../action-access.ts';
import { changedText } from '../../action-replies.ts';
import { actionDmPrefix } from '../../blocks/action-dm.ts';
import { actionLine } from '../../blocks/action-item.ts';
import { listOfBlock } from '../../blocks/action-list.ts';
import { type ActionChangeKind, type ActionChangeOrigin, actionChangeModal } from '../../blocks/action-modals.ts';
import { reminderPrefix } from '../../blocks/action-reminder.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, openModal } from './action-support.ts';

/**
 * Opens the form behind one of an action's four buttons (the button carries the action's number),
 * remembering where the button was so the message can show the change once it is made.
 */
export async function openChangeForm(services: SlackServices, args: ActionArgs, kind: ActionChangeKind): Promise<void> {
  const number = recordIdOf(actionValueOf(args.action));
  const { action, incident } = await actionForUser(services, args.client, {
    teamId: teamIdOf(args.body),
    number,
    userId: args.body.user.id,
  });
  // A stale button (an older message): say who closed it rather than ask for evidence for nothing.
  if (action.status !== 'open')
    throw new DomainError('action.closed', changedText(services, 'done', { action, changed: false }), 'mrkdwn');
  const today = teamToday(services.deps);
  const line = actionLine(services.copy, {
    action,
    incidentRef: incidentRef(incident),
    today,
    trackerUrl: services.config.actions.tracker_url,
  });
  await openModal(
    args,
    actionChangeModal(services.copy, {
      kind,
      line,
      origin: originOf(args, number),
      // A week after the later of the due date and today (ISO dates sort as dates).
      suggestedDue: shiftDays([action.dueDate, today].sort()[1] as string, 7),
    }),
  );
}

function originOf(args: ActionArgs, number: number): ActionChangeOrigin {
  const blockId = String((args.action as { block_id?: unknown }).block_id ?? '');
  const container = args.body.container as { channel_id?: string; message_ts?: string } | undefined;
  const list = listOfBlock(blockId);
  if (list && args.body.response_url) return { number, list, responseUrl: args.body.response_url };
  if (blockId.startsWith(`${actionDmPrefix}_buttons:`) && container?.channel_id && container.message_ts)
    return { number, channelId: container.channel_id, ts: container.message_ts };
  if (blockId.startsWith(`${reminderPrefix}_buttons:`) && container?.channel_id && container.message_ts)
    return { number, channelId: container.channel_id, ts: container.message_ts, reminder: true };
  return { number };
}
