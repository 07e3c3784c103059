import { ProtocolError, pb } from '@parley/proto';

import type { FastifyInstance } from 'fastify';

import { sendMessage } from './content.js';
import { sendError } from './errors.js';

/** One dependency GET /ready checks: `check` resolves when it is reachable. */
export interface ReadinessCheck {
  /** Reported when failing, e.g. 'database'. */
  name: string;
  check(): Promise<unknown>;
}

/** How long one readiness check may take before it counts as failed. */
const READY_TIMEOUT_MS = 2_000;

/** GET /health: pb.HealthResponse { service, status: 'ok', version } for probes and tests. */
export function registerHealth(app: FastifyInstance, info: { service: string; version: string }) {
  app.get('/health', async (request, reply) =>
    sendMessage(
      request,
      reply,
      pb.HealthResponse,
      pb.HealthResponse.create({ service: info.service, status: 'ok', version: info.version }),
    ),
  );
}

/**
 * GET /ready: runs every check (in parallel, 2 s each at most) and answers 200 with
 * pb.HealthResponse { status: 'ready' }, or 503 with an UNAVAILABLE pb.ErrorResponse naming
 * what failed ("not ready: database (…)"). /health says the process is alive; /ready says it
 * can serve (a load balancer or orchestrator routes traffic on it). `checks` is read at every
 * request, so a server may add to it after creating the app.
 *
 * @example
 * registerReadiness(app, { service: 'login-server', version: '1.0.0' }, [
 *   { name: 'database', check: () => db.execSql('SELECT 1') },
 *   { name: 'redis', check: () => redis.ping() },
 * ]);
 */
export function registerReadiness(
  app: FastifyInstance,
  info: { service: string; version: string },
  checks: readonly ReadinessCheck[],
) {
  app.get('/ready', async (request, reply) => {
    const failures = (await Promise.all(checks.map(runCheck))).filter((f) => f !== null);
    if (failures.length > 0) {
      return sendError(
        request,
        reply,
        new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, `not ready: ${failures.join(', ')}`),
      );
    }
    return sendMessage(
      request,
      reply,
      pb.HealthResponse,
      pb.HealthResponse.create({ service: info.service, status: 'ready', version: info.version }),
    );
  });
}

/** null when the check passed, else "name (reason)". */
async function runCheck(c: ReadinessCheck): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([c.check(), timeout]);
    return null;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return `${c.name} (${reason.slice(0, 120)})`;
  } finally {
    clearTimeout(timer);
  }
}
