/** A person opening the app's App Home (its Home or Messages tab): the `app_home_opened` event, as Slack sends it. */
import type { AppDriver, EventOptions } from './app-driver.ts';
import type { AppResponse } from './app-transport.ts';
import { InteractionError } from './element-values.ts';
import { deliverEvent } from './event-driver.ts';
import type { JsonObject } from './types.ts';
import { homeView, viewToApi } from './view-store.ts';

/** The tabs of an App Home that send `app_home_opened`. */
export type HomeTab = 'home' | 'messages';

/** What opening the App Home did: the app's answer, the event sent and the DM channel it names. */
export type HomeOpenedResult = AppResponse & { eventId: string; channelId: string; event: JsonObject };

/**
 * `userId` opens the app's App Home on `tab` (default 'home'). Sends `app_home_opened` with `user`, `channel`
 * (the bot's DM with them, opened as conversations.open would if it did not exist yet), `tab`, `event_ts` and,
 * on the Home tab once the app has published one, `view` as views.publish returned it. Throws an
 * InteractionError for an unknown user, the bot itself or another tab; the send fails like `event()` when the
 * app cannot be reached.
 */
export async function userOpensHome(
  driver: AppDriver,
  params: { userId: string; tab?: HomeTab },
  opts: EventOptions = {},
): Promise<HomeOpenedResult> {
  const { workspace } = driver;
  const tab = params.tab ?? 'home';
  if (tab !== 'home' && tab !== 'messages')
    throw new InteractionError(`an App Home has a 'home' and a 'messages' tab, not '${String(tab)}'`);
  const user = workspace.user(params.userId);
  if (!user) throw new InteractionError(`user_not_found: ${params.userId}`);
  if (user.id === workspace.identity.botUserId) throw new InteractionError('the app cannot open its own App Home');
  const channel = workspace.openDirectMessage(user.id);
  const home = tab === 'home' ? homeView(workspace, user.id) : undefined;
  const event: JsonObject = {
    type: 'app_home_opened',
    user: user.id,
    channel: channel.id,
    tab,
    event_ts: workspace.nextTs(),
    ...(home ? { view: viewToApi(home) } : {}),
  };
  const response = await deliverEvent(driver, event, opts);
  return { ...response, channelId: channel.id, event };
}
