import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The workspace's own emulator, also where node_modules is shared with another checkout.
  resolve: {
    alias: { '@firebreak/slack-emulator': new URL('./packages/slack-emulator/src/index.ts', import.meta.url).pathname },
  },
  test: {
    include: ['tests/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    pool: 'forks',
    // Two cores, but end-to-end files spend most of their time waiting on Slack's pace (one message a
    // second per channel) and on timers: a third worker uses that time. An embedded database costs ~0.7 GB per file.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
