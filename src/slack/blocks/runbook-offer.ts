import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import type { Runbook } from '../../runbooks/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

/** Offers the runbooks that match an incident, each with a Start button, and notes services with none. */
export function runbookOfferMessage(
  copy: Copy,
  model: { incidentId: number; runbooks: Runbook[]; missing: string[] },
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  const lines: string[] = [];
  if (model.runbooks.length > 0) {
    lines.push(copy.render('runbooks.offer_intro', { count: model.runbooks.length }));
    blocks.push({ type: 'section', block_id: 'offer_intro', text: { type: 'mrkdwn', text: lines[0] as string } });
    model.runbooks.slice(0, 10).forEach((runbook, index) => {
      blocks.push({
        type: 'section',
        block_id: `offer_${index}`,
        text: {
          type: 'mrkdwn',
          text: truncate(
            copy.render('runbooks.offer_item', {
              title: runbook.title,
              name: runbook.name,
              description: runbook.description,
            }),
            3000,
          ),
        },
        accessory: {
          type: 'button',
          action_id: ids.actions.runbookStart,
          text: { type: 'plain_text', text: copy.render('runbooks.button_start') },
          value: `${model.incidentId}:${runbook.name}`,
        },
      });
    });
  }
  if (model.missing.length > 0) {
    const missing = copy.render('runbooks.missing', { services: model.missing.join(', ') });
    lines.push(missing);
    blocks.push({
      type: 'context',
      block_id: 'offer_missing',
      elements: [{ type: 'mrkdwn', text: truncate(missing, 3000) }],
    });
  }
  return { text: lines.join('\n'), blocks };
}
