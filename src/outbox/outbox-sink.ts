import type { EffectSink } from '../platform/effects.ts';
import { enqueueCoalesced, enqueueEffects } from './outbox-repo.ts';

/** Effects as outbox rows, in the order they were queued; `kick` wakes the dispatcher after commit. */
export function outboxSink(kick: () => void): EffectSink {
  return {
    async write(tx, effects) {
      let plain: Parameters<typeof enqueueEffects>[1] = [];
      for (const { effect, coalesce } of effects) {
        if (!coalesce) {
          plain.push(effect);
          continue;
        }
        await enqueueEffects(tx, plain);
        plain = [];
        await enqueueCoalesced(tx, effect);
      }
      await enqueueEffects(tx, plain);
    },
    written: kick,
  };
}
