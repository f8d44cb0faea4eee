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
    // Every run takes the tests of each file in a random order, so a test that leans on an earlier one
    // fails in CI rather than waiting to be found. The seed is printed at the top of the run
    // ('Running tests with seed "N"'); `npx vitest run --sequence.seed=N <files>` replays that order.
    // Files keep vitest's own order (longest first): each has a database of its own.
    sequence: { shuffle: { files: false, tests: true } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
  },
});
