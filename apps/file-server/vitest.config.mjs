import { defineConfig } from 'vitest/config';

// Each test file starts a real file-server over a fresh (PGlite) database and moves megabytes
// through it; on a busy 2-core machine that takes seconds, so the limits are generous and
// slowness never passes for failure.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
