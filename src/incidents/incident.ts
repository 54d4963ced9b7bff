import { type FirebreakConfig, normaliseSeverityKey, type SeverityConfig } from '../config/firebreak-config.ts';
import { DomainError } from '../platform/errors.ts';

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'closed';

export type Incident = {
  id: number;
  teamId: string;
  number: number;
  title: string;
  severity: string;
  status: IncidentStatus;
  isPrivate: boolean;
  isDrill: boolean;
  customerImpact: string;
  services: string[];
  declaredBy: string;
  startedAt: Date | null;
  declaredAt: Date;
  channelName: string;
  channelId: string | null;
  cardTs: string | null;
  announcementChannelId: string | null;
  announcementTs: string | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Whether a change (deploy, config, flag) triggered it; null until resolved. */
  changeInduced: boolean | null;
  triggeringChange: string;
  sourceMessage: { channelId: string; ts: string; permalink?: string; text: string; authorId?: string } | null;
};

export const maxTitleLength = 120;
const maxChannelNameLength = 80;
// Room left at the end of a channel name for a "-NN" suffix when the name is taken.
const suffixReserve = 4;

/** Finds a severity by name or alias ("SEV1", "sev1", "P1", "1"), or undefined. */
export function findSeverity(config: FirebreakConfig, input: string): SeverityConfig | undefined {
  const key = normaliseSeverityKey(input);
  return config.severities.find((severity) =>
    [severity.name, ...severity.aliases].some((name) => normaliseSeverityKey(name) === key),
  );
}

/** Severity by name or alias, or a DomainError listing what is accepted. */
export function requireSeverity(config: FirebreakConfig, input: string): SeverityConfig {
  const severity = findSeverity(config, input);
  if (severity) return severity;
  throw new DomainError(
    'incident.unknown_severity',
    `"${input}" is not a severity. Use one of: ${describeSeverities(config)}.`,
  );
}

export function describeSeverities(config: FirebreakConfig): string {
  return config.severities.map((s) => [s.name, ...s.aliases.slice(0, 1)].join('/')).join(', ');
}

/** Looks like someone meant a severity ("sev7", "p9", "4"), so an unknown one is an error, not part of the title. */
export function looksLikeSeverity(word: string): boolean {
  return /^(sev|p)-?\d+$/i.test(word) || /^\d$/.test(word);
}

/** Checks a title and returns it trimmed, or explains what to type. */
export function requireTitle(raw: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) {
    throw new DomainError(
      'incident.title_required',
      'Give the incident a short title, e.g. `/incident declare sev1 Checkout errors spiking`.',
    );
  }
  if (title.length > maxTitleLength) {
    throw new DomainError(
      'incident.title_too_long',
      `The title is ${title.length} characters; keep it to ${maxTitleLength} and put the details in "what customers see".`,
    );
  }
  return title;
}

/** Lowercase ASCII words joined by hyphens, cut at a word boundary to at most maxLength. */
export function slugify(text: string, maxLength: number): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** Builds a channel name Slack accepts from the configured pattern ({{number}}, {{slug}}, {{severity}}, {{date}}). */
export function channelNameFor(
  pattern: string,
  values: { number: number; title: string; severity: string; date: Date },
): string {
  const fixed = pattern
    .replaceAll('{{number}}', String(values.number))
    .replaceAll('{{severity}}', values.severity)
    .replaceAll('{{date}}', values.date.toISOString().slice(0, 10));
  const withoutSlug = sanitiseChannelName(fixed.replaceAll('{{slug}}', ''));
  const room = Math.max(0, maxChannelNameLength - suffixReserve - withoutSlug.length);
  const named = sanitiseChannelName(fixed.replaceAll('{{slug}}', slugify(values.title, room)));
  return named.slice(0, maxChannelNameLength - suffixReserve).replace(/[-_]+$/, '') || `inc-${values.number}`;
}

/** The name to try after `attempt` earlier names were taken: base, base-2, base-3, … */
export function channelNameCandidate(base: string, attempt: number): string {
  return attempt <= 1 ? base : `${base}-${attempt}`;
}

function sanitiseChannelName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** Splits "Payments API, checkout , ,web" into clean, de-duplicated service names. */
export function parseServices(raw: string | undefined): string[] {
  if (!raw) return [];
  const names = raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/** Roles the severity requires that nobody holds yet, in configured order. */
export function missingRoles(severity: SeverityConfig, held: Iterable<string>): string[] {
  const heldSet = new Set(held);
  return severity.roles_required.filter((role) => !heldSet.has(role));
}

/** "INC-42": how people refer to an incident. */
export function incidentRef(incident: Pick<Incident, 'number'>): string {
  return `INC-${incident.number}`;
}

/** The one error for an incident that is not there (deleted, another workspace's, or never was). */
export function incidentNotFound(): DomainError {
  return new DomainError('incident.not_found', 'That incident does not exist (any more).');
}
