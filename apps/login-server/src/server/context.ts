import type { Database } from '@parley/db';
import type {
  FailureLimiter,
  Logger,
  ServerRegistry,
  SessionEvents,
  TokenSigner,
  TokenVerifier,
} from '@parley/server-kit';

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
  /**
   * Self-registration (POST /v1/auth/register): true or false fixes it; absent (the default)
   * reads the `registration_open` setting on each request, so an admin can open it at run time.
   * Closed unless that setting is exactly true.
   */
  registrationOpen?: boolean;
  /** Largest request body in bytes (default 16 KiB: sign-in bodies are tiny). */
  bodyLimit?: number;
  /**
   * How often the message retention job runs (default 1 hour; 0 turns the job off). It acts
   * only when the `message_retention_days` setting is above 0.
   */
  retentionIntervalMs?: number;
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
  /**
   * Where ended sessions are announced (sign-out, revoke, password change, refresh reuse,
   * disabled user) so msg-servers close their sockets. In memory by default; pass the same
   * instance to in-process msg-servers, or a Redis one across processes.
   */
  sessionEvents?: SessionEvents;
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
  sessionEvents: SessionEvents;
  /** undefined: read the registration_open setting. */
  registrationOpen: boolean | undefined;
  fileServerUrl: string;
  refreshTtlMs: number;
  lockout: { maxFailures: number; lockMs: number };
}
