/**
 * Turning a failed HTTP response of Parley's servers into a ProtocolError: the body's
 * ErrorResponse when there is one, else a code from the status.
 */
import { ProtocolError, pb } from '@parley/proto';

const PROTOBUF = 'application/x-protobuf';

/** The response body as bytes. */
export async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/** The body's pb.ErrorResponse (binary or JSON), else an error made from the status. */
export async function errorOf(response: Response): Promise<ProtocolError> {
  const type = response.headers.get('content-type') ?? '';
  try {
    const bytes = await bytesOf(response);
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
