/**
 * Readable transcripts of channels and views, for tests, demos and debugging: what a person would see
 * in Slack, as plain text.
 */
import { resolveMrkdwn } from './mrkdwn.ts';
import { renderBlocks } from './render-blocks.ts';
import type { Block, Channel, Message } from './types.ts';
import type { Workspace } from './workspace.ts';

function timeOf(ts: string): string {
  const date = new Date(Math.floor(Number(ts)) * 1000);
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}

function authorOf(message: Message, workspace: Workspace): string {
  if (message.subtype === 'tombstone') return '(deleted)';
  const user = workspace.user(message.user);
  const name = user?.profile.display_name || user?.name || message.user;
  return message.bot_id || user?.is_bot ? `${name} [APP]` : name;
}

/**
 * One message text as a person reads it in Slack: `<@U0ALICE>` → `@alice`, `<#C0…>` → `#name`,
 * `<!here>` → `@here`, `<url|label>` → `label (url)`, entities unescaped.
 */
export function renderText(workspace: Workspace, text: string): string {
  return resolveMrkdwn(text, workspace);
}

/**
 * The body of one message, ephemeral or response_url answer as a person reads it: its blocks when it
 * has any beyond rich text (which repeats the text), else its text; `inline` is true when it fits after the author.
 */
function bodyOf(
  workspace: Workspace,
  message: { text?: string; blocks?: Block[] },
): { lines: string[]; inline: boolean } {
  const blocks = message.blocks ?? [];
  if (blocks.length > 0 && !blocks.every((block) => block.type === 'rich_text'))
    return { lines: renderBlocks(blocks, workspace), inline: false };
  return { lines: resolveMrkdwn(message.text ?? '', workspace).split('\n'), inline: true };
}

/** A message body (text and blocks) as text, for ephemerals and response_url answers that no channel keeps. */
export function renderMessage(workspace: Workspace, message: { text?: string; blocks?: Block[] }): string {
  return bodyOf(workspace, message).lines.join('\n');
}

function messageLines(message: Message, workspace: Workspace, indent: string): string[] {
  const head = `${indent}[${timeOf(message.ts)}] ${authorOf(message, workspace)}:`;
  const pad = `${' '.repeat([...indent].length)}    `;
  const lines: string[] = [];
  if (message.subtype === 'tombstone') lines.push(`${head} This message was deleted.`);
  else {
    const body = bodyOf(workspace, message);
    if (body.inline) {
      const [first = '', ...rest] = body.lines;
      lines.push(first === '' ? head : `${head} ${first}`);
      for (const line of rest) lines.push(`${pad}${line}`);
    } else {
      lines.push(head);
      for (const line of body.lines) lines.push(`${pad}${line}`);
    }
  }
  for (const file of message.files ?? [])
    lines.push(`${pad}📎 ${String(file.title ?? file.name)} (${String(file.name)})`);
  const marks: string[] = [];
  if (message.subtype === 'thread_broadcast') marks.push('(also sent to channel)');
  if (message.edited) marks.push('(edited)');
  if (message.pinned_to?.length) marks.push('📌 pinned');
  for (const reaction of message.reactions ?? []) marks.push(`:${reaction.name}: ${reaction.count}`);
  if (marks.length > 0) lines.push(`${pad}${marks.join('  ')}`);
  return lines;
}

function header(channel: Channel, workspace: Workspace): string[] {
  const flags = [channel.is_private ? 'private' : '', channel.is_archived ? 'archived' : ''].filter(Boolean);
  const lines = [`#${channel.name}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`];
  if (channel.topic.value) lines.push(`Topic: ${resolveMrkdwn(channel.topic.value, workspace)}`);
  if (channel.purpose.value) lines.push(`Purpose: ${resolveMrkdwn(channel.purpose.value, workspace)}`);
  for (const bookmark of workspace.bookmarks(channel.id)) lines.push(`🔖 ${bookmark.title} (${bookmark.link})`);
  for (const canvas of workspace.canvases.tabsOf(channel.id)) lines.push(`Canvas: ${canvas.title}`);
  const pins = workspace.pins(channel.id).length;
  if (pins > 0) lines.push(`Pinned: ${pins} message${pins === 1 ? '' : 's'}`);
  lines.push('─'.repeat(40));
  return lines;
}

/**
 * Transcript of a channel (id, name or '#name'): header, messages with times (UTC), threads indented.
 * With `since` (a message ts), only what was posted after it: the channel's name, then each newer
 * message, and each older one that has newer thread replies, with its thread.
 */
export function renderChannel(workspace: Workspace, idOrName: string, opts: { since?: string } = {}): string {
  const channel = workspace.resolveChannel(idOrName);
  if (!channel) throw new Error(`render: no channel ${idOrName}`);
  const since = opts.since === undefined ? undefined : Number(opts.since);
  const lines =
    since === undefined ? header(channel, workspace) : [`#${channel.name} (new since ${timeOf(opts.since ?? '0')})`];
  for (const message of workspace.messages(channel.id)) {
    const replies = message.subtype === 'thread_broadcast' ? [] : workspace.replies(channel.id, message.ts);
    if (since !== undefined && Number(message.ts) <= since && !replies.some((r) => Number(r.ts) > since)) continue;
    lines.push(...messageLines(message, workspace, ''));
    for (const reply of replies) lines.push(...messageLines(reply, workspace, '    ↳ '));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Text rendering of a modal or Home tab: title, blocks, field errors, buttons and state. `blocks` replaces
 * the view's own (the control API shows what a person typed but has not sent yet).
 */
export function renderView(workspace: Workspace, viewId: string, blocks?: Block[]): string {
  const view = workspace.view(viewId);
  if (!view) throw new Error(`renderView: no view ${viewId}`);
  const title =
    view.type === 'home'
      ? `Home tab of @${workspace.user(view.userId)?.name ?? view.userId}`
      : `Modal: ${String(view.title?.text ?? '')}`;
  const status = view.isOpen ? 'open' : 'closed';
  const lines = [`┌ ${title}  (${view.id}${view.callback_id ? `, callback_id ${view.callback_id}` : ''}, ${status})`];
  for (const line of renderBlocks(blocks ?? view.blocks, workspace, view.errors, view.state.values))
    lines.push(`│ ${line}`);
  const buttons = [view.close?.text, view.submit?.text]
    .filter((text): text is string => typeof text === 'string')
    .map((text) => `[${text}]`);
  if (view.type === 'modal') lines.push(`└ ${buttons.length > 0 ? buttons.join(' ') : '[Close]'}`);
  return `${lines.join('\n')}\n`;
}
