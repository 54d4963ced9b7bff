import { type Emulator, startEmulator } from '@firebreak/slack-emulator';
import { afterAll, beforeAll } from 'vitest';
import { defaultAdminUrl } from '../../chaos/database.ts';
import type { ChaosResult, Figure } from '../../chaos/scenario.ts';
import { testDatabaseKind } from './database.ts';
import { heavyTestsRunHere } from './heavy-tests.ts';

/**
 * The chaos scenarios start real Firebreak processes on a real server (two of them share it, one stops
 * its own): PGlite is one process's embedded database, so their short versions run on PostgreSQL only
 * (and, in CI, on one runtime: see heavy-tests.ts).
 */
export const chaosRunsHere = testDatabaseKind === 'postgres' && heavyTestsRunHere;

/** Where the scenarios create (and drop) their scratch databases. */
export const chaosAdminUrl = process.env.FIREBREAK_TEST_PG_URL ?? defaultAdminUrl;

/** An emulator for the file's scenario, with rate limits off as the chaos runner's; read it inside a test. */
export function chaosEmulator(): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('the chaos emulator is not started yet');
    return emulator;
  };
}

/** A figure of the scenario's report by its label (the report indents some labels; that does not count). */
export function figureOf(result: ChaosResult): (label: string) => Figure[1] | undefined {
  return (label) => result.figures.find(([name]) => name.trim() === label.trim())?.[1];
}
