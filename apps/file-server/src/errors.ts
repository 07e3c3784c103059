import { ProtocolError, pb } from '@parley/proto';

const C = pb.ErrorCode;

/**
 * A typed error whose HTTP status is not the one its code maps to: tus asks for 410 Gone and
 * 412 Precondition Failed, which have no error code of their own.
 */
export class StatusError extends ProtocolError {
  constructor(
    readonly status: number,
    code: pb.ErrorCode,
    message: string,
    details: { field?: string } = {},
  ) {
    super(code, message, details);
  }
}

export const badRequest = (message: string, field?: string) =>
  new ProtocolError(C.ERROR_CODE_BAD_REQUEST, message, field ? { field } : {});
export const notFound = (message: string) => new ProtocolError(C.ERROR_CODE_NOT_FOUND, message);
export const forbidden = (message: string) => new ProtocolError(C.ERROR_CODE_FORBIDDEN, message);
export const conflict = (message: string) => new ProtocolError(C.ERROR_CODE_CONFLICT, message);
export const tooLarge = (message: string) => new ProtocolError(C.ERROR_CODE_TOO_LARGE, message);
export const gone = (message: string) => new StatusError(410, C.ERROR_CODE_NOT_FOUND, message);
