// Runs the test suite on embedded PGlite, then again on real PostgreSQL when TEST_DATABASE_URL
// is set, so the two backends cannot quietly diverge. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
const args = [vitest, 'run', '--passWithNoTests=false', ...process.argv.slice(2)];
const { TEST_DATABASE_URL, ...pgliteEnv } = process.env;

function run(label, env) {
  console.log(`\n@parley/db tests on ${label}`);
  const result = spawnSync(process.execPath, args, { env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('PGlite (in memory)', pgliteEnv);
if (TEST_DATABASE_URL) run(`PostgreSQL (${new URL(TEST_DATABASE_URL).host})`, process.env);
