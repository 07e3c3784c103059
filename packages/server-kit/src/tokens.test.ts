import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';

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

  describe('accepts exactly what the signer makes', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const goodPayload = () => ({
      sub: '7',
      sid: 42,
      role: 'member',
      dev: 'web',
      iss: 'parley-login',
      aud: 'parley',
      iat: now(),
      exp: now() + 60,
    });
    /** A token with any header and payload, signed with the real key. */
    const signed = (header: unknown, payload: unknown) => {
      const input = `${part(header)}.${part(payload)}`;
      const sig = sign(null, Buffer.from(input), createPrivateKey(keys.privateKeyPem));
      return `${input}.${sig.toString('base64url')}`;
    };

    it('takes a hand-made token like the signer’s, and an audience list that names parley', async () => {
      const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
      await expect(verifier.verify(signed({ alg: 'EdDSA' }, goodPayload()))).resolves.toEqual(
        claims,
      );
      const listed = { ...goodPayload(), aud: ['other', 'parley'], nbf: now() - 5 };
      await expect(verifier.verify(signed({ alg: 'EdDSA', typ: 'JWT' }, listed))).resolves.toEqual(
        claims,
      );
    });

    it.each([
      ['alg none', { alg: 'none' }, {}],
      ['alg HS256', { alg: 'HS256' }, {}],
      ['a critical extension', { alg: 'EdDSA', crit: ['b64'], b64: false }, {}],
      ['a header that is not an object', ['EdDSA'], {}],
      ['another issuer', { alg: 'EdDSA' }, { iss: 'someone-else' }],
      ['another audience', { alg: 'EdDSA' }, { aud: 'not-parley' }],
      ['an audience list without parley', { alg: 'EdDSA' }, { aud: ['a', 'b'] }],
      ['no expiry', { alg: 'EdDSA' }, { exp: undefined }],
      ['a string expiry', { alg: 'EdDSA' }, { exp: '9999999999' }],
      ['not valid before a future time', { alg: 'EdDSA' }, { nbf: 9_999_999_999 }],
    ])('refuses %s', async (_name, header, changes) => {
      const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
      await expectUnauthenticated(
        verifier.verify(signed(header, { ...goodPayload(), ...changes })),
        /invalid/,
      );
    });

    it('refuses a numeric subject and claims of the wrong shape as malformed', async () => {
      const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
      for (const changes of [{ sub: 7 }, { sid: '42' }, { role: 'root' }, { dev: 'toaster' }]) {
        await expectUnauthenticated(
          verifier.verify(signed({ alg: 'EdDSA' }, { ...goodPayload(), ...changes })),
          /malformed/,
        );
      }
    });

    it('refuses a signature that is altered, cut, padded or not base64url', async () => {
      const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
      const token = signed({ alg: 'EdDSA' }, goodPayload());
      const [h, p, s = ''] = token.split('.');
      const flipped = Buffer.from(s, 'base64url');
      flipped[10] = (flipped[10] ?? 0) ^ 1;
      for (const bad of [
        `${h}.${p}.${flipped.toString('base64url')}`,
        `${h}.${p}.${s.slice(0, -4)}`,
        `${h}.${p}.${s}AAAA`,
        `${h}.${p}.${s}=`,
        `${h}.${p}.${s.slice(0, 20)}+${s.slice(21)}`,
        `${h}.${p}`,
        `${h}.${p}.${s}.${s}`,
        `${h} .${p}.${s}`,
      ]) {
        await expectUnauthenticated(verifier.verify(bad), /invalid/);
      }
    });

    it('will not start with a key that is not Ed25519', async () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await expect(createTokenVerifier({ publicKeyPem: pem })).rejects.toThrow(/Ed25519/);
      await expect(createTokenVerifier({ publicKeyPem: 'not a key' })).rejects.toThrow();
    });
  });
});
