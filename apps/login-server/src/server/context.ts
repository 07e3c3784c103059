import type { Database } from '@parley/db';
import type { Logger, ServerRegistry, TokenSigner, TokenVerifier } from '@parley/server-kit';

import type { FailureLimiter } from '../auth/failure-limiter.js';

/** Settings of one login-server. Only `port` and `fileServerUrl` have no default. */
export interface LoginServerConfig {
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** 0 lets the OS choose (tests). */
  port: number;
  /** Handed to clients by /v1/discovery. */
  fileServerUrl: string;
  /** Lifetime of each refresh token (default 30 days); access tokens live as the signer says. */
  refreshTtlMs?: number;
  /** Per-account lockout (default: 5 wrong passwords lock for 15 minutes). */
  lockout?: { maxFailures: number; lockMs: number };
  /** Per-IP limit on failed sign-ins (default: 50 per 10 minutes). */
  ipLimit?: { maxFailures: number; windowMs: number };
  corsOrigins?: string[] | boolean;
  trustProxy?: boolean;
  /** Largest request body in bytes (default 16 KiB: sign-in bodies are tiny). */
  bodyLimit?: number;
  version?: string;
}

export interface LoginServerDeps {
  db: Database;
  signer: TokenSigner;
  verifier: TokenVerifier;
  /** Where msg-servers announce themselves; /v1/discovery lists it. */
  registry: ServerRegistry;
  logger: Logger;
  config: LoginServerConfig;
  /** The clock for lockouts, rate limits and token times (tests move it). */
  now?: () => number;
  /** Per-IP failure counter; in memory by default (one process), shared (Redis) when scaled out. */
  ipLimiter?: FailureLimiter;
}

export const LOGIN_DEFAULTS = {
  host: '0.0.0.0',
  refreshTtlMs: 30 * 86_400_000,
  lockout: { maxFailures: 5, lockMs: 15 * 60_000 },
  // Counting only failures, and generously: a whole office signs in from one NAT address.
  ipLimit: { maxFailures: 50, windowMs: 10 * 60_000 },
  bodyLimit: 16 * 1024,
} as const;

/** What the service functions receive: the deps with every default filled in. */
export interface LoginContext {
  db: Database;
  signer: TokenSigner;
  registry: ServerRegistry;
  logger: Logger;
  now: () => number;
  ipLimiter: FailureLimiter;
  fileServerUrl: string;
  refreshTtlMs: number;
  lockout: { maxFailures: number; lockMs: number };
}
