import { createAction, teamToday } from '../../../actions/index.ts';
import { requireOwnerCanSee } from '../../action-access.ts';
import { openActionForm } from '../../action-form.ts';
import { argsProblem, createdText } from '../../action-replies.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { parseActionArgs } from '../../parse/action-args.ts';
import { moveAction } from './action-moves.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident action …`: creates an action of the channel's incident (or of `INC-12 …` named first),
 * opens the form when no text or no owner is given, or moves one (`done|snooze|reassign|wontdo ACT-17 …`).
 */
export const actionCommand: Subcommand = async (services, args) => {
  const { command } = args;
  const today = teamToday(services.deps);
  const parsed = parseActionArgs(args.rest, today);
  if (!parsed.ok) throw argsProblem(services, parsed);
  if (parsed.value.verb !== 'form' && parsed.value.verb !== 'create') return moveAction(services, args, parsed.value);
  const { incident, rest } = await incidentForCommand(services, args.client, command, args.rest);
  const read = parseActionArgs(rest, today);
  if (!read.ok) throw argsProblem(services, read);
  if (read.value.verb !== 'form' && read.value.verb !== 'create') return moveAction(services, args, read.value);
  const { draft } = read.value;
  if (read.value.verb === 'form' || !draft.ownerId) {
    // Nothing to create yet: the form asks for what is missing, prefilled with what was typed.
    await args.ack();
    await openActionForm(services, args.client, { triggerId: command.trigger_id, incident, draft });
    return;
  }
  const { text, ownerId, due, type, priority, trackerKey } = draft;
  await requireOwnerCanSee(services, args.client, incident, ownerId);
  const result = await createAction(services.deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    actorId: command.user_id,
    text,
    ownerId,
    ...(due ? { dueDate: due } : {}),
    ...(type ? { type } : {}),
    ...(priority ? { priority } : {}),
    ...(trackerKey ? { trackerKey } : {}),
  });
  await args.ack({ response_type: 'ephemeral', text: createdText(services, result, command.user_id) });
};
