/** The people and channels every emulated workspace starts with. */
import type { Workspace } from './workspace.ts';

/** Ids of the preloaded users. */
export const PRELOADED_USERS = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL', dave: 'U0DAVE' } as const;
/** Ids of the preloaded channels. */
export const PRELOADED_CHANNELS = { general: 'C0GENERAL', incidents: 'C0INCIDENTS' } as const;

/**
 * Adds the bot user, alice (America/New_York), bob (Europe/London), carol (Asia/Tokyo), dave (UTC),
 * #general (all humans, not the bot) and #incidents (all humans and the bot).
 */
export function preloadWorkspace(workspace: Workspace): void {
  const { botUserId } = workspace.identity;
  workspace.addUser({ id: botUserId, name: 'firebreak', realName: 'Firebreak', isBot: true });
  workspace.addUser({ id: PRELOADED_USERS.alice, name: 'alice', realName: 'Alice Adams', tz: 'America/New_York' });
  workspace.addUser({ id: PRELOADED_USERS.bob, name: 'bob', realName: 'Bob Brown', tz: 'Europe/London' });
  workspace.addUser({ id: PRELOADED_USERS.carol, name: 'carol', realName: 'Carol Chen', tz: 'Asia/Tokyo' });
  workspace.addUser({ id: PRELOADED_USERS.dave, name: 'dave', realName: 'Dave Diaz', tz: 'UTC' });
  const humans = Object.values(PRELOADED_USERS);
  workspace.addChannel({
    id: PRELOADED_CHANNELS.general,
    name: 'general',
    members: humans,
    creator: PRELOADED_USERS.alice,
  });
  workspace.addChannel({
    id: PRELOADED_CHANNELS.incidents,
    name: 'incidents',
    members: [...humans, botUserId],
    creator: PRELOADED_USERS.alice,
  });
}
