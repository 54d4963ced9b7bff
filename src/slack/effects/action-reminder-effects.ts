import type { EffectExecutor } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import type { EffectContext } from './effect-context.ts';

// Replaced by the reminder, escalation and time-zone executors (work in progress on this branch).
function notYet(kind: string): (ctx: EffectContext) => EffectExecutor {
  return () => async () => {
    throw new PermanentEffectError(`${kind} is not built yet`);
  };
}
export const remindActionOwner = notYet('action.reminder_dm');
export const escalateByDm = notYet('action.escalation_dm');
export const escalateInChannel = notYet('action.escalation_post');
export const learnActionOwnerTimeZone = notYet('action.owner_tz');
export const publishHome = notYet('home.publish');
