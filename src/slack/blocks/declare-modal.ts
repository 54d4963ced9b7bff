import type { KnownBlock, View } from '@slack/types';
import type { FirebreakConfig } from '../../config/firebreak-config.ts';
import type { Copy } from '../../platform/copy.ts';
import { ids } from '../ids.ts';
import { truncate } from './format.ts';

export type DeclareModalModel = {
  title?: string;
  impact?: string;
  severity?: string;
  /** Carried through the modal unchanged (message the incident was declared from, etc.). */
  privateMetadata: string;
};

const f = ids.declareModal;

/** The "Declare an incident" form, optionally prefilled from a message. */
export function declareModalView(copy: Copy, config: FirebreakConfig, model: DeclareModalModel): View {
  const text = (key: string) => ({ type: 'plain_text' as const, text: copy.render(key), emoji: true });
  const severityOptions = config.severities.map((severity) => ({
    text: {
      type: 'plain_text' as const,
      text: truncate(
        `${severity.label ?? severity.name}${severity.description ? ` — ${severity.description}` : ''}`,
        75,
      ),
    },
    value: severity.name,
  }));
  const initialSeverity = severityOptions.find(
    (option) => option.value === (model.severity ?? config.default_severity),
  );
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: f.title,
      label: text('modal.title_label'),
      element: {
        type: 'plain_text_input',
        action_id: f.title,
        max_length: 120,
        placeholder: text('modal.title_placeholder'),
        ...(model.title ? { initial_value: truncate(model.title, 120) } : {}),
      },
    },
    {
      type: 'input',
      block_id: f.severity,
      label: text('modal.severity_label'),
      element: {
        type: 'static_select',
        action_id: f.severity,
        options: severityOptions,
        ...(initialSeverity ? { initial_option: initialSeverity } : {}),
      },
    },
    {
      type: 'input',
      block_id: f.impact,
      optional: true,
      label: text('modal.impact_label'),
      element: {
        type: 'plain_text_input',
        action_id: f.impact,
        multiline: true,
        max_length: 2500,
        placeholder: text('modal.impact_placeholder'),
        ...(model.impact ? { initial_value: truncate(model.impact, 2500) } : {}),
      },
    },
    {
      type: 'input',
      block_id: f.services,
      optional: true,
      label: text('modal.services_label'),
      hint: text('modal.services_hint'),
      element: { type: 'plain_text_input', action_id: f.services, max_length: 500 },
    },
    {
      type: 'input',
      block_id: f.commander,
      optional: true,
      label: text('modal.commander_label'),
      hint: text('modal.commander_hint'),
      element: { type: 'users_select', action_id: f.commander },
    },
    {
      type: 'input',
      block_id: f.started,
      optional: true,
      label: text('modal.started_label'),
      hint: text('modal.started_hint'),
      element: { type: 'datetimepicker', action_id: f.started },
    },
    {
      type: 'input',
      block_id: f.private,
      optional: true,
      label: text('modal.private_label'),
      element: {
        type: 'checkboxes',
        action_id: f.private,
        options: [{ text: text('modal.private_option'), value: 'private' }],
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: ids.views.declare,
    title: text('modal.declare_title'),
    submit: text('modal.declare_submit'),
    close: text('modal.cancel'),
    private_metadata: model.privateMetadata,
    blocks,
  };
}
