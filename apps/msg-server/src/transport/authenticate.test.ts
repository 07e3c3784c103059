import { revokeSession } from '@parley/db';
import { createTokenSigner, generateAuthKeys } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectClient, startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

/** The connect_error a refused handshake produces. */
async function refusal(auth: Record<string, unknown> | undefined) {
  const err: unknown = await connectClient(stack.url, (auth?.['token'] as string) ?? '').then(
    (c) => {
      c.close();
      throw new Error('connected without valid credentials');
    },
    (e: unknown) => e,
  );
  return err as Error & { data?: { code?: string; message?: string } };
}

describe('handshake authentication', () => {
  it('refuses a missing token with a typed UNAUTHENTICATED error', async () => {
    const err = await refusal(undefined);
    expect(err.data).toMatchObject({
      code: 'ERROR_CODE_UNAUTHENTICATED',
      message: 'missing access token',
    });
  });

  it('refuses garbage and tokens signed by another key', async () => {
    expect((await refusal({ token: 'not.a.jwt' })).data?.code).toBe('ERROR_CODE_UNAUTHENTICATED');
    const other = await createTokenSigner({
      privateKeyPem: (await generateAuthKeys()).privateKeyPem,
      ttlSeconds: 60,
    });
    const user = await stack.createUser('mallory');
    const { token } = await other.sign({
      userId: user.id,
      sessionId: 1,
      role: 'admin',
      deviceKind: 'web',
    });
    expect((await refusal({ token })).data?.code).toBe('ERROR_CODE_UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const user = await stack.createUser('late');
    const { token } = await stack.signer.sign(
      { userId: user.id, sessionId: 1, role: 'member', deviceKind: 'web' },
      Date.now() - 3_600_000,
    );
    expect((await refusal({ token })).data).toMatchObject({
      code: 'ERROR_CODE_UNAUTHENTICATED',
      message: 'access token expired',
    });
  });

  it('refuses a valid token whose session was revoked, and accepts a live one', async () => {
    const user = await stack.createUser('revoked');
    const ok = await stack.connect(user.token);
    expect((await ok.request({ ping: {} })).body).toBe('pong');
    const sessionId = Number(
      JSON.parse(Buffer.from(user.token.split('.')[1] ?? '', 'base64url').toString()).sid,
    );
    await revokeSession(stack.db, { sessionId, reason: 'test' });
    expect((await refusal({ token: user.token })).data?.message).toBe(
      'session revoked or account disabled',
    );
  });

  it('decides each of many handshakes arriving together by its own session (the checks share a query)', async () => {
    const users = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => stack.createUser(`many${i}`)));
    const sessionOf = (token: string) =>
      Number(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sid);
    for (const u of users.filter((_, i) => i % 2 === 1)) {
      await revokeSession(stack.db, { sessionId: sessionOf(u.token), reason: 'test' });
    }
    const results = await Promise.allSettled(users.map((u) => stack.connect(u.token)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    for (const r of results) {
      if (r.status === 'fulfilled') expect((await r.value.request({ ping: {} })).body).toBe('pong');
      else expect((r.reason as Error).message).toBe('session revoked or account disabled');
    }
  });
});
