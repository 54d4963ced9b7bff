import { homeOpened as recordHomeOpened } from '../../../home/index.ts';
import { parseHomeOpened } from '../../parse/home-event.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import type { EventHandler } from './event-support.ts';

/** The Home tab was opened: the viewer is remembered and their Home published from the database. */
export const homeOpened: EventHandler<'app_home_opened'> = async (services, args) => {
  const { userId, tab } = parseHomeOpened(args.event);
  // The Messages tab is the app's DM: nothing to publish for it.
  if (tab !== 'home') return;
  await recordHomeOpened(services.deps, { teamId: teamIdOf(args.body), userId });
};
