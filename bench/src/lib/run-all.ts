/**
 * `npm run bench [-- name ...]`: runs every benchmark program (each top-level bench/src/<name>.ts,
 * compiled to dist/<name>.js) in sequence, each in a fresh Node process, or only the named ones.
 * `npm run bench -- --list` prints the names. Exits non-zero when any program failed.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');

// The issue's order first; any other program (e.g. idle-traffic) after them, alphabetically.
const PREFERRED = [
  'messages',
  'wire-bytes',
  'idle-memory',
  'catch-up',
  'reconnect-storm',
  'upload',
];

/** Every program in dist: top-level .js files (helpers live in dist/lib). */
export function listPrograms(): string[] {
  const found = readdirSync(DIST)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3));
  const rank = (n: string) => {
    const i = PREFERRED.indexOf(n);
    return i === -1 ? PREFERRED.length : i;
  };
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function runProgram(name: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', join(DIST, `${name}.js`), ...args], {
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const programs = listPrograms();
  if (argv.includes('--list')) {
    console.log(programs.join('\n'));
    return;
  }
  // Names select programs; anything starting with "--" is passed through to each of them.
  const names = argv.filter((a) => !a.startsWith('--'));
  const passThrough = argv.filter((a) => a.startsWith('--'));
  const unknown = names.filter((n) => !programs.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${programs.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = names.length > 0 ? names : programs;
  const failed: string[] = [];
  for (const name of selected) {
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    const code = await runProgram(name, passThrough);
    console.log(
      `=== ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (code !== 0) failed.push(name);
  }
  if (failed.length > 0) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
