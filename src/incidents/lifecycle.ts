import type { FirebreakConfig } from '../config/firebreak-config.ts';
import { DomainError } from '../platform/errors.ts';
import type { Incident, IncidentStatus } from './incident.ts';

export const incidentStatuses: readonly IncidentStatus[] = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
];

// Active states may move freely among themselves (people learn out of order) and to resolved;
// resolved closes or re-opens; closed can only re-open.
const allowed: Record<IncidentStatus, readonly IncidentStatus[]> = {
  investigating: ['identified', 'monitoring', 'resolved'],
  identified: ['investigating', 'monitoring', 'resolved'],
  monitoring: ['investigating', 'identified', 'resolved'],
  resolved: ['investigating', 'closed'],
  closed: ['investigating'],
};

/** The states an incident may move to from `from`. */
export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return allowed[from];
}

/** Whether the lifecycle allows going from `from` to `to`. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return allowed[from].includes(to);
}

/** True when a move takes a finished incident back to work. */
export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to !== 'resolved' && to !== 'closed';
}

export function isActive(status: IncidentStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** Refuses changes to roles of an incident that is over. */
export function requireActive(incident: Pick<Incident, 'status'>): void {
  if (!isActive(incident.status))
    throw new DomainError(
      'incident.not_active',
      `The incident is ${incident.status}; re-open it first with \`/incident reopen\`.`,
    );
}

/** A status by name, or a DomainError listing the statuses. */
export function parseStatus(input: string): IncidentStatus {
  const key = input.trim().toLowerCase();
  const found = incidentStatuses.find((status) => status === key);
  if (found) return found;
  throw new DomainError(
    'incident.unknown_status',
    `"${input}" is not a status. Use one of: ${incidentStatuses.join(', ')}, e.g. \`/incident status identified\`.`,
  );
}

/** Throws with what is possible from here when the move is not allowed. */
export function requireTransition(from: IncidentStatus, to: IncidentStatus): void {
  if (from === to) throw new DomainError('incident.same_status', `The incident is already ${from}.`);
  if (!canTransition(from, to)) {
    throw new DomainError(
      'incident.invalid_transition',
      `Cannot go from ${from} to ${to}. From ${from} you can go to: ${allowedTransitions(from).join(', ')}.`,
    );
  }
}

/** Position in the ladder: 0 is the most severe. */
export function severityRank(config: FirebreakConfig, name: string): number {
  const index = config.severities.findIndex((s) => s.name === name);
  return index < 0 ? config.severities.length : index;
}

/** True when `to` is more severe than `from`. */
export function isUpgrade(config: FirebreakConfig, from: string, to: string): boolean {
  return severityRank(config, to) < severityRank(config, from);
}

/** A reason is required for a severity change; returns it trimmed. */
export function requireReason(raw: string | undefined): string {
  const reason = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (!reason)
    throw new DomainError(
      'incident.reason_required',
      'Say why the severity changes, e.g. `/incident sev sev1 errors now affect all regions`.',
    );
  if (reason.length > 500)
    throw new DomainError('incident.reason_too_long', `The reason is ${reason.length} characters; keep it to 500.`);
  return reason;
}

/** Human duration "2h 05m" / "45m" / "3d 4h" between two times. */
export function formatDuration(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(rest).padStart(2, '0')}m`;
  return `${rest}m`;
}

/** When the incident's impact is counted from, and until (now while it is open). */
export function incidentSpan(
  incident: Pick<Incident, 'startedAt' | 'declaredAt' | 'resolvedAt'>,
  now: Date,
): { from: Date; to: Date } {
  return { from: incident.startedAt ?? incident.declaredAt, to: incident.resolvedAt ?? now };
}
