import type { FirebreakConfig } from '../config/firebreak-config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';
import type { EffectSink } from './effects.ts';

/** What every domain service receives: no Slack, no globals. */
export type ServiceDeps = {
  db: Db;
  config: FirebreakConfig;
  clock: Clock;
  /** Where `inTransaction` writes queued Slack effects (the outbox), and who it wakes after commit. */
  effects: EffectSink;
};
