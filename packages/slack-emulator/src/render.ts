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

function messageLines(message: Message, workspace: Workspace, indent: string): string[] {
  const head = `${indent}[${timeOf(message.ts)}] ${authorOf(message, workspace)}:`;
  const onlyRichText = (message.blocks ?? []).every((block) => block.type === 'rich_text');
  const pad = `${' '.repeat([...indent].length)}    `;
  const lines: string[] = [];
  if (message.subtype === 'tombstone') lines.push(`${head} This message was deleted.`);
  else if (message.blocks && message.blocks.length > 0 && !onlyRichText) {
    lines.push(head);
    for (const line of renderBlocks(message.blocks, workspace)) lines.push(`${pad}${line}`);
  } else {
    const [first = '', ...rest] = resolveMrkdwn(message.text, workspace).split('\n');
    lines.push(first === '' ? head : `${head} ${first}`);
    for (const line of rest) lines.push(`${pad}${line}`);
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
  const pins = workspace.pins(channel.id).length;
  if (pins > 0) lines.push(`Pinned: ${pins} message${pins === 1 ? '' : 's'}`);
  lines.push('─'.repeat(40));
  return lines;
}

/** Transcript of a channel (id, name or '#name'): header, messages with times (UTC), threads indented. */
export function renderChannel(workspace: Workspace, idOrName: string): string {
  const channel = workspace.resolveChannel(idOrName);
  if (!channel) throw new Error(`render: no channel ${idOrName}`);
  const lines = header(channel, workspace);
  for (const message of workspace.messages(channel.id)) {
    lines.push(...messageLines(message, workspace, ''));
    if (message.subtype === 'thread_broadcast') continue;
    for (const reply of workspace.replies(channel.id, message.ts))
      lines.push(...messageLines(reply, workspace, '    ↳ '));
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
  for (const line of renderBlocks(blocks ?? view.blocks, workspace, view.errors)) lines.push(`│ ${line}`);
  const buttons = [view.close?.text, view.submit?.text]
    .filter((text): text is string => typeof text === 'string')
    .map((text) => `[${text}]`);
  if (view.type === 'modal') lines.push(`└ ${buttons.length > 0 ? buttons.join(' ') : '[Close]'}`);
  return `${lines.join('\n')}\n`;
}
