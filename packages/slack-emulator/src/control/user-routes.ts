/** Endpoints for what a person does with the app itself rather than in a channel: opening its App Home, their time zone. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HomeTab } from '../home-tab.ts';
import { homeView } from '../view-store.ts';
import { channelLabel, resolveUser } from './addressing.ts';
import { appAnswer } from './app-answer.ts';
import { ControlError, stringField } from './body.ts';
import { type ControlContext, type ControlRoute, USER } from './route-types.ts';
import { describeView } from './view-summary.ts';

const TAB = "'home' (default) or 'messages'";

/**
 * The views.publish the app made for `userId` after call number `since`, waiting for it as long as Slack waits
 * for an ack: Bolt apps acknowledge app_home_opened first and publish afterwards, as Slack's client shows it then.
 */
async function publishAfter(ctx: ControlContext, userId: string, since: number) {
  const deadline = Date.now() + ctx.emulator.ackTimeoutMs;
  for (;;) {
    const call = ctx.emulator.calls
      .slice(since)
      .find((candidate) => candidate.method === 'views.publish' && candidate.args.user_id === userId);
    if (call || Date.now() >= deadline) return call;
    await sleep(20);
  }
}

async function openHome(ctx: ControlContext, userRef: unknown, tabRef: unknown) {
  const { emulator } = ctx;
  const user = resolveUser(emulator.workspace, userRef);
  if (tabRef !== undefined && tabRef !== 'home' && tabRef !== 'messages')
    throw new ControlError(`home: 'tab' must be ${TAB}, got ${JSON.stringify(tabRef)}`);
  const tab: HomeTab = tabRef ?? 'home';
  const since = emulator.calls.length;
  const result = await emulator.userOpensHome({ userId: user.id, tab });
  const answered = result.status >= 200 && result.status < 300;
  const publish = tab === 'home' && answered ? await publishAfter(ctx, user.id, since) : undefined;
  const home = homeView(emulator.workspace, user.id);
  return {
    channel: channelLabel(emulator.workspace, result.channelId),
    tab,
    app: appAnswer(result),
    published: publish?.ok === true,
    ...(publish && !publish.ok ? { publishError: publish.error ?? 'failed' } : {}),
    home: home ? describeView(emulator.workspace, home, ctx.pending) : null,
  };
}

/** Endpoints for the App Home and profile settings. */
export const userRoutes: ControlRoute[] = [
  {
    method: 'POST',
    name: 'home',
    param: '[<user>]',
    fields: { 'user?': `${USER} (or in the path: home/alice)`, 'tab?': TAB },
    summary:
      "open the app's App Home (app_home_opened); waits for the app's views.publish and shows the Home tab as drawn",
    handle: async (ctx, { body, rest }) => {
      const user = rest !== '' ? rest : body.user;
      if (user === undefined || user === '')
        throw new ControlError(`home: give the user in the path or as 'user' (${USER})`);
      return { json: await openHome(ctx, user, body.tab) };
    },
  },
  {
    method: 'POST',
    name: 'timezone',
    fields: { user: USER, tz: 'an IANA time zone such as Europe/Berlin' },
    summary: "set a user's time zone (users.info tz, tz_label, tz_offset)",
    handle: (ctx, { body }) => {
      const { workspace } = ctx.emulator;
      const user = resolveUser(workspace, body.user);
      const tz = stringField(body, 'tz', 'timezone');
      try {
        workspace.setUserTimeZone(user.id, tz);
      } catch {
        throw new ControlError(`timezone: unknown time zone '${tz}': give an IANA name such as Europe/Berlin`);
      }
      const { id, name, tz_label, tz_offset } = workspace.user(user.id) ?? user;
      return { json: { id, name, tz, tz_label, tz_offset } };
    },
  },
];
