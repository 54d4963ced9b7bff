/** A canvas as a person reads it: the title, where it lives, then its markdown with headings as written. */
import { sectionsToMarkdown } from './markdown-sections.ts';
import type { Workspace } from './workspace.ts';

/**
 * Text of a canvas given its id, or of a channel's canvas given the channel (id, name or '#name'): the
 * channel's own canvas, else its first canvas tab. Throws when there is no such canvas.
 */
export function renderCanvas(workspace: Workspace, canvasIdOrChannel: string): string {
  const channel = workspace.canvases.byId.has(canvasIdOrChannel)
    ? undefined
    : workspace.resolveChannel(canvasIdOrChannel);
  const canvas = channel ? workspace.canvases.tabsOf(channel.id)[0] : workspace.canvases.byId.get(canvasIdOrChannel);
  if (!canvas) throw new Error(`renderCanvas: no canvas ${canvasIdOrChannel}`);
  const home = canvas.channelId ? `#${workspace.channel(canvas.channelId)?.name ?? canvas.channelId}` : '';
  const place = canvas.isChannelCanvas ? `canvas of ${home}` : home ? `tab in ${home}` : 'standalone';
  const body = sectionsToMarkdown(canvas.sections);
  return `📄 ${canvas.title}  (${canvas.id}, ${place})\n${'─'.repeat(40)}\n${body === '' ? '(empty)' : body}\n`;
}
