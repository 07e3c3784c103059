/**
 * The transport of the admin client: one authenticated request to the login-server with a
 * binary protobuf body and answer. Failures come out as ProtocolError (the body's
 * pb.ErrorResponse, else one made from the HTTP status); network failures as UNAVAILABLE.
 */
import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import type { FetchLike } from '../http/login-api.js';
import { copyToArrayBuffer, errorFromResponse, PROTOBUF } from '../http/http-errors.js';

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
