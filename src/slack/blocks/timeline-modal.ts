import type { KnownBlock, View } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';
import { formatInZone, plainSlackText, type TimelineItem } from '../../timeline/index.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

// 20 entries plus header, counts, page line, dividers and buttons stay far below 100 blocks per view.
export const timelinePageSize = 20;

export type TimelineModalModel = {
  incidentId: number;
  ref: string;
  title: string;
  timeZone: string;
  page: number;
  keyItems: TimelineItem[];
  counts: Record<string, number>;
  names: ReadonlyMap<string, string>;
  exportQueued: boolean;
};

/** Pages in a timeline of `total` key items (at least one, the empty page). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / timelinePageSize));
}

/** The /incident timeline modal: counts by kind, one page of key moments, paging and export buttons. */
export function timelineModalView(copy: Copy, model: TimelineModalModel): View {
  const pages = pageCount(model.keyItems.length);
  const page = Math.min(Math.max(0, model.page), pages - 1);
  const shown = model.keyItems.slice(page * timelinePageSize, (page + 1) * timelinePageSize);
  const counts = Object.entries(model.counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind.replace(/_/g, ' ')}: ${n}`)
    .join(' · ');
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'tl_header',
      text: {
        type: 'mrkdwn',
        text: truncate(copy.render('timeline.modal_header', { ref: model.ref, title: model.title }), 3000),
      },
    },
    {
      type: 'context',
      block_id: 'tl_counts',
      elements: [
        { type: 'mrkdwn', text: truncate(copy.render('timeline.modal_counts', { counts: counts || '0' }), 3000) },
      ],
    },
    {
      type: 'context',
      block_id: 'tl_page',
      elements: [
        {
          type: 'mrkdwn',
          text: copy.render('timeline.modal_page', {
            from: shown.length ? page * timelinePageSize + 1 : 0,
            to: page * timelinePageSize + shown.length,
            total: model.keyItems.length,
            zone: model.timeZone,
          }),
        },
      ],
    },
    ...(model.exportQueued
      ? [
          {
            type: 'context' as const,
            block_id: 'tl_export_queued',
            elements: [{ type: 'mrkdwn' as const, text: copy.render('timeline.export_queued') }],
          },
        ]
      : []),
    { type: 'divider', block_id: 'tl_divider' },
  ];
  if (shown.length === 0)
    blocks.push({
      type: 'section',
      block_id: 'tl_empty',
      text: { type: 'mrkdwn', text: copy.render('timeline.modal_empty') },
    });
  for (const item of shown) {
    const text = copy.render('timeline.modal_entry', {
      time: formatInZone(item.occurredAt, model.timeZone),
      label: (item.noteType ?? item.kind).replace(/_/g, ' '),
      who: item.actorId ? `@${model.names.get(item.actorId) ?? item.actorId}` : 'Firebreak',
      deleted: item.deleted,
      edited: item.previousTexts.length > 0,
      text: truncate(plainSlackText(item.text, model.names), 2500),
    });
    blocks.push({
      type: 'section',
      block_id: `tl_item_${item.id}`,
      text: { type: 'mrkdwn', text: truncate(text, 3000) },
    });
  }
  const button = (actionId: string, key: string, value: string, style?: 'primary') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: copy.render(key), emoji: true },
    value,
    ...(style ? { style } : {}),
  });
  const elements = [
    ...(page > 0
      ? [button(ids.actions.timelinePrevious, 'timeline.button_previous', `${model.incidentId}:${page - 1}`)]
      : []),
    ...(page < pages - 1
      ? [button(ids.actions.timelineNext, 'timeline.button_next', `${model.incidentId}:${page + 1}`)]
      : []),
    button(ids.actions.timelineExport, 'timeline.button_export', String(model.incidentId), 'primary'),
  ];
  blocks.push({ type: 'actions', block_id: 'tl_actions', elements });
  return {
    type: 'modal',
    callback_id: ids.views.timeline,
    title: { type: 'plain_text', text: copy.render('timeline.modal_title') },
    close: { type: 'plain_text', text: copy.render('timeline.modal_close') },
    private_metadata: JSON.stringify({ incidentId: model.incidentId, page }),
    blocks,
  };
}
