import { redactedUrl, StartupError } from '../platform/errors.ts';
import type { SlackClient } from './client.ts';

type SlackCallError = Error & { code?: string; statusCode?: number; data?: { error?: string }; original?: Error };

const tokenErrors = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** The bot's user id, bot id and workspace, as auth.test gives them. */
export type BotIdentity = { userId: string; botId?: string; teamId?: string };

/** Who the bot is (auth.test); a failure becomes a StartupError naming SLACK_API_URL or SLACK_BOT_TOKEN. */
export async function botIdentity(client: SlackClient, apiUrl: string): Promise<BotIdentity> {
  try {
    const identity = await client.auth.test();
    return {
      userId: String(identity.user_id),
      ...(identity.bot_id ? { botId: String(identity.bot_id) } : {}),
      ...(identity.team_id ? { teamId: String(identity.team_id) } : {}),
    };
  } catch (error) {
    throw new StartupError(identityFailure(error as SlackCallError, redactedUrl(apiUrl)));
  }
}

function identityFailure(error: SlackCallError, apiUrl: string): string {
  switch (error?.code) {
    case 'slack_webapi_platform_error': {
      const code = error.data?.error ?? 'unknown';
      if (tokenErrors.has(code)) return `Slack refused the bot token (${code}): check SLACK_BOT_TOKEN`;
      return `Slack answered auth.test with ${code} at SLACK_API_URL ${apiUrl}`;
    }
    case 'slack_webapi_http_error':
      return `Slack answered HTTP ${error.statusCode} at SLACK_API_URL ${apiUrl}: check SLACK_API_URL`;
    default:
      return `cannot reach Slack at SLACK_API_URL ${apiUrl} (${causeOf(error)}): check SLACK_API_URL and the network`;
  }
}

function causeOf(error: SlackCallError): string {
  // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ENOTFOUND, a timeout). A message may
  // quote the URL, credentials and all, so any URL in it is left out.
  const original = error?.original as
    | (Error & { code?: string; cause?: { code?: string; message?: string } })
    | undefined;
  const why =
    original?.cause?.code ?? original?.code ?? original?.cause?.message ?? original?.message ?? error?.message;
  return (why ?? 'unknown').replace(/\S+:\/\/\S*/g, '(the URL)');
}
