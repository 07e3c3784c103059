// Generates the static protobufjs module and its typings from proto/**/*.proto.
// The generated files are build output (git-ignored): the .proto files are the only source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'src/generated');
mkdirSync(outDir, { recursive: true });
const protoDir = join(root, 'proto/parley/v1');
const all = readdirSync(protoDir)
  .filter((f) => f.endsWith('.proto'))
  .sort();
// The admin console's messages are a module of their own, so the chat app (which bundles the
// core module) does not carry them. The admin module repeats the core types it imports.
const ADMIN = new Set(['admin.proto', 'monitoring.proto']);
const bin = (name) => join(root, '../../node_modules/.bin', name);

/** Generates one static module (and its typings) from some .proto files. */
function generate(name, rootName, files) {
  const js = join(outDir, `${name}.js`);
  execFileSync(
    bin('pbjs'),
    [
      '-t',
      'static-module',
      '-w',
      'es6',
      '-r',
      rootName,
      '--force-number',
      '--no-verify',
      '--no-delimited',
      '--no-service',
      '--dependency',
      'protobufjs/minimal.js',
      '-p',
      join(root, 'proto'),
      '-o',
      js,
      ...files.map((f) => join(protoDir, f)),
    ],
    { stdio: 'inherit' },
  );
  // protobufjs is CommonJS: a default import is the only form Node's ESM loader guarantees.
  const src = readFileSync(js, 'utf8').replace(
    /import (?:\* as )?\$protobuf from "protobufjs\/minimal\.js";/,
    'import $$protobuf from "protobufjs/minimal.js";\n' +
      '// 64-bit fields are plain numbers (ids and seqs stay below 2^53): without Long, protobufjs\n' +
      '// reads and defaults them as numbers. This must run before the defaults below are made.\n' +
      '$$protobuf.util.Long = undefined;\n$$protobuf.configure();',
  );
  writeFileSync(js, src);
  execFileSync(bin('pbts'), ['-o', join(outDir, `${name}.d.ts`), js], { stdio: 'inherit' });
}

generate(
  'parley',
  'default',
  all.filter((f) => !ADMIN.has(f)),
);
generate(
  'parley-admin',
  'admin',
  all.filter((f) => ADMIN.has(f)),
);
