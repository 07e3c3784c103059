import { defineConfig } from 'vitest/config';

// Every test file starts a real server over a fresh database, and every sign-in is a real
// argon2id hash; on a busy two-core machine that takes seconds. The limits are generous so
// slowness never passes for failure (a hang still fails).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
