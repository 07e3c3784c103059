import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createUser } from '@parley/db';
import { createTestDatabase, type TestDatabase } from '@parley/db/testing';
import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
  type TokenSigner,
  type TokenVerifier,
} from '@parley/server-kit';

import { createFileServer, type FileServer } from '../server/create-file-server.js';
import type { FileServerConfig, FileServerDeps } from '../server/context.js';

export const LINK_SECRET = 'test-link-secret';

/** A real file-server on a free port, a migrated test database and users with tokens. */
export interface Harness {
  t: TestDatabase;
  dataDir: string;
  /** http://127.0.0.1:PORT of the running server. */
  base: string;
  server: FileServer;
  /** A test clock (unix ms) the server reads; move it with `clock.offset`. */
  clock: { offset: number };
  /** Creates a user and returns their id and a Bearer header value. */
  user(login: string): Promise<{ id: number; auth: string; token: string }>;
  /** Stops the server and starts a new one on the same database and folder (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  config: Partial<FileServerConfig> = {},
  extra: Partial<Pick<FileServerDeps, 'storage'>> = {},
): Promise<Harness> {
  const t = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-files-test-'));
  const keys = await generateAuthKeys();
  const signer: TokenSigner = await createTokenSigner({
    privateKeyPem: keys.privateKeyPem,
    ttlSeconds: 3600,
  });
  const verifier: TokenVerifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const clock = { offset: 0 };
  const make = () =>
    createFileServer({
      db: t.db,
      verifier,
      logger: silentLogger(),
      now: () => Date.now() + clock.offset,
      ...extra,
      config: { host: '127.0.0.1', port: 0, dataDir, linkSecret: LINK_SECRET, ...config },
    });
  const h: Harness = {
    t,
    dataDir,
    base: '',
    server: make(),
    clock,
    async user(login) {
      const { id } = await createUser(t.db, { login, displayName: login, passwordHash: 'x' });
      const { token } = await signer.sign({
        userId: id,
        sessionId: 1,
        role: 'member',
        deviceKind: 'web',
      });
      return { id, token, auth: `Bearer ${token}` };
    },
    async restart() {
      await h.server.stop();
      h.server = make();
      h.base = `http://127.0.0.1:${(await h.server.start()).port}`;
    },
    async close() {
      await h.server.stop();
      await t.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  h.base = `http://127.0.0.1:${(await h.server.start()).port}`;
  return h;
}

/** Headers of a tus request. */
export function tus(auth: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'tus-resumable': '1.0.0', authorization: auth, ...extra };
}

/** tus Upload-Metadata for a file name (and optionally a claimed type). */
export function metadata(filename: string, filetype?: string): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [`filename ${b64(filename)}`, ...(filetype ? [`filetype ${b64(filetype)}`] : [])].join(
    ',',
  );
}

/** Creates an upload and returns its absolute URL. */
export async function createUploadAt(
  h: Harness,
  auth: string,
  length: number,
  name = 'file.bin',
): Promise<string> {
  const res = await fetch(`${h.base}/v1/uploads`, {
    method: 'POST',
    headers: tus(auth, { 'upload-length': String(length), 'upload-metadata': metadata(name) }),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '', h.base).toString();
}

/** PATCHes `bytes` at `offset`. */
export function patch(url: string, auth: string, offset: number, bytes: Uint8Array) {
  return fetch(url, {
    method: 'PATCH',
    headers: tus(auth, {
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    }),
    body: bytes,
  });
}

/** The error code of a failed JSON response. */
export async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code;
}
