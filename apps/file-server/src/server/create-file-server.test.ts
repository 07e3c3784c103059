import { createTestDatabase, type TestDatabase } from '@parley/db/testing';
import { pb, toJson } from '@parley/proto';
import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
  type TokenSigner,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFileServer, type FileServer } from './create-file-server.js';

const PROTOBUF = 'application/x-protobuf';
let t: TestDatabase;
let server: FileServer;
let base: string;
let signer: TokenSigner;

beforeAll(async () => {
  t = await createTestDatabase();
  const keys = await generateAuthKeys();
  signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  server = createFileServer({
    db: t.db,
    verifier,
    logger: silentLogger(),
    config: { host: '127.0.0.1', port: 0 },
  });
  base = `http://127.0.0.1:${(await server.start()).port}`;
}, 120_000);
afterAll(async () => {
  await server.stop();
  await t.cleanup();
});

const claims = { userId: 12, sessionId: 34, role: 'admin', deviceKind: 'desktop' } as const;

async function errorCode(res: Response) {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code;
}

describe('file-server', () => {
  it('reports health', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toEqual({ service: 'file-server', status: 'ok', version: '0.1.0' });
  });

  it('tells an authenticated caller who they are, in JSON or binary', async () => {
    const { token } = await signer.sign(claims);
    const json = await fetch(`${base}/v1/files/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual(
      toJson(
        pb.WhoAmIResponse,
        pb.WhoAmIResponse.create({
          userId: 12,
          sessionId: 34,
          role: pb.Role.ROLE_ADMIN,
          deviceKind: pb.DeviceKind.DEVICE_KIND_DESKTOP,
        }),
      ),
    );
    const bin = await fetch(`${base}/v1/files/whoami`, {
      headers: { authorization: `Bearer ${token}`, accept: PROTOBUF },
    });
    const decoded = pb.WhoAmIResponse.decode(new Uint8Array(await bin.arrayBuffer()));
    expect(Number(decoded.userId)).toBe(12);
    expect(decoded.role).toBe(pb.Role.ROLE_ADMIN);
  });

  it('refuses missing, expired and foreign tokens with 401', async () => {
    const expired = (await signer.sign(claims, Date.now() - 3600_000)).token;
    const other = await generateAuthKeys();
    const foreign = await (
      await createTokenSigner({ privateKeyPem: other.privateKeyPem, ttlSeconds: 900 })
    ).sign(claims);
    for (const authorization of [undefined, `Bearer ${expired}`, `Bearer ${foreign.token}`]) {
      const res = await fetch(`${base}/v1/files/whoami`, {
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(await errorCode(res)).toBe('ERROR_CODE_UNAUTHENTICATED');
    }
  });

  it('answers unknown routes with a typed 404', async () => {
    const res = await fetch(`${base}/v1/files/upload`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('ERROR_CODE_NOT_FOUND');
  });
});
