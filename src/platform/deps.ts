import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { IncidentChangeListener } from '../incidents/incident-changes.ts';
import type { Runbook } from '../runbooks/runbook.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';

/** What every domain service receives: no Slack, no globals. */
export type ServiceDeps = {
  db: Db;
  config: FirebreakConfig;
  clock: Clock;
  /** Called after a transaction that queued Slack effects has committed. */
  effectsQueued: () => void;
  /** Capabilities reacting to incident changes (see src/incident-listeners.ts). */
  incidentListeners: IncidentChangeListener[];
  /** Runbooks from templates/runbooks, validated at start-up (none when absent). */
  runbooks?: Runbook[];
};
