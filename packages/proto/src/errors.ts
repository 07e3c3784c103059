import { parley } from './generated/parley.js';

import pb = parley.v1;

/**
 * A typed failure that crosses the wire as `parley.v1.Error`. Servers throw it from service
 * functions; transports turn it into an error frame or an HTTP error body.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: pb.ErrorCode,
    message: string,
    readonly details: { retryAfterMs?: number; field?: string } = {},
  ) {
    super(message);
    this.name = 'ProtocolError';
  }

  /** The wire form of this error. */
  toWire(): pb.Error.$Properties {
    return {
      code: this.code,
      message: this.message,
      retryAfterMs: this.details.retryAfterMs ?? 0,
      field: this.details.field ?? '',
    };
  }

  /** Rebuilds a ProtocolError from a wire Error (client side). */
  static fromWire(e: pb.Error.$Properties | null | undefined): ProtocolError {
    return new ProtocolError(
      e?.code ?? pb.ErrorCode.ERROR_CODE_INTERNAL,
      e?.message || 'unknown error',
      { retryAfterMs: e?.retryAfterMs ?? 0, field: e?.field ?? '' },
    );
  }
}

/** The short name of an error code, e.g. 'RATE_LIMITED'. */
export function errorCodeName(code: pb.ErrorCode): string {
  const name = pb.ErrorCode[code];
  return typeof name === 'string' ? name.replace(/^ERROR_CODE_/, '') : `CODE_${code}`;
}
