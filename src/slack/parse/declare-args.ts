import type { FirebreakConfig } from '../../config/firebreak-config.ts';
import { describeSeverities, findSeverity, looksLikeSeverity, requireTitle } from '../../incidents/index.ts';
import { DomainError } from '../../platform/errors.ts';
import { typedMentions } from './command-text.ts';

/**
 * Reads "sev1 Checkout errors spiking": a leading severity (any alias) then the title. Without a
 * severity the configured default applies, since nobody should be blocked from declaring.
 */
export function parseDeclareArgs(typed: string, config: FirebreakConfig): { severity: string; title: string } {
  // A title is shown as plain text, so a person mentioned in it reads as they typed it.
  const text = typedMentions(typed);
  const [first = '', ...others] = text.trim().split(/\s+/);
  const severity = first ? findSeverity(config, first) : undefined;
  if (severity) return { severity: severity.name, title: requireTitle(others.join(' ')) };
  if (looksLikeSeverity(first)) {
    throw new DomainError(
      'incident.unknown_severity',
      `"${first}" is not a severity. Use one of: ${describeSeverities(config)}, e.g. \`/incident declare sev1 Checkout errors spiking\`.`,
    );
  }
  const fallback = config.default_severity ?? config.severities[0]?.name;
  if (!fallback) throw new DomainError('incident.no_severity', 'No severities are configured.');
  return { severity: fallback, title: requireTitle(text) };
}
