/**
 * Turning a failed HTTP response of Parley's servers into a ProtocolError: the body's
 * ErrorResponse when there is one, else a code from the status. Every HTTP client of the SDK
 * (login, admin, stats, files) answers failures this way.
 */
import { ProtocolError, pb } from '@parley/proto';

/** The content type of binary protobuf bodies. */
export const PROTOBUF = 'application/x-protobuf';

/** The response body as bytes. */
export async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The error of a failed response whose body was already read: its pb.ErrorResponse (binary
 * or proto3 JSON), else one made from the HTTP status (a proxy's page, an empty body).
 *
 * @example
 * if (!response.ok) throw errorFromResponse(response, bytes);
 */
export function errorFromResponse(response: Response, bytes: Uint8Array): ProtocolError {
  const type = response.headers.get('content-type') ?? '';
  try {
    const decoded = type.includes(PROTOBUF)
      ? pb.ErrorResponse.decode(bytes)
      : type.includes('json')
        ? pb.ErrorResponse.fromObject(JSON.parse(new TextDecoder().decode(bytes)) as object)
        : null;
    if (decoded?.error) return ProtocolError.fromWire(decoded.error);
  } catch {
    // Not an ErrorResponse (a proxy's page, a HEAD without body): use the status.
  }
  return new ProtocolError(codeForStatus(response.status), `HTTP ${response.status}`);
}

/**
 * Reads a failed response's body and returns its error (see errorFromResponse).
 *
 * @example
 * if (!response.ok) throw await errorOf(response);
 */
export async function errorOf(response: Response): Promise<ProtocolError> {
  const bytes = await bytesOf(response).catch(() => new Uint8Array(0));
  return errorFromResponse(response, bytes);
}

function codeForStatus(status: number): pb.ErrorCode {
  const C = pb.ErrorCode;
  if (status === 400) return C.ERROR_CODE_BAD_REQUEST;
  if (status === 401) return C.ERROR_CODE_UNAUTHENTICATED;
  if (status === 403) return C.ERROR_CODE_FORBIDDEN;
  if (status === 404 || status === 410) return C.ERROR_CODE_NOT_FOUND;
  if (status === 409 || status === 423) return C.ERROR_CODE_CONFLICT;
  if (status === 412 || status === 415) return C.ERROR_CODE_UNSUPPORTED;
  if (status === 413) return C.ERROR_CODE_TOO_LARGE;
  if (status === 429) return C.ERROR_CODE_RATE_LIMITED;
  if (status >= 500) return C.ERROR_CODE_UNAVAILABLE;
  return C.ERROR_CODE_INTERNAL;
}

/** A copy of `bytes` in an ArrayBuffer of its own (what fetch bodies accept everywhere). */
export function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
