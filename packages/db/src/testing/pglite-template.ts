import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { openDatabase, snapshotPGlite } from '../client.js';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from '../migrate.js';

// Creating a PGlite cluster runs initdb, which takes 3-15 s on a busy small machine; loading a
// data directory archive takes 1-2 s. So the first test database of a given schema is migrated
// once and archived under the OS temp dir, keyed by everything that shapes it (the migration
// files and the PGlite build); every later one, in any test file or run, starts from the copy.
const CACHE_DIR = join(tmpdir(), 'parley-pglite-templates');

let template: Promise<Blob> | undefined;

/** A migrated, empty PGlite data directory archive, made once per schema and PGlite version. */
export function pgliteTemplate(): Promise<Blob> {
  template ??= loadOrCreateTemplate().catch((err: unknown) => {
    template = undefined;
    throw err;
  });
  return template;
}

async function loadOrCreateTemplate(): Promise<Blob> {
  const file = join(CACHE_DIR, `${templateKey()}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    // Not cached yet: make it below.
  }
  const db = await openDatabase();
  try {
    await migrateDatabase(db);
    const blob = await snapshotPGlite(db);
    mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename, so a parallel test worker never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, file);
    return blob;
  } finally {
    await db.close();
  }
}

function templateKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(DEFAULT_MIGRATIONS_DIR).sort()) {
    hash.update(name);
    try {
      hash.update(readFileSync(join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql')));
    } catch {
      // Not a migration folder (e.g. migration_lock.toml).
    }
  }
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(readFileSync(join(pgliteEntry, '../../package.json')));
  return hash.digest('hex').slice(0, 16);
}
