import { pb } from '@parley/proto';
import { createParleyClient, type ParleyClient, type ParleyClientOptions } from '@parley/sdk';

/** Who the SDK client is signed in as, and where its msg-server is. */
export interface TestSdkClientOptions {
  /** The msg-server's origin (discovery lists only it). */
  url: string;
  token: string;
  userId: number;
  login: string;
  sessionId?: number;
  /** The id discovery gives the msg-server (default msg-1). */
  serverId?: string;
  /** Any other client option (transports, socket factory, timeouts, outbox tuning). */
  client?: Partial<ParleyClientOptions>;
}

/**
 * An SDK client already signed in with `token`, without a login-server: the SDK's injectable
 * fetch answers discovery (this one msg-server) and the directory (empty) in-process.
 *
 * @example
 * const sdk = createTestSdkClient({ url: stack.url, token: alice.token, userId: alice.id, login: 'alice' });
 * await sdk.connect();
 */
export function createTestSdkClient(options: TestSdkClientOptions): ParleyClient {
  const discovery = pb.DiscoveryResponse.encode({
    msgServers: [{ id: options.serverId ?? 'msg-1', url: options.url, path: '/socket.io' }],
  }).finish();
  const emptyDirectory = pb.DirectoryResponse.encode({}).finish();
  return createParleyClient({
    loginUrl: 'http://login.invalid',
    session: {
      accessToken: options.token,
      accessExpiresAt: Date.now() + 3_600_000,
      refreshToken: 'unused',
      refreshExpiresAt: Date.now() + 86_400_000,
      sessionId: options.sessionId ?? 0,
      user: {
        id: options.userId,
        login: options.login,
        displayName: options.login,
        departmentId: 0,
        role: pb.Role.ROLE_MEMBER,
        status: pb.UserStatus.USER_STATUS_ACTIVE,
        title: '',
        avatarUrl: '',
        signature: '',
        version: 0,
      },
    },
    // Only discovery and the directory are asked for over HTTP once a session exists.
    fetch: (input) => {
      const body = String(input).includes('/v1/discovery') ? discovery : emptyDirectory;
      return Promise.resolve(new Response(body.slice(), { status: 200 }));
    },
    ...options.client,
  });
}
