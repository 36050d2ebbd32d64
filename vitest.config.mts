import { defineConfig } from 'vitest/config';

// Timeouts catch a test that hangs; they are not speed checks (bench/ measures speed). Several
// tests build 100,000-entry gazetteers, run headless Chromium or start worker threads: 1-7 s
// each on a loaded 2-core machine, past vitest's default of 5 s.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
