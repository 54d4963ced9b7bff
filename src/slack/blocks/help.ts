import type { KnownBlock } from '@slack/types';
import type { Copy } from '../../platform/copy.ts';

/** The list of subcommands with an example each. */
export function helpBlocks(
  copy: Copy,
  model: { subcommands: readonly string[]; severities: string; lead?: string },
): KnownBlock[] {
  const lines = model.subcommands.map((name) => `• ${copy.render(`help.commands.${name}`)}`);
  return [
    ...(model.lead ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: model.lead } }] : []),
    { type: 'section', text: { type: 'mrkdwn', text: copy.render('help.intro') } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: copy.render('help.footer', { severities: model.severities }) }],
    },
  ];
}
