import { ProtocolError } from '@parley/proto';
import { createAdminApi, type AdminApi } from '@parley/sdk/admin';
import { expect } from 'vitest';

import type { TestLoginServer } from './start-test-login-server.js';

/**
 * Adds the administrator `root` to a test login-server, signs them in, and returns the SDK's
 * admin client acting as them.
 *
 * @example
 * const { api, rootId } = await signInRoot(s);
 * await api.listUsers({});
 */
export async function signInRoot(s: TestLoginServer): Promise<{ api: AdminApi; rootId: number }> {
  const root = await s.addUser('root', 'admin-password', { role: 'admin' });
  const { accessToken } = await s.signIn('root', 'admin-password');
  return { api: createAdminApi({ baseUrl: s.base, accessToken }), rootId: root.id };
}

/** The ProtocolError a call fails with (fails the test when it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<ProtocolError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProtocolError);
  return err as ProtocolError;
}
