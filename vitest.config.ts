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
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-output/results.json' }]],
  },
});
