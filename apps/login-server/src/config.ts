import { parseCorsOrigins, port, readEnv, z } from '@parley/server-kit';

import type { LoginServerConfig } from './server/context.js';

const seconds = () => z.coerce.number().int().positive();

const schema = z.object({
  LOGIN_HOST: z.string().min(1).default('0.0.0.0'),
  LOGIN_PORT: port().default(3001),
  DATABASE_URL: z.string().min(1),
  /** Ed25519 private key (PKCS#8 PEM) that signs access tokens; `\n` escapes are accepted. */
  AUTH_PRIVATE_KEY: z.string().min(1),
  ACCESS_TOKEN_TTL_SECONDS: seconds().default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().positive().default(30),
  FILE_SERVER_URL: z.url().default('http://localhost:3003'),
  /** Comma-separated browser origins, or * for any. */
  CORS_ORIGINS: z.string().default('*'),
  TRUST_PROXY: z.stringbool().default(false),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGN_IN_LOCK_SECONDS: seconds().default(900),
  SIGN_IN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(50),
  SIGN_IN_IP_WINDOW_SECONDS: seconds().default(600),
  /**
   * Redis for what several login-servers (and msg-servers) share: the discovery registry, the
   * per-address failure limiter and session-ended events. Without it all three stay in this
   * process (one login-server only).
   */
  REDIS_URL: z.string().min(1).optional(),
  /** Prefix of every Redis key and channel; every server of one deployment must use the same. */
  REDIS_PREFIX: z.string().default('parley:'),
  /** true/false fixes self-registration; unset leaves it to the `registration_open` setting. */
  REGISTRATION_OPEN: z.stringbool().optional(),
  /** When set, the first start creates `admin` with this password (and departments). */
  ADMIN_PASSWORD: z.string().min(8).optional(),
  /** With ADMIN_PASSWORD: also create the demo users alice and bob with this password. */
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** How often the message retention job runs, in seconds; 0 turns it off (default 1 hour). */
  // At most a week: Node timers cannot wait longer than about 24 days.
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface LoginMainConfig {
  server: LoginServerConfig;
  databaseUrl: string;
  redisUrl: string | undefined;
  redisPrefix: string;
  privateKeyPem: string;
  accessTtlSeconds: number;
  adminPassword: string | undefined;
  demoPassword: string | undefined;
  logLevel: string;
}

/** Reads and validates the standalone login-server's configuration from the environment. */
export function loadLoginConfig(
  env: Record<string, string | undefined> = process.env,
): LoginMainConfig {
  const e = readEnv(schema, env);
  return {
    server: {
      host: e.LOGIN_HOST,
      port: e.LOGIN_PORT,
      fileServerUrl: e.FILE_SERVER_URL,
      refreshTtlMs: Math.round(e.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      lockout: { maxFailures: e.SIGN_IN_MAX_FAILURES, lockMs: e.SIGN_IN_LOCK_SECONDS * 1000 },
      ipLimit: {
        maxFailures: e.SIGN_IN_IP_MAX_FAILURES,
        windowMs: e.SIGN_IN_IP_WINDOW_SECONDS * 1000,
      },
      corsOrigins: parseCorsOrigins(e.CORS_ORIGINS),
      trustProxy: e.TRUST_PROXY,
      ...(e.REGISTRATION_OPEN === undefined ? {} : { registrationOpen: e.REGISTRATION_OPEN }),
      retentionIntervalMs: e.RETENTION_INTERVAL_SECONDS * 1000,
    },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    privateKeyPem: e.AUTH_PRIVATE_KEY.replace(/\\n/g, '\n'),
    accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    adminPassword: e.ADMIN_PASSWORD,
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
  };
}
