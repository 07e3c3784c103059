/**
 * Holds the session tokens of one device and keeps them valid: refreshes the access token
 * when it is about to expire or when a call answers UNAUTHENTICATED, with one refresh in
 * flight at a time (refresh tokens rotate: two parallel refreshes would look like reuse and
 * revoke the whole session family).
 */
import { ProtocolError, pb } from '@parley/proto';

import { isUnauthenticated } from '../errors/client-errors.js';
import { toSession } from '../model/normalize.js';
import type { Session } from '../model/types.js';
import type { LoginApi } from './login-api.js';

/** Refresh this long before the access token expires, so requests never race the expiry. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The session of one device.
 *
 * @example
 * const auth = new AuthSession(api, savedSession, (s) => save(s));
 * const me = await auth.withToken((token) => api.me(token));
 */
export class AuthSession {
  private refreshing: Promise<Session> | undefined;

  constructor(
    private readonly api: LoginApi,
    private session: Session | null,
    /** Told about every new session (sign-in, rotation) and about its end (null). */
    private readonly onChange: (session: Session | null) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current session, or null when signed out. */
  get current(): Session | null {
    return this.session;
  }

  /**
   * Signs in with a login and password and keeps the new session.
   *
   * @example
   * const session = await auth.signIn('alice', 'secret', pb.DeviceKind.DEVICE_KIND_WEB, 'Firefox');
   */
  async signIn(
    login: string,
    password: string,
    deviceKind: pb.DeviceKind,
    deviceName: string,
  ): Promise<Session> {
    const tokens = await this.api.signIn({ login, password, deviceKind, deviceName });
    return this.set(toSession(tokens));
  }

  /**
   * An access token that is valid for at least the next few seconds, refreshing first if
   * needed. Throws UNAUTHENTICATED when there is no session or it cannot be refreshed.
   *
   * @example
   * const token = await auth.accessToken();
   */
  async accessToken(): Promise<string> {
    const s = this.requireSession();
    if (s.accessExpiresAt > 0 && s.accessExpiresAt - EXPIRY_MARGIN_MS <= this.now()) {
      return (await this.refresh()).accessToken;
    }
    return s.accessToken;
  }

  /**
   * Runs `call` with the access token; on UNAUTHENTICATED refreshes once and runs it again.
   *
   * @example
   * const dir = await auth.withToken((t) => api.directory(t, 0));
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!isUnauthenticated(err)) throw err;
      const refreshed = await this.refresh(token);
      return call(refreshed.accessToken);
    }
  }

  /**
   * Exchanges the refresh token for new tokens. Concurrent callers share one refresh; a
   * caller holding an already replaced token (`staleToken`) gets the newer session at once.
   * When the server refuses the refresh token the session ends (onChange(null)).
   *
   * @example
   * await auth.refresh();
   */
  refresh(staleToken?: string): Promise<Session> {
    const s = this.requireSession();
    if (staleToken !== undefined && staleToken !== s.accessToken) return Promise.resolve(s);
    this.refreshing ??= this.api
      .refresh(s.refreshToken)
      .then((tokens) => {
        const next = toSession(tokens);
        // The refresh response may omit the user; keep the one we know.
        return this.set(next.user.id === 0 ? { ...next, user: s.user } : next);
      })
      .catch((err: unknown) => {
        // A refused refresh token (expired, reused, revoked, user disabled) ends the session;
        // a network failure does not.
        if (isUnauthenticated(err) || isForbidden(err)) this.clear();
        throw err;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Forgets the session locally (after sign-out, a refused refresh, or a kick). */
  clear(): void {
    if (this.session === null) return;
    this.session = null;
    this.onChange(null);
  }

  private set(session: Session): Session {
    this.session = session;
    this.onChange(session);
    return session;
  }

  private requireSession(): Session {
    if (!this.session) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'signed out');
    }
    return this.session;
  }
}

function isForbidden(err: unknown): boolean {
  return err instanceof ProtocolError && err.code === pb.ErrorCode.ERROR_CODE_FORBIDDEN;
}
