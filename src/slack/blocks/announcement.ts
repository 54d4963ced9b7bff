import type { KnownBlock } from '@slack/types';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { mention, truncate } from './format.ts';

/** What the announcement channel reads when an incident is declared (never for private incidents). */
export function announcementMessage(
  copy: Copy,
  model: { incident: Incident; severityLabel: string; commanderId: string },
) {
  const { incident } = model;
  const text = copy.render('declare.announcement', {
    ref: incidentRef(incident),
    severity: model.severityLabel,
    title: incident.title,
    drill: incident.isDrill,
  });
  const details = copy.render('declare.announcement_details', {
    commander: mention(model.commanderId),
    channel: `<#${incident.channelId}>`,
    impact: incident.customerImpact,
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(details, 3000) }] },
  ];
  return { text, blocks };
}
