import type { Emulator } from '@firebreak/slack-emulator';

/** What every chaos scenario gets: the Slack emulator the processes talk to, and where PostgreSQL is. */
export type ChaosContext = {
  emulator: Emulator;
  /** postgres://… of a server where the scenario may create (and must drop) databases of its own. */
  adminUrl: string;
  /** Events per burst (CHAOS_EVENTS), when the scenario sends a burst. */
  events: number;
  /** Declares per run (CHAOS_DECLARES), for scenarios that declare many incidents; unset: the scenario's default. */
  declares?: number;
  /** Seeds a scenario's random choices (CHAOS_SEED), so a failing run can be replayed; unset: a fresh seed. */
  seed?: number;
  /** How long a scenario that stops PostgreSQL keeps it down (CHAOS_OUTAGE_SECONDS); unset: its default. */
  outageSeconds?: number;
  log(line: string): void;
};

/** One measured figure of the report, e.g. ["lost", 0]. */
export type Figure = [label: string, value: number | string];

/** A scenario's outcome: figures to print, and the guarantees it saw broken (empty = passed). */
export type ChaosResult = {
  name: string;
  figures: Figure[];
  problems: string[];
  /** What passing means, when not "nothing lost, nothing doubled". */
  passed?: string;
};

export type ChaosScenario = {
  name: string;
  description: string;
  run(context: ChaosContext): Promise<ChaosResult>;
};
