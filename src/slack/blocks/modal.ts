import type { KnownBlock, View } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { truncate } from './format.ts';

/** Slack cuts modal titles and buttons at 24 characters. */
const modalText = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 24) });

/** A form: title and submit from the copy, Cancel, what the submission needs to know, and the blocks. */
export function formModal(
  copy: Copy,
  form: {
    callbackId: string;
    titleKey: string;
    submitKey: string;
    metadata: Record<string, unknown>;
    blocks: KnownBlock[];
  },
): View {
  return {
    type: 'modal',
    callback_id: form.callbackId,
    title: modalText(copy.render(form.titleKey)),
    submit: modalText(copy.render(form.submitKey)),
    close: modalText(copy.render('modal.cancel')),
    private_metadata: JSON.stringify(form.metadata),
    blocks: form.blocks,
  };
}

/** A modal with one paragraph and a Close button: what a refused form is replaced with. */
export function noticeModal(copy: Copy, notice: { titleKey: string; text: string }): View {
  return {
    type: 'modal',
    title: modalText(copy.render(notice.titleKey)),
    close: modalText(copy.render('modal.close')),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(notice.text, 3000) } }],
  };
}
