import { z } from 'zod';

const homeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

/** An `app_home_opened` event: who opened it and which tab (`home`, or `messages` for the DM tab). */
export function parseHomeOpened(event: unknown): { userId: string; tab: string } {
  const parsed = homeOpenedSchema.parse(event);
  return { userId: parsed.user, tab: parsed.tab ?? 'home' };
}
