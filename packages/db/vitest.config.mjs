import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Starting PGlite (Postgres compiled to WebAssembly) takes seconds on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
