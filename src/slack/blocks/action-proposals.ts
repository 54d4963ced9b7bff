import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

/** A follow-up noticed during the incident, offered as an action. */
export type Proposal = { id: number; text: string };

// A message holds 50 blocks; the intro and the postmortem's own blocks leave room for this many.
const maxProposals = 20;

/** Each proposal with an *Accept* button (its value the follow-up's id); nothing when there are none. */
export function proposalBlocks(copy: Copy, model: { ref: string; proposals: Proposal[] }): KnownBlock[] {
  if (model.proposals.length === 0) return [];
  return [
    {
      type: 'section',
      block_id: 'action_proposals',
      text: { type: 'mrkdwn', text: copy.render('actions.proposals_intro', { ref: model.ref }) },
    },
    ...model.proposals.slice(0, maxProposals).map(
      (proposal): KnownBlock => ({
        type: 'section',
        block_id: `action_proposal:${proposal.id}`,
        text: { type: 'mrkdwn', text: truncate(copy.render('actions.proposal_line', { text: proposal.text }), 3000) },
        accessory: {
          type: 'button',
          action_id: ids.actions.actionAcceptProposal,
          text: { type: 'plain_text', text: copy.render('actions.button_accept') },
          value: String(proposal.id),
        },
      }),
    ),
  ];
}
