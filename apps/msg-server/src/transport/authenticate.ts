import { activeSessionIds, type Database } from '@parley/db';
import { ProtocolError, pb, toJson } from '@parley/proto';
import type { Logger, TokenVerifier } from '@parley/server-kit';
import type { ExtendedError } from 'socket.io';

import type { MsgServerConfig } from '../settings.js';
import { createBatchedLookup } from './batched-lookup.js';
import type { MsgSocket } from './socket-types.js';
import { toProtocolError } from './to-protocol-error.js';

/**
 * socket.io middleware: the handshake must carry `auth: { token }`, a valid access token whose
 * device session is still active. A refusal reaches the client as a connect_error whose `data`
 * is a pb.Error in the proto3 JSON mapping, e.g.
 * `{ code: 'ERROR_CODE_UNAUTHENTICATED', message: 'access token expired' }`.
 *
 * The session checks of handshakes arriving together share one query (createBatchedLookup):
 * in a reconnect storm that is a few dozen queries instead of one per client. Each check still
 * reads the database after its handshake arrived (nothing is cached), so a session revoked
 * before the handshake is refused exactly as with one query per handshake.
 */
export function authenticate(deps: {
  verifier: TokenVerifier;
  db: Database;
  config: MsgServerConfig;
  logger: Logger;
}) {
  const sessionActive = createBatchedLookup(async (sessionIds) => {
    const active = await activeSessionIds(deps.db, sessionIds);
    return (sessionId) => active.has(sessionId);
  });
  return async (socket: MsgSocket, next: (err?: ExtendedError) => void): Promise<void> => {
    try {
      const auth: unknown = socket.handshake.auth;
      const token =
        typeof auth === 'object' &&
        auth !== null &&
        typeof (auth as { token?: unknown }).token === 'string'
          ? (auth as { token: string }).token
          : undefined;
      const user = await deps.verifier.verify(token);
      if (deps.config.checkSessionOnConnect && !(await sessionActive(user.sessionId))) {
        throw new ProtocolError(
          pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED,
          'session revoked or account disabled',
        );
      }
      socket.data.user = user;
      next();
    } catch (err) {
      const error = toProtocolError(err, deps.logger);
      const refusal: ExtendedError = new Error(error.message);
      refusal.data = toJson(pb.Error, pb.Error.fromObject(error.toWire()));
      next(refusal);
    }
  };
}
