import type { KnownBlock, View } from '@slack/types';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { type Confidence, confidenceLevels } from '../../updates/index.ts';
import { ids } from '../ids.ts';
import { capitalise, mention, slackDate, truncate } from './format.ts';

export type UpdateMessageModel = {
  incident: Pick<Incident, 'number' | 'title' | 'status'>;
  severityLabel: string;
  authorId: string;
  status: string;
  impact: string;
  actions: string;
  eta: string;
  confidence: Confidence | null | undefined;
  nextUpdateAt: Date | undefined;
};

/** Exactly what stakeholders read (the modal's preview uses the same builder). */
export function stakeholderUpdateMessage(
  copy: Copy,
  model: UpdateMessageModel,
): { text: string; blocks: KnownBlock[] } {
  const text = copy.render('updates.headline', {
    ref: incidentRef(model.incident),
    severity: model.severityLabel,
    title: model.incident.title,
    state: capitalise(model.incident.status),
  });
  const field = (key: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: truncate(copy.render(key, { value }), 2000),
  });
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'update_headline', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
    {
      type: 'section',
      block_id: 'update_status',
      text: { type: 'mrkdwn', text: truncate(copy.render('updates.status', { value: model.status }), 3000) },
    },
    {
      type: 'section',
      block_id: 'update_fields',
      fields: [field('updates.impact', model.impact), field('updates.actions', model.actions)],
    },
    {
      type: 'context',
      block_id: 'update_context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            copy.render('updates.context', {
              eta: model.eta,
              confidence: model.confidence ?? '',
              next: model.nextUpdateAt ? slackDate(model.nextUpdateAt) : '',
              author: mention(model.authorId),
            }),
            3000,
          ),
        },
      ],
    },
  ];
  return { text, blocks };
}

const f = ids.updateModal;

export type UpdateModalModel = {
  incidentId: number;
  ref: string;
  cadenceMinutes: number | undefined;
  preview?: KnownBlock[];
};

/** The stakeholder update form; a Preview button redraws it with the message as it will be read. */
export function stakeholderUpdateView(copy: Copy, model: UpdateModalModel): View {
  const label = (key: string) => ({ type: 'plain_text' as const, text: copy.render(key) });
  const textInput = (id: string, key: string, multiline: boolean, optional = false) => ({
    type: 'input' as const,
    block_id: id,
    optional,
    label: label(`updates.label_${key}`),
    element: {
      type: 'plain_text_input' as const,
      action_id: id,
      multiline,
      max_length: multiline ? 1500 : 150,
      placeholder: label(`updates.placeholder_${key}`),
    },
  });
  const confidenceOptions = confidenceLevels.map((level) => ({
    text: label(`updates.confidence_${level}`),
    value: level,
  }));
  const blocks: KnownBlock[] = [
    textInput(f.status, 'status', true),
    textInput(f.impact, 'impact', true),
    textInput(f.actions, 'actions', true),
    {
      type: 'input',
      block_id: f.next,
      optional: true,
      label: label('updates.label_next'),
      hint: { type: 'plain_text', text: copy.render('updates.hint_next', { cadence: model.cadenceMinutes ?? '' }) },
      element: {
        type: 'number_input',
        action_id: f.next,
        is_decimal_allowed: false,
        min_value: '5',
        max_value: '1440',
      },
    },
    textInput(f.eta, 'eta', false, true),
    {
      type: 'input',
      block_id: f.confidence,
      optional: true,
      label: label('updates.label_confidence'),
      element: { type: 'static_select', action_id: f.confidence, options: confidenceOptions },
    },
    {
      type: 'actions',
      block_id: f.preview,
      elements: [
        {
          type: 'button',
          action_id: ids.actions.updatePreview,
          text: label('updates.button_preview'),
          value: String(model.incidentId),
        },
      ],
    },
  ];
  if (model.preview) {
    blocks.push(
      { type: 'divider' },
      {
        type: 'context',
        block_id: 'preview_label',
        elements: [{ type: 'mrkdwn', text: copy.render('updates.preview_label') }],
      },
    );
    blocks.push(
      ...model.preview.map(
        (block) => ({ ...block, block_id: `preview_${(block as { block_id?: string }).block_id ?? ''}` }) as KnownBlock,
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: ids.views.stakeholderUpdate,
    title: { type: 'plain_text', text: truncate(copy.render('updates.modal_title', { ref: model.ref }), 24) },
    submit: label('updates.modal_submit'),
    close: label('modal.cancel'),
    private_metadata: JSON.stringify({ incidentId: model.incidentId }),
    blocks,
  };
}
