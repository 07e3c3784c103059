/**
 * The login-server's HTTP API ("short link"): binary protobuf both ways. Failures arrive as
 * pb.ErrorResponse with an HTTP status and come out as ProtocolError; network failures come
 * out as UNAVAILABLE, so callers handle every failure by its code.
 */
import { ProtocolError, pb, type MessageType } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import { copyToArrayBuffer, errorFromResponse, PROTOBUF } from './http-errors.js';

/** The fetch function the SDK uses; inject one in tests or non-browser runtimes. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Options of createLoginApi. */
export interface LoginApiOptions {
  /** The login-server origin, e.g. `http://localhost:3001`. */
  baseUrl: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /**
   * How long a call may take, body included, before it fails as UNAVAILABLE (default 15 s).
   * Without it a request on a connection that went silent (a dead network) waits for minutes.
   */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Raw calls to the login-server; see createLoginApi. */
export interface LoginApi {
  signIn(request: pb.SignInRequest.$Properties): Promise<pb.SessionTokens.$Properties>;
  refresh(refreshToken: string): Promise<pb.SessionTokens.$Properties>;
  signOut(accessToken: string): Promise<void>;
  me(accessToken: string): Promise<pb.MeResponse.$Properties>;
  /** One page of directory changes; follow `nextCursor` until it is empty. */
  directory(
    accessToken: string,
    since: number,
    cursor?: string,
  ): Promise<pb.DirectoryResponse.$Properties>;
  discovery(): Promise<pb.DiscoveryResponse.$Properties>;
}

/**
 * Creates the login-server client. It holds no state: tokens are passed per call (see
 * AuthSession for refresh handling).
 *
 * @example
 * const api = createLoginApi({ baseUrl: 'http://localhost:3001' });
 * const tokens = await api.signIn({ login: 'alice', password: 'secret' });
 * const { msgServers } = await api.discovery();
 */
export function createLoginApi(options: LoginApiOptions): LoginApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<T>(
    path: string,
    type: MessageType<T>,
    init: { method: 'GET' | 'POST'; body?: Uint8Array; token?: string },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: PROTOBUF };
    if (init.body) headers['Content-Type'] = PROTOBUF;
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let response: Response;
    const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        headers,
        signal,
        // An exact copy: a view's underlying buffer can be larger than the message.
        body: init.body ? copyToArrayBuffer(init.body) : undefined,
      });
    } catch (err) {
      throw networkError(err);
    }
    const bytes = new Uint8Array(
      await response.arrayBuffer().catch((err: unknown) => {
        if (signal.aborted) throw networkError(err);
        return new ArrayBuffer(0);
      }),
    );
    if (!response.ok) throw errorFromResponse(response, bytes);
    try {
      return type.decode(bytes);
    } catch (err) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_INTERNAL,
        `unreadable ${path} response: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  return {
    signIn: (request) =>
      call('/v1/auth/sign-in', pb.SessionTokens, {
        method: 'POST',
        body: pb.SignInRequest.encode(request).finish(),
      }),
    refresh: (refreshToken) =>
      call('/v1/auth/refresh', pb.SessionTokens, {
        method: 'POST',
        body: pb.RefreshRequest.encode({ refreshToken }).finish(),
      }),
    signOut: async (token) => {
      await call('/v1/auth/sign-out', pb.SignOutResponse, {
        method: 'POST',
        body: pb.SignOutRequest.encode({}).finish(),
        token,
      });
    },
    me: (token) => call('/v1/me', pb.MeResponse, { method: 'GET', token }),
    directory: (token, since, cursor) => {
      const query = new URLSearchParams({ since: String(since) });
      if (cursor) query.set('cursor', cursor);
      return call(`/v1/directory?${query.toString()}`, pb.DirectoryResponse, {
        method: 'GET',
        token,
      });
    },
    discovery: () => call('/v1/discovery', pb.DiscoveryResponse, { method: 'GET' }),
  };
}
