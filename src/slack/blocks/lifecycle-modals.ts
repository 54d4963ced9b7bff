import type { KnownBlock, View } from '@slack/types';
import type { FirebreakConfig } from '../../config/firebreak-config.ts';
import { type Incident, incidentRef } from '../../incidents/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';
import { formModal } from './modal.ts';

const f = ids.lifecycleModal;
const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75), emoji: true });

function severityOptions(config: FirebreakConfig) {
  return config.severities.map((s) => ({
    text: plain(`${s.label ?? s.name}${s.description ? ` · ${s.description}` : ''}`),
    value: s.name,
  }));
}

function modal(
  copy: Copy,
  callbackId: string,
  titleKey: string,
  submitKey: string,
  incidentId: number,
  blocks: KnownBlock[],
  extra: Record<string, unknown> = {},
): View {
  return formModal(copy, { callbackId, titleKey, submitKey, metadata: { incidentId, ...extra }, blocks });
}

/** Severity select with a required reason. */
export function severityModalView(copy: Copy, config: FirebreakConfig, incident: Incident): View {
  const options = severityOptions(config);
  const current = options.find((o) => o.value === incident.severity);
  return modal(copy, ids.views.severity, 'severity.modal_title', 'severity.modal_submit', incident.id, [
    {
      type: 'input',
      block_id: f.severity,
      label: plain(copy.render('severity.select_label')),
      element: {
        type: 'static_select',
        action_id: f.severity,
        options,
        ...(current ? { initial_option: current } : {}),
      },
    },
    {
      type: 'input',
      block_id: f.reason,
      label: plain(copy.render('severity.reason_label')),
      element: {
        type: 'plain_text_input',
        action_id: f.reason,
        max_length: 500,
        placeholder: plain(copy.render('severity.reason_placeholder')),
      },
    },
  ]);
}

/** One user picker per role, prefilled with the current holders. */
export function rolesModalView(
  copy: Copy,
  config: FirebreakConfig,
  incident: Incident,
  holders: Array<{ role: string; userId: string }>,
): View {
  const blocks: KnownBlock[] = config.roles.map((role) => {
    const holder = holders.find((h) => h.role === role.id)?.userId;
    return {
      type: 'input',
      block_id: `${f.rolePrefix}${role.id}`,
      optional: true,
      label: plain(role.name),
      element: {
        type: 'users_select',
        action_id: `${f.rolePrefix}${role.id}`,
        ...(holder ? { initial_user: holder } : {}),
      },
    };
  });
  return modal(copy, ids.views.roles, 'roles.modal_title', 'roles.modal_submit', incident.id, blocks);
}

/** Resolution form: when, final severity, customer impact, change-induced and which change. */
export function resolveModalView(copy: Copy, config: FirebreakConfig, incident: Incident, now: Date): View {
  const options = severityOptions(config);
  const current = options.find((o) => o.value === incident.severity);
  const yes = { text: plain(copy.render('lifecycle.change_yes')), value: 'yes' };
  const no = { text: plain(copy.render('lifecycle.change_no')), value: 'no' };
  return modal(copy, ids.views.resolve, 'lifecycle.resolve_title', 'lifecycle.resolve_submit', incident.id, [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*${incidentRef(incident)}* · ${incident.title.replace(/[&<>]/g, '')}`, 3000),
      },
    },
    {
      type: 'input',
      block_id: f.resolvedAt,
      label: plain(copy.render('lifecycle.resolved_at_label')),
      element: { type: 'datetimepicker', action_id: f.resolvedAt, initial_date_time: Math.floor(now.getTime() / 1000) },
    },
    {
      type: 'input',
      block_id: f.severity,
      label: plain(copy.render('lifecycle.final_severity_label')),
      element: {
        type: 'static_select',
        action_id: f.severity,
        options,
        ...(current ? { initial_option: current } : {}),
      },
    },
    {
      type: 'input',
      block_id: f.impact,
      optional: true,
      label: plain(copy.render('lifecycle.impact_label')),
      element: {
        type: 'plain_text_input',
        action_id: f.impact,
        multiline: true,
        max_length: 2000,
        ...(incident.customerImpact ? { initial_value: incident.customerImpact } : {}),
        placeholder: plain(copy.render('lifecycle.impact_placeholder')),
      },
    },
    {
      type: 'input',
      block_id: f.changeInduced,
      label: plain(copy.render('lifecycle.change_label')),
      element: { type: 'radio_buttons', action_id: f.changeInduced, options: [no, yes], initial_option: no },
    },
    {
      type: 'input',
      block_id: f.change,
      optional: true,
      label: plain(copy.render('lifecycle.change_detail_label')),
      element: {
        type: 'plain_text_input',
        action_id: f.change,
        max_length: 500,
        placeholder: plain(copy.render('lifecycle.change_detail_placeholder')),
      },
    },
  ]);
}

/** The outgoing holder's handover brief. */
export function handoverModalView(
  copy: Copy,
  incident: Incident,
  handover: { role: string; roleName: string; toUserId: string },
): View {
  return modal(
    copy,
    ids.views.handover,
    'roles.handover_title',
    'roles.handover_submit',
    incident.id,
    [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: copy.render('roles.handover_intro', {
            role: handover.roleName,
            ref: incidentRef(incident),
            to: handover.toUserId,
          }),
        },
      },
      {
        type: 'input',
        block_id: f.brief,
        label: plain(copy.render('roles.brief_label')),
        element: {
          type: 'plain_text_input',
          action_id: f.brief,
          multiline: true,
          max_length: 2000,
          placeholder: plain(copy.render('roles.brief_placeholder')),
        },
      },
    ],
    { role: handover.role, to: handover.toUserId },
  );
}

/** Ephemeral shown to the holder when someone else starts a handover: a button opens the brief form. */
export function handoverPromptBlocks(
  copy: Copy,
  model: { incidentId: number; role: string; roleName: string; holder: string; actor: string; to: string },
): KnownBlock[] {
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: copy.render('roles.handover_prompt', {
          holder: model.holder,
          actor: model.actor,
          role: model.roleName,
          to: model.to,
        }),
      },
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ids.actions.handoverBrief,
          style: 'primary',
          text: plain(copy.render('roles.handover_button')),
          value: JSON.stringify({ incidentId: model.incidentId, role: model.role, to: model.to }),
        },
      ],
    },
  ];
}
