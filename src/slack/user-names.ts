import type { Db } from '../platform/db.ts';
import { cachedUserNames, saveUserProfile } from '../timeline/index.ts';
import type { SlackClient } from './client.ts';

/** Display names for user ids: from the cache when fresh, else users.info (then cached); unknown ids stay ids. */
export async function resolveUserNames(
  ctx: { db: Db; client: SlackClient; now: Date },
  params: { teamId: string; userIds: string[] },
): Promise<Map<string, string>> {
  const names = await cachedUserNames(ctx.db, { teamId: params.teamId, userIds: params.userIds, now: ctx.now });
  // users.info is Tier 4; a timeline names few people, and each is fetched once a day at most.
  for (const userId of params.userIds.filter((id) => !names.has(id)).slice(0, 50)) {
    try {
      const { user } = await ctx.client.users.info({ user: userId });
      const name = user?.profile?.display_name || user?.real_name || user?.name;
      if (!name) continue;
      names.set(userId, name);
      // The time zone comes with the name: reminders go out at the person's own working hour.
      await saveUserProfile(ctx.db, {
        teamId: params.teamId,
        userId,
        displayName: name,
        tz: user?.tz ?? null,
        now: ctx.now,
      });
    } catch {
      // A name we cannot fetch shows as its id; the timeline is still complete.
    }
  }
  return names;
}
