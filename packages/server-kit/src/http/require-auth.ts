import { ProtocolError, pb } from '@parley/proto';
import type { FastifyRequest, preHandlerHookHandler } from 'fastify';

import type { AccessClaims, TokenVerifier } from '../tokens.js';

const claimsByRequest = new WeakMap<FastifyRequest, AccessClaims>();

export interface RequireAuthOptions {
  /**
   * Extra check after the signature: e.g. that the session was not signed out. Without it a
   * token stays valid until it expires.
   */
  isSessionActive?: (claims: AccessClaims) => Promise<boolean>;
}

/**
 * A preHandler that accepts `Authorization: Bearer <access token>` and records the claims for
 * the handler (read them with `claimsOf(request)`). Failures are UNAUTHENTICATED (401).
 *
 * @example
 * app.get('/v1/me', { preHandler: requireAuth(verifier) }, async (request, reply) => {
 *   const { userId } = claimsOf(request);
 * });
 */
export function requireAuth(
  verifier: TokenVerifier,
  options: RequireAuthOptions = {},
): preHandlerHookHandler {
  const authenticate = async (request: FastifyRequest) => {
    const claims = await verifier.verify(bearerToken(request.headers.authorization));
    if (options.isSessionActive && !(await options.isSessionActive(claims))) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'session has ended');
    }
    claimsByRequest.set(request, claims);
  };
  // Callback style, so route options accept it without a floating promise.
  return (request, _reply, done) => {
    authenticate(request).then(
      () => done(),
      (err: Error) => done(err),
    );
  };
}

/** The claims requireAuth verified for this request. */
export function claimsOf(request: FastifyRequest): AccessClaims {
  const claims = claimsByRequest.get(request);
  if (!claims) {
    // A route that reads claims without requireAuth is a programming error, not a client's.
    throw new Error('claimsOf() on a route without requireAuth');
  }
  return claims;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header ?? '');
  return match?.[1];
}
