import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/) served by `vite preview`, driven in headless Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/server.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time, each with its own Chromium and profile: the tests mostly wait on the page
    // (DuckDB's worker, the service worker, a restart), so two share two cores well. 147 tests took
    // 666 s one file at a time on a quiet 2-core machine, 515 s two at a time beside a native CLI run.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
