import { fileURLToPath } from 'node:url';

import { port, readEnv, z } from '@parley/server-kit';

const schema = z.object({
  PARLEY_DATA_DIR: z.string().min(1).default('./data'),
  PARLEY_HOST: z.string().min(1).default('0.0.0.0'),
  /** The host name browsers use to reach this machine (goes into URLs handed to clients). */
  PARLEY_PUBLIC_HOST: z.string().min(1).default('localhost'),
  PARLEY_WEB_PORT: port().default(3000),
  PARLEY_LOGIN_PORT: port().default(3001),
  PARLEY_MSG_PORT: port().default(3002),
  PARLEY_FILE_PORT: port().default(3003),
  PARLEY_WEB_DIR: z
    .string()
    .min(1)
    .default(fileURLToPath(new URL('../../web/out', import.meta.url))),
  PARLEY_ADMIN_PASSWORD: z.string().min(8).optional(),
  PARLEY_DEMO_PASSWORD: z.string().min(8).optional(),
  /** Set to an empty string to use embedded PGlite even when DATABASE_URL is set elsewhere. */
  DATABASE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type EmbeddedConfig = z.infer<typeof schema>;

/** Reads and validates the launcher's configuration from the environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env): EmbeddedConfig {
  return readEnv(schema, env);
}
