/**
 * The transport of the admin client: one authenticated request to the login-server with a
 * binary protobuf body and answer. Failures come out as ProtocolError (the body's
 * pb.ErrorResponse, else one made from the HTTP status); network failures as UNAVAILABLE.
 */
import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import type { FetchLike } from '../http/login-api.js';

const PROTOBUF = 'application/x-protobuf';

/** A decoder of one response message type. */
export interface Decoder<T> {
  decode(bytes: Uint8Array): T;
}

/** One request: method, path (with query), optional encoded body. */
export interface AdminRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: Uint8Array;
}

/** Sends requests for createAdminApi. */
export type AdminCall = <T>(request: AdminRequest, type: Decoder<T>) => Promise<T>;

/** Builds the transport: base URL, fetch and where the access token comes from. */
export function createAdminCall(options: {
  baseUrl: string;
  fetch?: FetchLike;
  accessToken: string | (() => string | Promise<string>);
}): AdminCall {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const token = options.accessToken;
  return async <T>(request: AdminRequest, type: Decoder<T>): Promise<T> => {
    const headers: Record<string, string> = {
      Accept: PROTOBUF,
      Authorization: `Bearer ${typeof token === 'function' ? await token() : token}`,
    };
    if (request.body) headers['Content-Type'] = PROTOBUF;
    let response: Response;
    try {
      response = await doFetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        body: request.body ? copyToArrayBuffer(request.body) : undefined,
      });
    } catch (err) {
      throw networkError(err);
    }
    const bytes = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (!response.ok) throw errorFromResponse(response, bytes);
    try {
      return type.decode(bytes);
    } catch (err) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_INTERNAL,
        `unreadable ${request.path} response: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}

/** A query string of the non-empty parameters ("" when none). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '' && value !== 0) q.set(key, String(value));
  }
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

function errorFromResponse(response: Response, bytes: Uint8Array): ProtocolError {
  const type = response.headers.get('content-type') ?? '';
  try {
    if (type.includes(PROTOBUF)) {
      const decoded = pb.ErrorResponse.decode(bytes);
      if (decoded.error) return ProtocolError.fromWire(decoded.error);
    } else if (type.includes('json')) {
      const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      const decoded = pb.ErrorResponse.fromObject(json);
      if (decoded.error) return ProtocolError.fromWire(decoded.error);
    }
  } catch {
    // Not an ErrorResponse: fall through to the status.
  }
  const C = pb.ErrorCode;
  const byStatus: Record<number, pb.ErrorCode> = {
    400: C.ERROR_CODE_BAD_REQUEST,
    401: C.ERROR_CODE_UNAUTHENTICATED,
    403: C.ERROR_CODE_FORBIDDEN,
    404: C.ERROR_CODE_NOT_FOUND,
    409: C.ERROR_CODE_CONFLICT,
    413: C.ERROR_CODE_TOO_LARGE,
    429: C.ERROR_CODE_RATE_LIMITED,
    502: C.ERROR_CODE_UNAVAILABLE,
    503: C.ERROR_CODE_UNAVAILABLE,
    504: C.ERROR_CODE_UNAVAILABLE,
  };
  return new ProtocolError(
    byStatus[response.status] ?? C.ERROR_CODE_INTERNAL,
    `HTTP ${response.status}`,
  );
}

function copyToArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
