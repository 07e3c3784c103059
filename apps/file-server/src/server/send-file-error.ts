import { pb } from '@parley/proto';
import { httpStatusFor, sendMessage, toProtocolError, type Logger } from '@parley/server-kit';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { StatusError } from '../errors.js';

/**
 * server-kit's error handling (typed pb.ErrorResponse, internals hidden) plus the statuses tus
 * needs that no error code maps to (410 Gone, 412 Precondition Failed).
 */
export function fileErrorHandler(logger: Logger) {
  return (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const error = toProtocolError(err);
    const status = error instanceof StatusError ? error.status : httpStatusFor(error.code);
    if (error.code === pb.ErrorCode.ERROR_CODE_INTERNAL) {
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
    return sendMessage(
      request,
      reply,
      pb.ErrorResponse,
      pb.ErrorResponse.create({ error: error.toWire() }),
      status,
    );
  };
}
