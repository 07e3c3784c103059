// Generates the Prisma client from ../../prisma/schema.prisma into src/generated/prisma
// (git-ignored build output; tsc then compiles it into dist/ with the rest of src/).
//
// `prisma generate` only needs the schema engine to *exist*: with a driver adapter the
// Prisma 7 client runs without any engine binary, and the schema is parsed by wasm. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at /bin/true stops the CLI from trying to download one, so the
// build works offline. An operator's own setting is respected.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const schema = join(root, '../../prisma/schema.prisma');
const require = createRequire(import.meta.url);
const cli = join(dirname(require.resolve('prisma/package.json')), 'build/index.js');

const env = {
  ...process.env,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_GENERATE_NO_HINTS: '1',
  PRISMA_DISABLE_WARNINGS: '1',
  CHECKPOINT_DISABLE: '1',
  PRISMA_TELEMETRY_DISABLED: '1',
};
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync('/bin/true') ? '/bin/true' : process.execPath;
}

execFileSync(process.execPath, [cli, 'generate', '--schema', schema], {
  cwd: root,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
