import { ProtocolError, pb } from '@parley/proto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { httpStatusFor } from '../http-status.js';
import type { Logger } from '../logger.js';

import { sendMessage } from './content.js';

const C = pb.ErrorCode;

/**
 * Turns anything thrown into the typed error a client sees. ProtocolErrors pass through;
 * fastify's own request errors (body too large, unsupported media type, bad content length)
 * keep their meaning; everything else is INTERNAL with no detail, so internals never leak.
 */
export function toProtocolError(err: unknown): ProtocolError {
  if (err instanceof ProtocolError) return err;
  const fe = err as Partial<FastifyError> | null;
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (typeof fe?.code === 'string' && fe.code.startsWith('FST_') && status >= 400 && status < 500) {
    switch (status) {
      case 413:
        return new ProtocolError(C.ERROR_CODE_TOO_LARGE, 'request body too large');
      case 415:
        return new ProtocolError(C.ERROR_CODE_UNSUPPORTED, 'unsupported content type');
      case 404:
        return new ProtocolError(C.ERROR_CODE_NOT_FOUND, 'not found');
      default:
        return new ProtocolError(C.ERROR_CODE_BAD_REQUEST, fe.message ?? 'bad request');
    }
  }
  return new ProtocolError(C.ERROR_CODE_INTERNAL, 'internal error');
}

/** Sends a typed error as pb.ErrorResponse with its HTTP status (and Retry-After when set). */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: ProtocolError) {
  const retryAfterMs = error.details.retryAfterMs ?? 0;
  if (retryAfterMs > 0) reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
  return sendMessage(
    request,
    reply,
    pb.ErrorResponse,
    pb.ErrorResponse.create({ error: error.toWire() }),
    httpStatusFor(error.code),
  );
}

/** Installs the error and not-found handlers that answer every failure with an ErrorResponse. */
export function installErrorHandlers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err, request, reply) => {
    const error = toProtocolError(err);
    if (error.code === C.ERROR_CODE_INTERNAL) {
      logger.error(
        { err, method: request.method, url: request.routeOptions.url },
        'request failed',
      );
    } else {
      logger.debug(
        { code: error.code, message: error.message, url: request.url },
        'request refused',
      );
    }
    return sendError(request, reply, error);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new ProtocolError(C.ERROR_CODE_NOT_FOUND, 'no such endpoint')),
  );
}
