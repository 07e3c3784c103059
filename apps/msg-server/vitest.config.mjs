import { defineConfig } from 'vitest/config';

// Each test file starts a real server over a fresh (PGlite) database, which takes seconds on a
// busy machine; the limits are generous so slowness never passes for failure.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
