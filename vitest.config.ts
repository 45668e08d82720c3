import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (unit and integration tests, run twice by scripts/test:
 * on the embedded engine and on PostgreSQL) and `e2e` (browser tests that need
 * Chromium and a built console). Select one with `--project unit` or
 * `--project e2e`; `npx vitest run <path>` runs whichever matches the path.
 * At most two forked workers, because the target machines have two cores and
 * each PGlite database holds a WebAssembly PostgreSQL in memory.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
