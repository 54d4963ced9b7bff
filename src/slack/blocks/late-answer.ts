import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';

/**
 * An answer that reaches the person after Firebreak had already answered for it (through response_url):
 * the listener's own message, led by the notice that it was saved and answered late.
 */
export function lateAnswerMessage(
  copy: Copy,
  answer: { text?: string; blocks?: KnownBlock[] },
): { response_type: 'ephemeral'; replace_original: false; text: string; blocks?: KnownBlock[] } {
  const text = copy.render('inbox.answered_late', { text: answer.text ?? '' });
  if (!answer.blocks || answer.blocks.length === 0)
    return { response_type: 'ephemeral', replace_original: false, text };
  const notice: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: copy.render('inbox.answered_late', { text: '' }) }],
  };
  return { response_type: 'ephemeral', replace_original: false, text, blocks: [notice, ...answer.blocks] };
}
