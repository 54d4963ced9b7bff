import { z } from 'zod';

// Every field Slack sends, checked: a garbled event is refused and logged rather than half-read.
const homeOpenedSchema = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  tab: z.string().min(1),
  event_ts: z.string().min(1),
});

/** An `app_home_opened` event: who opened it and which tab (`home`, or `messages` for the DM tab). */
export function parseHomeOpened(event: unknown): { userId: string; tab: string } {
  const parsed = homeOpenedSchema.parse(event);
  return { userId: parsed.user, tab: parsed.tab };
}
