import { pb } from '@parley/proto';

import type { WorldSession } from './cluster-world.js';

/** Where a test wants a client's next connection: `to` set cuts discovery to that node. */
export interface Pin {
  to: string | undefined;
}

/**
 * createParleyClient options for a device of a world user: signed in already, the real
 * login-server for discovery (cut to the pinned node while `pin.to` is set), one transport,
 * short timeouts and backoff so failover is quick, and an outbox that keeps retrying.
 * (Test files make the client: only they may import the SDK.)
 */
export function clientOptions(
  loginUrl: string,
  s: WorldSession,
  pin: Pin,
  transport: 'websocket' | 'polling' = 'websocket',
) {
  return {
    loginUrl,
    session: {
      accessToken: s.accessToken,
      accessExpiresAt: Date.now() + 3_600_000,
      refreshToken: 'unused',
      refreshExpiresAt: Date.now() + 86_400_000,
      sessionId: s.sessionId,
      user: {
        id: s.user.id,
        login: s.user.login,
        displayName: s.user.login,
        departmentId: 0,
        role: pb.Role.ROLE_MEMBER,
        status: pb.UserStatus.USER_STATUS_ACTIVE,
        title: '',
        avatarUrl: '',
        signature: '',
        version: 0,
      },
    },
    fetch: async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      if (!String(input).includes('/v1/discovery') || !pin.to || !response.ok) return response;
      const answer = pb.DiscoveryResponse.decode(new Uint8Array(await response.arrayBuffer()));
      const only = answer.msgServers.filter((m) => m.id === pin.to);
      const body = pb.DiscoveryResponse.encode({ ...answer, msgServers: only }).finish();
      return new Response(body.slice(), { status: 200 });
    },
    transports: [transport],
    backoff: { baseMs: 50, maxMs: 500 },
    connectTimeoutMs: 3_000,
    requestTimeoutMs: 3_000,
    discoveryTtlMs: 0,
    ackGapGraceMs: 300,
    outbox: { maxAttempts: 1_000, retryDelayMs: 50 },
  };
}
