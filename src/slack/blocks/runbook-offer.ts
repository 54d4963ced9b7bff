import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import type { Runbook } from '../../runbooks/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

/** A run started from this offer: who started it, and whether it is done. */
export type OfferedRun = { startedBy: string; completed: boolean };

/**
 * Offers the runbooks that match an incident, each with a Start button until someone starts it from
 * here (then who started it, and later that it completed), and notes services with none.
 */
export function runbookOfferMessage(
  copy: Copy,
  model: { incidentId: number; runbooks: Runbook[]; missing: string[]; runs?: ReadonlyMap<string, OfferedRun> },
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  const lines: string[] = [];
  if (model.runbooks.length > 0) {
    lines.push(copy.render('runbooks.offer_intro', { count: model.runbooks.length }));
    blocks.push({ type: 'section', block_id: 'offer_intro', text: { type: 'mrkdwn', text: lines[0] as string } });
    model.runbooks.slice(0, 10).forEach((runbook, index) => {
      const item = copy.render('runbooks.offer_item', {
        title: runbook.title,
        name: runbook.name,
        description: runbook.description,
      });
      const run = model.runs?.get(runbook.name);
      if (run) {
        const state = copy.render(run.completed ? 'runbooks.offer_completed' : 'runbooks.offer_started', {
          starter: `<@${run.startedBy}>`,
        });
        blocks.push({
          type: 'section',
          block_id: `offer_${index}`,
          text: { type: 'mrkdwn', text: truncate(`${item}\n${state}`, 3000) },
        });
        return;
      }
      blocks.push({
        type: 'section',
        block_id: `offer_${index}`,
        text: { type: 'mrkdwn', text: truncate(item, 3000) },
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
    const missing = copy.render('runbooks.missing', {
      services: model.missing.join(', '),
      closest: model.runbooks[0]?.title ?? '',
    });
    lines.push(missing);
    blocks.push({
      type: 'context',
      block_id: 'offer_missing',
      elements: [{ type: 'mrkdwn', text: truncate(missing, 3000) }],
    });
  }
  return { text: lines.join('\n'), blocks };
}
