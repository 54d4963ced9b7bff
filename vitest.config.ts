import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspace's own emulator, also where node_modules is shared with another checkout.
  resolve: {
    alias: { '@firebreak/slack-emulator': new URL('./packages/slack-emulator/src/index.ts', import.meta.url).pathname },
  },
  test: {
    include: ['tests/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    pool: 'forks',
    // Two cores, and an embedded database costs ~0.7 GB per test file.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
