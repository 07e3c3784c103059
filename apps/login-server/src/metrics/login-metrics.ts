import { createMetrics, type HttpApp, type Metrics } from '@parley/server-kit';

/** Sign-in outcomes, from the HTTP status of POST /v1/auth/sign-in. */
export type SignInOutcome = 'success' | 'rejected' | 'limited' | 'invalid' | 'error';

function outcomeOf(status: number): SignInOutcome {
  if (status < 300) return 'success';
  if (status === 401) return 'rejected'; // wrong login or password
  if (status === 429) return 'limited'; // account locked or address limit
  if (status < 500) return 'invalid';
  return 'error';
}

/**
 * login-server's metrics: the shared HTTP request metrics plus `parley_sign_ins_total{outcome}`
 * (success, rejected, limited, invalid, error). Counted from responses, so the sign-in code
 * itself carries no instrumentation.
 *
 * @example
 * const metrics = createLoginMetrics();
 * const app = await createHttpApp({ service: 'login-server', logger, metrics: metrics.metrics });
 * metrics.instrument(app);
 */
export function createLoginMetrics(): { metrics: Metrics; instrument(app: HttpApp): void } {
  const metrics = createMetrics({ service: 'login-server' });
  const signIns = metrics.counter('sign_ins_total', 'Sign-in attempts by outcome', ['outcome']);
  // Every series exists from the start, so rate() over a fresh server is 0 rather than absent.
  for (const outcome of ['success', 'rejected', 'limited', 'invalid', 'error'] as const) {
    signIns.inc({ outcome }, 0);
  }
  return {
    metrics,
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        if (request.routeOptions.url === '/v1/auth/sign-in' && request.method === 'POST') {
          signIns.inc({ outcome: outcomeOf(reply.statusCode) });
        }
      });
    },
  };
}
