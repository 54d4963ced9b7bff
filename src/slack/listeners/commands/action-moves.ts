import { completeAction, declineAction, reassignAction, snoozeAction } from '../../../actions/index.ts';
import { actionForUser, requireOwnerCanSee } from '../../action-access.ts';
import { changedText } from '../../action-replies.ts';
import type { ActionCommand } from '../../parse/action-args.ts';
import type { SlackServices } from '../../services.ts';
import type { SubcommandArgs } from './subcommand.ts';

/** `/incident action done|snooze|reassign|wontdo ACT-17 …`: moves an action the person may see, and says how it went. */
export async function moveAction(services: SlackServices, args: SubcommandArgs, move: ActionCommand): Promise<void> {
  if (move.verb === 'form' || move.verb === 'create') return;
  const { command } = args;
  const target = { teamId: command.team_id, number: move.number, actorId: command.user_id };
  // Seen before changed: an action of a private incident is only for its channel's members and its owner.
  const { incident } = await actionForUser(services, args.client, {
    teamId: target.teamId,
    number: move.number,
    userId: command.user_id,
  });
  const say = (text: string) => args.ack({ response_type: 'ephemeral', text });
  switch (move.verb) {
    case 'done':
      return say(
        changedText(services, 'done', await completeAction(services.deps, { ...target, evidence: move.evidence })),
      );
    case 'wont_do':
      return say(
        changedText(services, 'wont_do', await declineAction(services.deps, { ...target, reason: move.reason })),
      );
    case 'snooze':
      return say(
        changedText(
          services,
          'snoozed',
          await snoozeAction(services.deps, { ...target, until: move.due, reason: move.reason }),
        ),
      );
    case 'reassign':
      await requireOwnerCanSee(services, args.client, incident, move.ownerId);
      return say(
        changedText(services, 'reassigned', await reassignAction(services.deps, { ...target, ownerId: move.ownerId })),
      );
  }
}
