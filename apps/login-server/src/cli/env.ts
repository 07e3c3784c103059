import { readEnv, z } from '@parley/server-kit';

const schema = z.object({
  /** PostgreSQL of the deployment. */
  DATABASE_URL: z.string().min(1).optional(),
  /** The embedded server's data directory (its PGlite database is `<dir>/pglite`). */
  PARLEY_DATA_DIR: z.string().min(1).optional(),
});

/** Where parley-admin finds the database: DATABASE_URL, else PARLEY_DATA_DIR. */
export interface CliEnv {
  databaseUrl: string | undefined;
  dataDir: string | undefined;
}

/** Reads parley-admin's environment (the one place it touches process.env). */
export function readCliEnv(env: Record<string, string | undefined> = process.env): CliEnv {
  const e = readEnv(schema, env);
  return { databaseUrl: e.DATABASE_URL, dataDir: e.PARLEY_DATA_DIR };
}
