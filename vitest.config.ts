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
    // `npm test` takes the tests of each file in their written order; `npm run test:shuffled` takes the files and
    // the tests of each file in a random order, so a test that leans on an earlier one fails ('Running tests with
    // seed "N"' is printed; `npx vitest run --sequence.shuffle --sequence.seed=N <files>` replays that order).
    // Each file has a database of its own, so the order of files changes only which files share the machine.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
  },
});
