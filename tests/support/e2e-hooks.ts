import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { allFakeSecrets } from './fake-secrets.ts';
import { type Harness, type HarnessOptions, loggedLines, startHarness } from './harness.ts';

/**
 * The lifecycle every end-to-end file shares: one database per file, emptied before each test, and a
 * fresh app + emulator per test. `bind` hands them to the file; `current` returns the harness in use
 * (a test may replace it, e.g. to restart with another config) so it is the one stopped afterwards.
 */
export function useE2eHarness(
  bind: { database: (d: TestDatabase) => void; harness: (h: Harness) => void; current: () => Harness | undefined },
  options: HarnessOptions = {},
): void {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    bind.database(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    await database!.reset();
    bind.harness(await startHarness(database!, options));
  });
  afterEach(async () => {
    const harness = bind.current();
    await harness?.stop();
    // Whatever a test did, nothing it made the app log may carry a credential or a pasted secret.
    const lines = loggedLines.splice(0);
    const secrets = [harness?.emulator.botToken, harness?.emulator.signingSecret, ...allFakeSecrets].filter(
      (secret): secret is string => typeof secret === 'string' && secret.length > 0,
    );
    const leaked = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    if (leaked.length > 0) throw new Error(`secrets reached the log:\n${leaked.slice(0, 3).join('\n')}`);
  });
}
