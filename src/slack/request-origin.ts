import { isObject } from './slack-body.ts';

type Body = Record<string, unknown>;

// Interactions a person makes: each names them in `user`, and a listener answers them as that person.
const personalInteractions = new Set(['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action']);

// Those Slack always sends with a trigger_id (a view submission is deduplicated on its view instead).
const triggered = new Set(['block_actions', 'shortcut', 'message_action']);

/** The workspace a request says it comes from, wherever Slack puts it for its kind. */
function teamOf(body: Body): unknown {
  const team = isObject(body.team) ? body.team.id : undefined;
  const user = isObject(body.user) ? body.user.team_id : undefined;
  const view = isObject(body.view) ? body.view.team_id : undefined;
  return body.team_id ?? team ?? user ?? view;
}

/**
 * Why this installation cannot serve a request (undefined when it can): it names no workspace; it
 * comes from another workspace than the bot token's (`botTeamId`, from auth.test), which this process
 * could only answer by acting in its own workspace; a command or a person's interaction lacks what Slack
 * always sends with it (who, where, the trigger_id the inbox deduplicates on, the response_url it is
 * answered through); or a command's field came more than once (a form body's repeated key reaches Bolt as an
 * array where Slack sends one string). Org-wide (Enterprise Grid) installs are not checked for their
 * team: one token serves several workspaces there.
 */
export function unservableRequest(body: Body, botTeamId: string | undefined): string | undefined {
  const team = teamOf(body);
  if (typeof team !== 'string' || team === '') return 'no workspace id in the request';
  const orgWide = body.is_enterprise_install === true || body.is_enterprise_install === 'true';
  if (botTeamId && team !== botTeamId && !orgWide) return "from another workspace than the bot token's";
  if (body.command !== undefined) {
    // A repeated form key arrives as an array. The names are the sender's: a few, cut short.
    const notText = Object.keys(body).filter((key) => body[key] !== undefined && typeof body[key] !== 'string');
    if (notText.length > 0)
      return `command fields that are not one string: ${notText
        .slice(0, 5)
        .map((key) => key.slice(0, 40))
        .join(', ')}`;
    for (const field of ['user_id', 'channel_id', 'trigger_id', 'response_url'])
      if (!body[field]) return `a command without ${field}`;
    return undefined;
  }
  if (!personalInteractions.has(String(body.type))) return undefined;
  if (!(isObject(body.user) && typeof body.user.id === 'string')) return 'an interaction without user.id';
  // The inbox deduplicates these on their trigger_id: without one, a retry would be done twice.
  if (triggered.has(String(body.type)) && (typeof body.trigger_id !== 'string' || body.trigger_id === ''))
    return `${body.type} without trigger_id`;
  // Slack answers a message shortcut or a click on a message through its response_url; listeners rely on one.
  const onMessage = body.type === 'message_action' || (isObject(body.container) && body.container.type === 'message');
  if (onMessage && (typeof body.response_url !== 'string' || body.response_url === ''))
    return `${body.type} on a message without response_url`;
  return undefined;
}
