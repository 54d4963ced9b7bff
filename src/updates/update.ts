import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { Incident } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';

export const confidenceLevels = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof confidenceLevels)[number];

export type StakeholderUpdateInput = {
  status: string;
  impact: string;
  actions: string;
  nextUpdateMinutes: number | undefined;
  eta: string;
  confidence: Confidence | undefined;
};

/** The field a validation error belongs to, so a form can show it in place. */
export const updateErrorField: Record<string, keyof StakeholderUpdateInput> = {
  'update.status_required': 'status',
  'update.impact_required': 'impact',
  'update.actions_required': 'actions',
  'update.bad_next_update': 'nextUpdateMinutes',
};

/** Checks an update and returns it trimmed, or explains what to fill in. */
export function checkUpdate(input: StakeholderUpdateInput): StakeholderUpdateInput {
  const status = input.status.trim();
  const impact = input.impact.trim();
  const actions = input.actions.trim();
  if (!status)
    throw new DomainError(
      'update.status_required',
      'Say where things stand, e.g. "We found the cause and are rolling back".',
    );
  if (!impact) throw new DomainError('update.impact_required', 'Say what customers notice, or "No customer impact".');
  if (!actions) throw new DomainError('update.actions_required', 'Say what is being done right now.');
  const minutes = input.nextUpdateMinutes;
  if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440)) {
    throw new DomainError('update.bad_next_update', 'Next update in: a whole number of minutes from 5 to 1440.');
  }
  return { ...input, status, impact, actions, eta: input.eta.trim() };
}

/** Minutes until the next update is due: what the last update promised, else the severity's cadence. */
export function updateIntervalMinutes(
  config: FirebreakConfig,
  severity: string,
  promised?: number | null,
): number | undefined {
  if (promised) return promised;
  return config.severities.find((s) => s.name === severity)?.update_cadence_minutes ?? undefined;
}

export function isClosed(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'resolved' || incident.status === 'closed';
}

/** The key of an incident's single pending "next update due" job. */
export function updateDueKey(incidentId: number): string {
  return `incident:${incidentId}:update-due`;
}

/** Who is nudged for updates: the comms lead, else the commander, else whoever declared. */
export function updateOwner(
  config: FirebreakConfig,
  holders: Array<{ role: string; userId: string }>,
  declaredBy: string,
): string {
  return (
    holders.find((h) => h.role === config.comms_role)?.userId ??
    holders.find((h) => h.role === config.commander_role)?.userId ??
    declaredBy
  );
}
