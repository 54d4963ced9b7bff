import { captureKeyFlag } from '../../../timeline/index.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import type { KeyFlagInput } from '../../parse/timeline-events.ts';
import type { SlackServices } from '../../services.ts';

/** Flags (or unflags) a message as a key moment; the bot's own pins (its incident card) are none. */
export async function flagKeyMessage(
  services: SlackServices,
  args: { body: unknown; context: { botUserId?: string } },
  input: KeyFlagInput | undefined,
  change: { via: 'reaction' | 'pin'; on: boolean },
): Promise<void> {
  if (!input || input.userId === args.context.botUserId) return;
  await captureKeyFlag(services.deps, { teamId: teamIdOf(args.body), ...input, ...change });
}
