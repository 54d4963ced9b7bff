/** users.* methods plus auth.test and team.info. */
import { optionalString, paginate, requiredString } from '../args.ts';
import { SlackApiError } from '../errors.ts';
import type { MethodTable } from './context.ts';

/** users.*, auth.test and team.info handlers. */
export const userMethods: MethodTable = {
  'auth.test': ({ workspace }) => {
    const { identity } = workspace;
    const bot = workspace.user(identity.botUserId);
    return {
      url: `https://${identity.teamDomain}.slack.com/`,
      team: identity.teamName,
      user: bot?.name ?? 'firebreak',
      team_id: identity.teamId,
      user_id: identity.botUserId,
      bot_id: identity.botId,
      is_enterprise_install: false,
    };
  },

  'team.info': ({ workspace }) => {
    const { identity } = workspace;
    return {
      team: {
        id: identity.teamId,
        name: identity.teamName,
        domain: identity.teamDomain,
        email_domain: '',
        icon: { image_default: true },
        is_verified: false,
      },
    };
  },

  'users.info': ({ workspace }, args) => {
    const user = workspace.user(requiredString(args, 'user', 'user_not_found'));
    if (!user) throw new SlackApiError('user_not_found');
    return { user };
  },

  'users.list': ({ workspace, clock }, args) => {
    const { page, nextCursor } = paginate(workspace.users(), args, 1000);
    return { members: page, cache_ts: Math.floor(clock() / 1000), response_metadata: { next_cursor: nextCursor } };
  },

  'users.lookupByEmail': ({ workspace }, args) => {
    const email = optionalString(args, 'email');
    if (email === undefined)
      throw new SlackApiError('invalid_arguments', {
        response_metadata: { messages: ['[ERROR] missing required field: email'] },
      });
    const wanted = email.toLowerCase();
    const user = workspace.users().find((candidate) => candidate.profile.email?.toLowerCase() === wanted);
    if (!user) throw new SlackApiError('users_not_found');
    return { user };
  },
};
