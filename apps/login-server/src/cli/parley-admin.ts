#!/usr/bin/env node
/**
 * parley-admin: scripted administration against a Parley database (create an admin, import
 * people from CSV, reset a password). See USAGE in commands.ts and docs/http-api.md.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { migrateDatabase, openDatabase } from '@parley/db';

import { USAGE, UsageError, runCommand } from './commands.js';
import { readCliEnv } from './env.js';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const env = readCliEnv();
  if (!env.databaseUrl && !env.dataDir) {
    console.error('error: set DATABASE_URL, or PARLEY_DATA_DIR for the embedded data directory');
    return 2;
  }
  const db = await openDatabase(
    env.databaseUrl
      ? { databaseUrl: env.databaseUrl, poolSize: 2 }
      : { dataDir: join(env.dataDir as string, 'pglite') },
  );
  try {
    // As the servers do at start (idempotent): a fresh database can get its first admin.
    await migrateDatabase(db);
    return await runCommand(db, argv, {
      out: (line) => console.log(line),
      readFile: (path) => readFile(path, 'utf8'),
    });
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
