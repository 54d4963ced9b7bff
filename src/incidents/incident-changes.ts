import type { Tx } from '../platform/db.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import type { EffectQueue } from '../platform/transaction.ts';
import type { Incident, IncidentStatus } from './incident.ts';

/** Something that happened to an incident that other capabilities may react to. */
export type IncidentChange =
  | { kind: 'declared' }
  | { kind: 'severity_changed'; from: string; to: string }
  | { kind: 'status_changed'; from: IncidentStatus; to: IncidentStatus }
  | { kind: 'role_changed'; role: string; from: string | undefined; to: string | undefined }
  | { kind: 'services_changed'; services: string[] }
  | { kind: 'made_private' };

/**
 * Reacts inside the transaction that made the change (schedule or cancel reminders, queue effects),
 * so the reaction commits or rolls back with it.
 */
export type IncidentChangeListener = (
  tx: Tx,
  effects: EffectQueue,
  incident: Incident,
  change: IncidentChange,
) => Promise<void>;

/**
 * What incident services need: the shared deps, and the reactions of capabilities above incidents,
 * registered at wiring time (src/app) so incidents never import them.
 */
export type IncidentDeps = ServiceDeps & { incidentListeners: IncidentChangeListener[] };

/** Tells every registered capability about a change; call inside the change's transaction. */
export async function notifyIncidentChanged(
  tx: Tx,
  effects: EffectQueue,
  deps: IncidentDeps,
  incident: Incident,
  change: IncidentChange,
): Promise<void> {
  for (const listener of deps.incidentListeners) await listener(tx, effects, incident, change);
}
