import type { KnownBlock } from '@slack/types';
import type { Incident } from '../../incidents/index.ts';
import { formatDuration, incidentRef, incidentSpan, incidentStatuses } from '../../incidents/index.ts';
import { type Copy, escapeMrkdwn } from '../../platform/copy.ts';
import type { Postmortem } from '../../postmortems/index.ts';
import { ids } from '../ids.ts';
import { capitalise, mention, slackDate, truncate } from './format.ts';
import { postmortemCardLine } from './postmortem-message.ts';

export type IncidentCardModel = {
  incident: Incident;
  severityLabel: string;
  roles: Array<{ id: string; name: string; holderId: string | undefined }>;
  permalink: string | undefined;
  updatedAt: Date;
  /** Progress of each runbook run in the incident. */
  runbooks?: Array<{ title: string; settled: number; total: number; completed: boolean }>;
  postmortem?: Pick<Postmortem, 'status' | 'dueDate' | 'ownerId'> | undefined;
};

/** The pinned card: current state of the incident and the buttons that drive it. */
export function incidentCardBlocks(copy: Copy, model: IncidentCardModel): KnownBlock[] {
  const { incident } = model;
  const icon = incident.status === 'resolved' || incident.status === 'closed' ? ':white_check_mark:' : ':fire:';
  const fields = [
    copy.render('card.severity', { severity: model.severityLabel }),
    copy.render('card.status', { status: capitalise(incident.status) }),
    ...model.roles.map((role) =>
      copy.render('card.role', { name: role.name, holder: role.holderId && mention(role.holderId) }),
    ),
    copy.render('card.started', { started: incident.startedAt && slackDate(incident.startedAt) }),
    copy.render('card.declared', { declared: slackDate(incident.declaredAt), declarer: mention(incident.declaredBy) }),
  ].slice(0, 10);
  const button = (actionId: string, key: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: copy.render(key), emoji: true },
    value: String(incident.id),
    ...(style ? { style } : {}),
  });
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(
          copy.render('card.header', {
            icon,
            ref: incidentRef(incident),
            title: incident.title,
            drill: incident.isDrill,
          }),
          150,
        ),
        emoji: true,
      },
    },
    {
      type: 'section',
      block_id: 'card_fields',
      fields: fields.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, 2000) })),
    },
  ];
  if (incident.customerImpact) {
    blocks.push({
      type: 'section',
      block_id: 'card_impact',
      text: { type: 'mrkdwn', text: truncate(copy.render('card.impact', { impact: incident.customerImpact }), 3000) },
    });
  }
  const progress = (model.runbooks ?? []).map((run) => copy.render('card.runbook_progress', run));
  if (progress.length > 0) {
    blocks.push({
      type: 'context',
      block_id: 'card_runbooks',
      elements: progress.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, 3000) })),
    });
  }
  if (model.postmortem) {
    blocks.push({
      type: 'context',
      block_id: 'card_postmortem',
      elements: [{ type: 'mrkdwn', text: postmortemCardLine(copy, model.postmortem) }],
    });
  }
  const span = incidentSpan(incident, model.updatedAt);
  const context = [
    copy.render('card.duration', {
      duration: formatDuration(span.from, span.to),
      resolved: Boolean(incident.resolvedAt),
    }),
    copy.render('card.context', {
      services: incident.services.join(', '),
      private: incident.isPrivate,
      drill: incident.isDrill,
      updated: slackDate(model.updatedAt),
    }),
  ];
  if (model.permalink) context.push(copy.render('card.source', { permalink: model.permalink }));
  blocks.push({
    type: 'context',
    block_id: 'card_context',
    elements: context.map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, 3000) })),
  });
  blocks.push({
    type: 'actions',
    block_id: 'card_actions',
    elements: [
      button(ids.actions.cardUpdate, 'card.button_update', 'primary'),
      button(ids.actions.cardSeverity, 'card.button_severity'),
      button(ids.actions.cardRoles, 'card.button_roles'),
      button(ids.actions.cardNote, 'card.button_note'),
      button(ids.actions.cardMilestones, 'card.button_milestones'),
      button(ids.actions.cardRunbook, 'card.button_runbook'),
      button(ids.actions.actionAdd, 'actions.button_add'),
      button(ids.actions.cardResolve, 'card.button_resolve', 'danger'),
      statusSelect(copy, incident.status),
    ],
  });
  return blocks;
}

// Every status is offered; the lifecycle rule answers an impossible move with what is possible.
function statusSelect(copy: Copy, status: Incident['status']) {
  const option = (value: string) => ({ text: { type: 'plain_text' as const, text: capitalise(value) }, value });
  return {
    type: 'static_select' as const,
    action_id: ids.actions.cardStatus,
    placeholder: { type: 'plain_text' as const, text: copy.render('card.status_placeholder') },
    options: incidentStatuses.map(option),
    initial_option: option(status),
  };
}

/** Plain-text version of the card for notifications and clients without blocks. */
export function incidentCardText(model: IncidentCardModel): string {
  return `${incidentRef(model.incident)} · ${model.severityLabel} · ${capitalise(model.incident.status)} · ${escapeMrkdwn(model.incident.title)}`;
}
