import { maxTitleLength } from '../../../incidents/index.ts';
import { declareModalView } from '../../blocks/declare-modal.ts';
import { truncate } from '../../blocks/format.ts';
import { shortcutMessageOf } from '../../parse/shortcut-message.ts';
import type { ShortcutHandler } from './shortcut-support.ts';

// private_metadata holds at most 3,000 characters; the quoted message gets what is left.
const maxQuotedText = 2000;

/** "Declare incident from message": the declare form, prefilled from the message and linked to it. */
export const declareFromMessage: ShortcutHandler = async (services, { shortcut, client }) => {
  const picked = shortcutMessageOf(shortcut);
  const { text } = picked;
  const firstLine = text.split('\n').find((line) => line.trim()) ?? '';
  const source = {
    channelId: picked.channelId,
    ts: picked.ts,
    text: truncate(text, maxQuotedText),
    authorId: picked.authorId,
  };
  await client.views.open({
    trigger_id: shortcut.trigger_id,
    view: declareModalView(services.copy, services.config, {
      title: truncate(plain(firstLine, 'label'), maxTitleLength),
      // The impact is read later, away from the message: a link keeps where it points.
      impact: plain(text, 'label (url)'),
      privateMetadata: JSON.stringify({ channelId: picked.channelId, source }),
    }),
  });
};

// Slack sends message text with mrkdwn entities; the form shows plain text. A labelled link reads as its
// label, or as "label (url)" where the address must survive (Slack shows the label, the URL is one click away).
function plain(text: string, links: 'label' | 'label (url)'): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, (_whole, target: string, label: string) =>
      links === 'label (url)' && /^(https?|mailto):/.test(target) ? `${label} (${target})` : label,
    )
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
