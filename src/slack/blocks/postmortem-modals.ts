import type { KnownBlock, View } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import {
  type HumanSections,
  humanSectionIds,
  humanSectionLabels,
  maxSectionLength,
  type SectionFlag,
} from '../../postmortems/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';
import { formModal, noticeModal } from './modal.ts';

/** *Write up*: the human sections, pre-filled with what is there, each up to Slack's 3,000 characters. */
export function writeUpModal(copy: Copy, model: { incidentId: number; human: HumanSections }): View {
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: copy.render('postmortems.write_up_intro') }] },
    ...humanSectionIds.map(
      (id): KnownBlock => ({
        type: 'input',
        block_id: id,
        optional: true,
        label: { type: 'plain_text', text: humanSectionLabels[id] },
        ...(id === 'contributing_factors'
          ? { hint: { type: 'plain_text' as const, text: copy.render('postmortems.factors_hint') } }
          : {}),
        element: {
          type: 'plain_text_input',
          action_id: id,
          multiline: true,
          max_length: maxSectionLength,
          ...(model.human[id] ? { initial_value: model.human[id] } : {}),
        },
      }),
    ),
  ];
  return formModal(copy, {
    callbackId: ids.views.postmortemWriteUp,
    titleKey: 'postmortems.write_up_title',
    submitKey: 'postmortems.write_up_submit',
    metadata: { incidentId: model.incidentId },
    blocks,
  });
}

/** After a write-up: saved, and each phrase that may read as blame with a suggested rewording. */
export function writeUpSavedModal(copy: Copy, model: { version: number; flags: SectionFlag[] }): View {
  if (model.flags.length === 0)
    return noticeModal(copy, {
      titleKey: 'postmortems.saved_title',
      text: copy.render('postmortems.saved_clean', { version: model.version }),
    });
  const view = noticeModal(copy, {
    titleKey: 'postmortems.saved_title',
    text: copy.render('postmortems.saved_flags', { version: model.version, count: model.flags.length }),
  });
  return { ...view, blocks: [...view.blocks, ...flagBlocks(copy, model.flags)] };
}

export function flagBlocks(copy: Copy, flags: SectionFlag[]): KnownBlock[] {
  // A modal holds 100 blocks; twenty flags are plenty to act on.
  return flags.slice(0, 20).map((flag) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        copy.render('postmortems.flag_line', {
          section: flag.label,
          phrase: flag.phrase,
          why: flag.why,
          suggestion: flag.suggestion,
        }),
        3000,
      ),
    },
  }));
}

/** *Request review*: who reviews (a DM each). */
export function reviewModal(copy: Copy, model: { incidentId: number; reviewers: string[] }): View {
  return formModal(copy, {
    callbackId: ids.views.postmortemReview,
    titleKey: 'postmortems.review_title',
    submitKey: 'postmortems.review_submit',
    metadata: { incidentId: model.incidentId },
    blocks: [
      {
        type: 'input',
        block_id: ids.postmortemModal.reviewers,
        label: { type: 'plain_text', text: copy.render('postmortems.reviewers_label') },
        hint: { type: 'plain_text', text: copy.render('postmortems.reviewers_hint') },
        element: {
          type: 'multi_users_select',
          action_id: ids.postmortemModal.reviewers,
          max_selected_items: 10,
          ...(model.reviewers.length > 0 ? { initial_users: model.reviewers } : {}),
        },
      },
    ],
  });
}

/** *Publish* with flagged phrases left: shows them and asks why (audited). */
export function publishReasonModal(copy: Copy, model: { incidentId: number; flags: SectionFlag[] }): View {
  return formModal(copy, {
    callbackId: ids.views.postmortemPublish,
    titleKey: 'postmortems.publish_title',
    submitKey: 'postmortems.publish_submit',
    metadata: { incidentId: model.incidentId },
    blocks: [
      ...flagBlocks(copy, model.flags),
      {
        type: 'input',
        block_id: ids.postmortemModal.reason,
        label: { type: 'plain_text', text: copy.render('postmortems.publish_reason_label') },
        hint: { type: 'plain_text', text: copy.render('postmortems.publish_reason_hint') },
        element: { type: 'plain_text_input', action_id: ids.postmortemModal.reason, multiline: true, max_length: 500 },
      },
    ],
  });
}
