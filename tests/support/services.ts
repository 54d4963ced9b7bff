import { actionListeners, incidentListeners } from '../../src/app/index.ts';
import type { FirebreakConfig } from '../../src/config/firebreak-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import {
  type Incident,
  type IncidentChange,
  type IncidentDeps,
  notifyIncidentChanged,
} from '../../src/incidents/index.ts';
import { outboxSink } from '../../src/outbox/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { inTransaction } from '../../src/platform/transaction.ts';
import { loadPostmortemTemplate } from '../../src/postmortems/index.ts';
import type { AllServiceDeps } from '../../src/slack/services.ts';
import type { TestDatabase } from './database.ts';

/** A clock tests move by hand. */
export function manualClock(
  start = new Date('2026-11-25T12:00:00Z'),
): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (date) => {
      now = date.getTime();
    },
  };
}

/** Service dependencies on a test database, counting how often effects were announced. */
export async function testDeps(database: TestDatabase, overrides: { config?: FirebreakConfig; clock?: Clock } = {}) {
  const kicks = { count: 0 };
  const base = {
    db: database.db,
    config: overrides.config ?? (await loadConfig(undefined)),
    clock: overrides.clock ?? manualClock(),
    effects: outboxSink(() => {
      kicks.count++;
    }),
    postmortemTemplate: await loadPostmortemTemplate(),
  };
  const deps: AllServiceDeps = {
    ...base,
    incidentListeners: incidentListeners(base),
    actionListeners: actionListeners(base),
  };
  return { deps, kicks };
}

/** Tells every capability's listener of an incident change, in a transaction of its own, as a service would. */
export function notifyChange(deps: IncidentDeps, incident: Incident, change: IncidentChange): Promise<void> {
  return inTransaction(deps, (tx, effects) => notifyIncidentChanged(tx, effects, deps, incident, change));
}
