import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/**/*.test.ts',
      'db/**/*.test.ts',
      'domain/**/*.test.ts',
      'server/**/*.test.ts',
      'data-loaders/**/*.test.ts',
      'client/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // `npm test` takes the tests of each file in their written order; `npm run test:shuffled` takes them in a
    // random order, so a test that leans on an earlier one fails ('Running tests with seed "N"' is printed;
    // `npx vitest run --sequence.shuffle --sequence.seed=N <files>` replays that order). Files keep vitest's
    // own order (longest first): each has a database of its own.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
  },
});
