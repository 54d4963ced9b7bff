import { createHash } from 'node:crypto';
import { splitSubcommand } from './command-text.ts';

/** Where a Slack request goes in the inbox: its workspace, a key identical across retries, and its kind. */
export type InboxKey = { teamId: string; dedupeKey: string; kind: string };

type Body = Record<string, unknown> & {
  team_id?: string;
  team?: { id?: string };
  user?: { team_id?: string };
  view?: { id?: string; hash?: string; team_id?: string; state?: unknown };
  event_id?: string;
  trigger_id?: string;
  actions?: Array<{ action_ts?: string; action_id?: string }>;
  command?: string;
  text?: string;
  type?: string;
};

/**
 * Events dedupe on event_id (Slack's retries reuse it); commands, shortcuts and clicks on trigger_id;
 * view submissions on view id + hash + values, so a double-submitted modal counts once. Undefined: not stored.
 * `/incident help` is not stored: it changes nothing and its answer is the acknowledgement itself, so there
 * is no retry to drop and nothing to replay (Slack does not retry slash commands, and a replayed help
 * would answer nobody), while storing it would put a commit in front of every answer.
 */
export function inboxKeyOf(body: Body): InboxKey | undefined {
  const teamId = body.team_id ?? body.team?.id ?? body.user?.team_id ?? body.view?.team_id;
  if (!teamId) return undefined;
  if (body.type === 'event_callback' && body.event_id)
    return { teamId, dedupeKey: `event:${body.event_id}`, kind: 'event' };
  if (body.command && splitSubcommand(body.text ?? '').subcommand === 'help') return undefined;
  if (body.command && body.trigger_id) return { teamId, dedupeKey: `command:${body.trigger_id}`, kind: 'command' };
  if (body.type === 'view_submission' && body.view?.id) {
    // The values are part of the key: a form corrected after `response_action: errors` keeps its id
    // and hash but is a new submission; a double click sends the same values twice.
    const values = createHash('sha256')
      .update(JSON.stringify(body.view.state ?? null))
      .digest('hex')
      .slice(0, 16);
    return { teamId, dedupeKey: `view:${body.view.id}:${body.view.hash ?? ''}:${values}`, kind: 'view_submission' };
  }
  if (body.type === 'block_actions' && body.trigger_id) {
    const action = body.actions?.[0];
    return {
      teamId,
      dedupeKey: `action:${body.trigger_id}:${action?.action_id ?? ''}:${action?.action_ts ?? ''}`,
      kind: 'block_actions',
    };
  }
  if ((body.type === 'shortcut' || body.type === 'message_action') && body.trigger_id) {
    return { teamId, dedupeKey: `shortcut:${body.trigger_id}`, kind: body.type };
  }
  return undefined;
}
