import type { KnownBlock } from '@slack/types';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { type Postmortem, statusLabels } from '../../postmortems/index.ts';
import { ids } from '../ids.ts';
import { type Proposal, proposalBlocks } from './action-proposals.ts';
import { mention, slackDate, truncate } from './format.ts';

export type PostmortemMessageModel = {
  incident: Incident;
  postmortem: Postmortem;
  canvasUrl: string;
  /** The incident's pending follow-ups, each offered with *Accept*. */
  proposals?: Proposal[];
};

/** The postmortem's message in the incident channel: where it stands, and the four buttons that move it. */
export function postmortemMessage(copy: Copy, model: PostmortemMessageModel): { text: string; blocks: KnownBlock[] } {
  const { incident, postmortem } = model;
  const text = copy.render('postmortems.message', {
    ref: incidentRef(incident),
    status: statusLabels[postmortem.status],
    due: postmortem.dueDate,
    owner: mention(postmortem.ownerId),
    canvas: model.canvasUrl,
  });
  const notes = [
    postmortem.status === 'published' && postmortem.firstPublishedAt && postmortem.publishedBy
      ? copy.render('postmortems.published_hint', {
          at: slackDate(postmortem.firstPublishedAt),
          by: mention(postmortem.publishedBy),
          on_time: postmortem.publishedOnTime === true,
        })
      : copy.render('postmortems.message_hint'),
    ...(postmortem.reviewers.length > 0
      ? [copy.render('postmortems.reviewers', { reviewers: postmortem.reviewers.map(mention).join(', ') })]
      : []),
  ];
  const button = (actionId: string, key: string, style?: 'primary') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: copy.render(key) },
    value: String(incident.id),
    ...(style ? { style } : {}),
  });
  return {
    text,
    blocks: [
      { type: 'section', block_id: 'postmortem_status', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
      {
        type: 'context',
        block_id: 'postmortem_notes',
        elements: notes.map((note) => ({ type: 'mrkdwn' as const, text: truncate(note, 3000) })),
      },
      {
        type: 'actions',
        block_id: 'postmortem_actions',
        elements: [
          button(ids.actions.postmortemWriteUp, 'postmortems.button_write_up', 'primary'),
          button(ids.actions.postmortemRegenerate, 'postmortems.button_regenerate'),
          button(ids.actions.postmortemReview, 'postmortems.button_review'),
          button(ids.actions.postmortemPublish, 'postmortems.button_publish'),
          button(ids.actions.actionAdd, 'actions.button_add'),
        ],
      },
      ...proposalBlocks(copy, { ref: incidentRef(incident), proposals: model.proposals ?? [] }),
    ],
  };
}

/** The card's line about the postmortem ("Postmortem: draft · due … · owner …"). */
export function postmortemCardLine(copy: Copy, postmortem: Pick<Postmortem, 'status' | 'dueDate' | 'ownerId'>): string {
  return copy.render('postmortems.card_line', {
    status: statusLabels[postmortem.status],
    due: postmortem.dueDate,
    owner: mention(postmortem.ownerId),
  });
}

/** The ephemeral answer to `/incident postmortem`: where it stands, with the same buttons as the channel message. */
export function postmortemReply(copy: Copy, lead: string, model: PostmortemMessageModel): KnownBlock[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lead, 3000) } },
    ...postmortemMessage(copy, model).blocks.filter((block) => block.type === 'actions'),
  ];
}
