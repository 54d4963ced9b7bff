import type { EffectExecutor } from '../../outbox/index.ts';
import { PermanentEffectError } from '../../outbox/index.ts';
import type { EffectContext } from './effect-context.ts';

// Replaced by the action-notification executor (work in progress on this branch).
export function notifyActionDm(_ctx: EffectContext): EffectExecutor {
  return async () => {
    throw new PermanentEffectError('action.notify_dm is not built yet');
  };
}
