import { loadConfig } from '../../src/config/load-config.ts';
import type { FirebreakConfig } from '../../src/config/firebreak-config.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { ServiceDeps } from '../../src/platform/deps.ts';
import { incidentListeners } from '../../src/incident-listeners.ts';
import type { TestDatabase } from './database.ts';

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-11-25T12:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
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
  const deps: ServiceDeps = {
    db: database.db,
    config: overrides.config ?? (await loadConfig(undefined)),
    clock: overrides.clock ?? manualClock(),
    effectsQueued: () => {
      kicks.count++;
    },
    incidentListeners: incidentListeners(),
  };
  return { deps, kicks };
}
