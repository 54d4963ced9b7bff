import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import type { RunbookRun, RunStep } from '../../runbooks/index.ts';
import { ids } from '../ids.ts';
import { mention, slackDate, truncate } from './format.ts';

const icons = {
  pending: ':white_square:',
  done: ':white_check_mark:',
  skipped: ':fast_forward:',
  bypassed: ':heavy_minus_sign:',
} as const;

/** A run as an interactive checklist: each pending step has done/skip buttons, decisions their branches. */
export function runbookChecklist(
  copy: Copy,
  run: RunbookRun,
  steps: RunStep[],
): { text: string; blocks: KnownBlock[] } {
  const settled = steps.filter((s) => s.state !== 'pending').length;
  const text = copy.render('runbooks.checklist_title', {
    title: run.title,
    settled,
    total: steps.length,
    completed: run.status === 'completed',
  });
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'run_title', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
    {
      type: 'context',
      block_id: 'run_context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            copy.render('runbooks.checklist_context', {
              starter: mention(run.startedBy),
              started: slackDate(run.startedAt),
            }),
            3000,
          ),
        },
      ],
    },
  ];
  steps.forEach((step, index) => {
    const outcome =
      step.state === 'pending'
        ? ''
        : copy.render(`runbooks.step_${step.state}`, {
            who: step.actorId && mention(step.actorId),
            when: step.at && slackDate(step.at),
            reason: step.reason,
            branch: step.branch,
          });
    const body = copy.render('runbooks.step', {
      icon: icons[step.state],
      number: index + 1,
      title: step.title,
      detail: step.detail,
      verification: step.verification ?? false,
      outcome,
    });
    blocks.push({ type: 'section', block_id: `step_${index}`, text: { type: 'mrkdwn', text: truncate(body, 3000) } });
    if (step.state !== 'pending' || run.status === 'completed') return;
    const value = `${run.id}:${step.id}`;
    const button = (actionId: string, label: string, buttonValue: string, style?: 'primary') => ({
      type: 'button' as const,
      action_id: actionId,
      text: { type: 'plain_text' as const, text: truncate(label, 75), emoji: true },
      value: buttonValue,
      ...(style ? { style } : {}),
    });
    const elements = step.decision
      ? step.decision.map((branch, n) => button(`${ids.actions.runbookBranch}.${n}`, branch.label, `${value}:${n}`))
      : [
          button(
            ids.actions.runbookStepDone,
            copy.render(step.verification ? 'runbooks.button_verified' : 'runbooks.button_done'),
            value,
            'primary',
          ),
        ];
    elements.push(button(ids.actions.runbookStepSkip, copy.render('runbooks.button_skip'), value));
    blocks.push({ type: 'actions', block_id: `step_actions_${index}`, elements });
  });
  return { text, blocks: blocks.slice(0, 50) };
}
