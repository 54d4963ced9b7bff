/** Turning Slack mrkdwn entities into what a person reads: `<@U1>` → `@alice`, `<url|label>` → `label (url)`. */
import type { Workspace } from './workspace.ts';

/** Resolves user/channel mentions, special mentions, dates and links, then unescapes &amp; &lt; &gt;. */
export function resolveMrkdwn(text: string, workspace: Workspace): string {
  const resolved = text.replace(/<([^<>]+)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) {
      const user = workspace.user(target.slice(1));
      return `@${user?.name ?? label ?? target.slice(1)}`;
    }
    if (target.startsWith('#')) {
      const channel = workspace.channel(target.slice(1));
      return `#${channel?.name ?? label ?? target.slice(1)}`;
    }
    if (target.startsWith('!')) {
      const command = target.slice(1);
      if (command === 'here' || command === 'channel' || command === 'everyone') return `@${command}`;
      if (command.startsWith('subteam^')) return label ?? '@group';
      if (command.startsWith('date^')) return label ?? command;
      return label ?? `@${command}`;
    }
    return label !== undefined ? `${label} (${target})` : target;
  });
  return resolved.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
