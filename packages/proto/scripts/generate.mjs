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
writeBrowserModule('parley', 'parley-lite');
generate(
  'parley-admin',
  'admin',
  all.filter((f) => ADMIN.has(f)),
);

/**
 * The browser's copy of a generated module: the same classes without the proto3 JSON
 * converters (fromObject, toObject, toJSON, getTypeUrl), which the web client never calls on
 * the wire types and which are over half of the module (about 16 KB of the chat page's 250 KB
 * gzipped budget). Bundlers pick it through the "browser" field of package.json; Node, the
 * servers and the SDK's Node tests keep the full module. Kept: the converters of the error
 * types, which the SDK uses to read JSON error bodies. Anything else calling a converter in
 * the browser gets a clear error instead of "not a function" (the guard appended below).
 */
function writeBrowserModule(fullName, liteName) {
  const KEEP = new Set(['Error', 'ErrorResponse']);
  const full = readFileSync(join(outDir, `${fullName}.js`), 'utf8');
  const converter =
    /\n([ \t]+)(?:\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\n\1)?([\w$]+)\.(fromObject|toObject|prototype\.toJSON|getTypeUrl) = function\s*\w*\s*\([^)]*\)\s*\{\n[\s\S]*?\n\1\};/g;
  const removed = { fromObject: 0, toObject: 0, 'prototype.toJSON': 0, getTypeUrl: 0 };
  const lite = full.replace(converter, (match, _indent, type, kind) => {
    if (KEEP.has(type)) return match;
    removed[kind] += 1;
    return '';
  });
  // The generated code's shape is checked, not assumed: every message but the kept ones must
  // have lost each converter, and nothing left may call a removed one.
  const messages = (full.match(/\.decode = function/g) ?? []).length;
  for (const [kind, n] of Object.entries(removed)) {
    if (n !== messages - KEEP.size) {
      throw new Error(
        `${liteName}: removed ${n} ${kind} of ${messages - KEEP.size} messages; the generated code changed shape`,
      );
    }
  }
  for (const [, type] of lite.matchAll(/\.([\w$]+)\.(?:fromObject|toObject)\(/g)) {
    if (!KEEP.has(type)) throw new Error(`${liteName}: still calls ${type}'s converter`);
  }
  const guard = `
// Browser build: the JSON converters of the wire types are left out (see generate.mjs).
(function guard(ns) {
    for (const key of Object.keys(ns)) {
        const value = ns[key];
        if (typeof value === "function" && typeof value.decode === "function") {
            for (const method of ["fromObject", "toObject"])
                if (!Object.prototype.hasOwnProperty.call(value, method))
                    value[method] = function () {
                        throw new Error(key + "." + method + " is not in the browser build of @parley/proto");
                    };
            guard(value);
        } else if (value && typeof value === "object") guard(value);
    }
})($root);
`;
  const end = lite.lastIndexOf('\nexport {');
  if (end < 0) throw new Error(`${liteName}: no export statement found`);
  writeFileSync(join(outDir, `${liteName}.js`), lite.slice(0, end) + guard + lite.slice(end));
}
