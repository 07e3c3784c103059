import { port, readEnv, z } from '@parley/server-kit';

import type { FileServerConfig } from './server/context.js';

const schema = z.object({
  FILE_HOST: z.string().min(1).default('0.0.0.0'),
  FILE_PORT: port().default(3003),
  DATABASE_URL: z.string().min(1),
  /** login-server's Ed25519 public key (SPKI PEM); `\n` escapes are accepted. */
  AUTH_PUBLIC_KEY: z.string().min(1),
  /** Comma-separated browser origins, or * for any. */
  CORS_ORIGINS: z.string().default('*'),
  TRUST_PROXY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface FileMainConfig {
  server: FileServerConfig;
  databaseUrl: string;
  publicKeyPem: string;
  logLevel: string;
}

/** Reads and validates the standalone file-server's configuration from the environment. */
export function loadFileConfig(
  env: Record<string, string | undefined> = process.env,
): FileMainConfig {
  const e = readEnv(schema, env);
  const origins = e.CORS_ORIGINS.trim();
  return {
    server: {
      host: e.FILE_HOST,
      port: e.FILE_PORT,
      corsOrigins:
        origins === '*'
          ? true
          : origins
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean),
      trustProxy: e.TRUST_PROXY,
    },
    databaseUrl: e.DATABASE_URL,
    publicKeyPem: e.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'),
    logLevel: e.LOG_LEVEL,
  };
}
