import type { KnownBlock, View } from '@slack/types';
import { type MilestoneName, type Milestones, milestoneNames } from '../../incidents/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { noteTypes } from '../../timeline/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

const f = ids.timelineForms;

function plain(copy: Copy, key: string) {
  return { type: 'plain_text' as const, text: copy.render(key), emoji: true };
}

/** The "Add a note" form opened from the card: text, optional type, optional time. */
export function noteModalView(copy: Copy, model: { incidentId: number }): View {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: f.text,
      label: plain(copy, 'timeline.note_text_label'),
      element: {
        type: 'plain_text_input',
        action_id: f.text,
        multiline: true,
        max_length: 3000,
        placeholder: plain(copy, 'timeline.note_text_placeholder'),
      },
    },
    {
      type: 'input',
      block_id: f.type,
      optional: true,
      label: plain(copy, 'timeline.note_type_label'),
      element: {
        type: 'static_select',
        action_id: f.type,
        options: noteTypes.map((type) => ({ text: { type: 'plain_text' as const, text: type }, value: type })),
      },
    },
    {
      type: 'input',
      block_id: f.when,
      optional: true,
      label: plain(copy, 'timeline.note_when_label'),
      element: { type: 'datetimepicker', action_id: f.when },
    },
  ];
  return {
    type: 'modal',
    callback_id: ids.views.note,
    title: plain(copy, 'timeline.note_title'),
    submit: plain(copy, 'timeline.note_submit'),
    close: plain(copy, 'modal.cancel'),
    private_metadata: JSON.stringify({ incidentId: model.incidentId }),
    blocks,
  };
}

/** The Milestones form: one date-time per milestone, prefilled with what is known. */
export function milestonesModalView(copy: Copy, model: { incidentId: number; milestones: Milestones }): View {
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      block_id: 'ms_hint',
      elements: [{ type: 'mrkdwn', text: copy.render('timeline.milestones_hint') }],
    },
  ];
  for (const name of milestoneNames) {
    const at = model.milestones[name as MilestoneName];
    blocks.push({
      type: 'input',
      block_id: `ms_${name}`,
      optional: true,
      label: { type: 'plain_text', text: name.charAt(0).toUpperCase() + name.slice(1) },
      element: {
        type: 'datetimepicker',
        action_id: name,
        ...(at ? { initial_date_time: Math.floor(at.getTime() / 1000) } : {}),
      },
    });
  }
  return {
    type: 'modal',
    callback_id: ids.views.milestones,
    title: plain(copy, 'timeline.milestones_title'),
    submit: plain(copy, 'timeline.milestones_submit'),
    close: plain(copy, 'modal.cancel'),
    private_metadata: JSON.stringify({ incidentId: model.incidentId }),
    blocks,
  };
}

/** "Add to incident timeline" when several incidents are open: pick one. */
export function pickIncidentModalView(
  copy: Copy,
  model: { incidents: Array<{ id: number; label: string }>; quote: string; privateMetadata: string },
): View {
  const options = model.incidents.slice(0, 100).map((incident) => ({
    text: { type: 'plain_text' as const, text: truncate(incident.label, 75) },
    value: String(incident.id),
  }));
  return {
    type: 'modal',
    callback_id: ids.views.addToTimeline,
    title: plain(copy, 'timeline.pick_title'),
    submit: plain(copy, 'timeline.pick_submit'),
    close: plain(copy, 'modal.cancel'),
    private_metadata: model.privateMetadata,
    blocks: [
      {
        type: 'section',
        block_id: 'pick_quote',
        text: {
          type: 'mrkdwn',
          text: truncate(copy.render('timeline.pick_quote', { text: model.quote || '(no text)' }), 3000),
        },
      },
      {
        type: 'input',
        block_id: f.incident,
        label: plain(copy, 'timeline.pick_label'),
        element: { type: 'static_select', action_id: f.incident, options },
      },
    ],
  };
}
