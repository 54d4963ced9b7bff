import type { View } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import type { Runbook } from '../../runbooks/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';
import { formModal } from './modal.ts';

const m = ids.runbookModal;

/** Pick a runbook to start; the ones matching the incident come first. */
export function runbookPickView(
  copy: Copy,
  model: { incidentId: number; matching: Runbook[]; others: Runbook[] },
): View {
  const option = (runbook: Runbook) => ({
    text: { type: 'plain_text' as const, text: truncate(runbook.title, 75) },
    value: runbook.name,
  });
  const groups = [
    { label: copy.render('runbooks.pick_matching'), options: model.matching.map(option) },
    { label: copy.render('runbooks.pick_others'), options: model.others.map(option) },
  ].filter((g) => g.options.length > 0);
  return formModal(copy, {
    callbackId: ids.views.runbookPick,
    titleKey: 'runbooks.pick_title',
    submitKey: 'runbooks.pick_submit',
    metadata: { incidentId: model.incidentId },
    blocks: [
      {
        type: 'input',
        block_id: m.runbook,
        label: { type: 'plain_text', text: copy.render('runbooks.pick_label') },
        element: {
          type: 'static_select',
          action_id: m.runbook,
          option_groups: groups.map((g) => ({
            label: { type: 'plain_text' as const, text: truncate(g.label, 75) },
            options: g.options.slice(0, 100),
          })),
        },
      },
    ],
  });
}

/** Asks why a step is skipped; the reason goes on the timeline. */
export function skipStepView(copy: Copy, model: { runId: number; stepId: string; stepTitle: string }): View {
  return formModal(copy, {
    callbackId: ids.views.runbookSkip,
    titleKey: 'runbooks.skip_title',
    submitKey: 'runbooks.skip_submit',
    metadata: { runId: model.runId, stepId: model.stepId },
    blocks: [
      {
        type: 'section',
        block_id: 'step',
        text: { type: 'mrkdwn', text: truncate(copy.render('runbooks.skip_step', { title: model.stepTitle }), 3000) },
      },
      {
        type: 'input',
        block_id: m.reason,
        label: { type: 'plain_text', text: copy.render('runbooks.skip_label') },
        element: {
          type: 'plain_text_input',
          action_id: m.reason,
          max_length: 500,
          placeholder: { type: 'plain_text', text: copy.render('runbooks.skip_placeholder') },
        },
      },
    ],
  });
}
