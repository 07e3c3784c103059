import {
  createHttpApp,
  createMemoryFailureLimiter,
  createMemorySessionEvents,
  dummyPasswordHash,
  listenHttp,
  type HttpApp,
} from '@parley/server-kit';

import { createLoginMetrics } from '../metrics/login-metrics.js';
import { startRetentionJob, type RetentionJob } from '../retention/retention-job.js';

import { LOGIN_DEFAULTS, type LoginContext, type LoginServerDeps } from './context.js';
import { registerRoutes } from './routes.js';

export interface LoginServer {
  /** Listens on config.port (0: any free port) and resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Stops accepting requests and closes open connections. Does not close the database. */
  stop(): Promise<void>;
}

/**
 * The login-server ("short link"): sign-in, registration, token refresh and sign-out, device
 * sessions, the caller's profile and password, user administration, the directory and its
 * search, and discovery, over HTTP with protobuf or proto3-JSON bodies (docs/http-api.md).
 *
 * @example
 * const server = createLoginServer({ db, signer, verifier, registry, logger,
 *   config: { port: 3001, fileServerUrl: 'http://localhost:3003' } });
 * const { port } = await server.start();
 * // POST http://localhost:${port}/v1/auth/sign-in {"login":"alice","password":"…"}
 * await server.stop();
 */
export function createLoginServer(deps: LoginServerDeps): LoginServer {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const ipLimit = config.ipLimit ?? LOGIN_DEFAULTS.ipLimit;
  const ctx: LoginContext = {
    db: deps.db,
    signer: deps.signer,
    registry: deps.registry,
    logger: deps.logger,
    now,
    ipLimiter: deps.ipLimiter ?? createMemoryFailureLimiter({ ...ipLimit, now }),
    sessionEvents: deps.sessionEvents ?? createMemorySessionEvents({ logger: deps.logger }),
    registrationOpen: config.registrationOpen,
    fileServerUrl: config.fileServerUrl,
    refreshTtlMs: config.refreshTtlMs ?? LOGIN_DEFAULTS.refreshTtlMs,
    lockout: config.lockout ?? LOGIN_DEFAULTS.lockout,
  };
  let app: HttpApp | undefined;
  let retention: RetentionJob | undefined;
  let metricsClose: (() => void) | undefined;

  return {
    async start() {
      if (app) throw new Error('login-server already started');
      // Make the timing-equaliser hash now, so the first unknown login is not the fast one.
      await dummyPasswordHash();
      const metrics = createLoginMetrics();
      const created = await createHttpApp({
        service: 'login-server',
        version: config.version ?? '0.1.0',
        logger: deps.logger,
        bodyLimit: config.bodyLimit ?? LOGIN_DEFAULTS.bodyLimit,
        ...(config.corsOrigins === undefined ? {} : { corsOrigins: config.corsOrigins }),
        trustProxy: config.trustProxy ?? false,
        metrics: metrics.metrics,
        readiness: [
          { name: 'database', check: () => deps.db.execSql('SELECT 1') },
          // Redis when the registry lives there (the shared state of a scaled-out deployment).
          { name: 'registry', check: () => deps.registry.list() },
        ],
      });
      metrics.instrument(created);
      metricsClose = () => metrics.metrics.close();
      registerRoutes(created, ctx, deps.verifier);
      app = created;
      const retentionIntervalMs = config.retentionIntervalMs ?? 3_600_000;
      if (retentionIntervalMs > 0) {
        retention = startRetentionJob(
          { db: deps.db, logger: deps.logger, now },
          { intervalMs: retentionIntervalMs, holder: `login-${crypto.randomUUID()}` },
        );
      }
      const { port } = await listenHttp(created, {
        host: config.host ?? LOGIN_DEFAULTS.host,
        port: config.port,
      });
      deps.logger.info({ port }, 'login-server listening');
      return { port };
    },
    async stop() {
      const running = app;
      app = undefined;
      metricsClose?.();
      metricsClose = undefined;
      await retention?.stop();
      retention = undefined;
      await running?.close();
    },
  };
}
