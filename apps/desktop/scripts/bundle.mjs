// Bundles what tsc alone cannot ship: the preloads (sandboxed preloads must be one CommonJS
// file that requires nothing but 'electron') and the local pages' scripts (plain browser
// scripts), then copies the pages. Runs after `tsc -p tsconfig.build.json` built dist/main.
// `--out <dir>` writes elsewhere than dist/ (the preload bundle test uses it).
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1] ?? '') : join(root, 'dist');
// Electron 45's Chromium is newer than this; an older target only costs some downlevelling.
const target = 'chrome130';

await build({
  absWorkingDir: root,
  entryPoints: {
    'app-preload': 'src/preload/app-preload.ts',
    'setup-preload': 'src/preload/setup-preload.ts',
  },
  outdir: join(out, 'preload'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  external: ['electron'],
  target,
  logLevel: 'warning',
});

await build({
  absWorkingDir: root,
  entryPoints: { setup: 'src/renderer/setup.ts', unreachable: 'src/renderer/unreachable.ts' },
  outdir: join(out, 'renderer'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target,
  logLevel: 'warning',
});

await mkdir(join(out, 'renderer'), { recursive: true });
for (const file of ['setup.html', 'unreachable.html', 'pages.css']) {
  await copyFile(join(root, 'src/renderer', file), join(out, 'renderer', file));
}
