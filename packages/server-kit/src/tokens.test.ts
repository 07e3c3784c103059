import { ProtocolError, pb } from '@parley/proto';
import { SignJWT, importPKCS8 } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  type AuthKeyPair,
} from './tokens.js';

const claims = { userId: 7, sessionId: 42, role: 'member', deviceKind: 'web' } as const;

async function expectUnauthenticated(p: Promise<unknown>, message: RegExp) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProtocolError);
  expect((err as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED);
  expect((err as ProtocolError).message).toMatch(message);
}

describe('access tokens', () => {
  let keys: AuthKeyPair;
  beforeAll(async () => {
    keys = await generateAuthKeys();
  });

  it('round-trips claims', async () => {
    const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 60 });
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    const { token, expiresAt } = await signer.sign(claims);
    expect(expiresAt).toBeGreaterThan(Date.now());
    await expect(verifier.verify(token)).resolves.toEqual(claims);
  });

  it('rejects expired tokens', async () => {
    const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 60 });
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    const { token } = await signer.sign(claims, Date.now() - 3_600_000);
    await expectUnauthenticated(verifier.verify(token), /expired/);
  });

  it('rejects tokens signed by another key, tampered, missing or garbage', async () => {
    const other = await generateAuthKeys();
    const signer = await createTokenSigner({ privateKeyPem: other.privateKeyPem, ttlSeconds: 60 });
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    const { token } = await signer.sign(claims);
    await expectUnauthenticated(verifier.verify(token), /invalid/);

    const own = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 60 });
    const good = (await own.sign(claims)).token;
    const [h, p, s] = good.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
    await expectUnauthenticated(verifier.verify(`${h}.${forged}.${s}`), /invalid/);
    await expectUnauthenticated(verifier.verify(undefined), /missing/);
    await expectUnauthenticated(verifier.verify('not.a.jwt'), /invalid/);
  });

  it('rejects a validly signed token with malformed claims', async () => {
    const key = await importPKCS8(keys.privateKeyPem, 'EdDSA');
    const token = await new SignJWT({ sid: 'x', role: 'root', dev: 'web' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('abc')
      .setIssuer('parley-login')
      .setAudience('parley')
      .setExpirationTime('1m')
      .sign(key);
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    await expectUnauthenticated(verifier.verify(token), /malformed/);
  });
});
