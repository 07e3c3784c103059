/**
 * Resumable upload of a 1 GiB file: the SDK's tus client (uploadFile, 4 MiB PATCHes, each
 * confirmed before the next) through the file-server into S3 (s3rver), against one plain S3
 * PUT of the same file to the same store; then through the file-server into local-disk storage,
 * against a plain copy of the file on the same disk. The file is random bytes generated into a
 * temp folder at start and deleted at the end (as is everything the stores wrote).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createUser } from '@parley/db';
import {
  createFileServer,
  createLocalStorage,
  createS3Storage,
  type ObjectStorage,
} from '@parley/file-server';
import { uploadFile } from '@parley/sdk';
import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
} from '@parley/server-kit';
import { startS3TestServer } from '@parley/file-server/testing';
import { Client as MinioClient } from 'minio';

import { flag, numberOption } from './lib/args.js';
import { describeDatabase, openBenchDatabase } from './lib/database.js';
import { writeResult } from './lib/results.js';
import { formatSummary, round, summarize } from './lib/stats.js';

const MIB = 1024 * 1024;
const SIZE = numberOption('mib', flag('quick') ? 64 : 1024) * MIB;
const BUCKET = 'parley-bench';
// --chunk-mib=N: a fixed chunkSize of N MiB instead of the SDK's default (adaptive: about a
// second per chunk, 512 KiB first, up to 64 MiB); results then go to upload-chunk-<N>mib.json.
const CHUNK_MIB = numberOption('chunk-mib', 0);
const NAME = CHUNK_MIB === 0 ? 'upload' : `upload-chunk-${CHUNK_MIB}mib`;

interface Timing {
  seconds: number;
  mibPerSecond: number;
}

const timing = (ms: number): Timing => ({
  seconds: round(ms / 1000),
  mibPerSecond: round(SIZE / MIB / (ms / 1000), 1),
});

async function generate(path: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < SIZE; written += 4 * MIB) {
      await file.write(randomBytes(Math.min(4 * MIB, SIZE - written)));
    }
  } finally {
    await file.close();
  }
}

/** One PUT request of the whole file to a presigned URL, streamed from disk. */
async function plainPut(url: string, path: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { 'content-length': SIZE } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`PUT answered ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

const temp = await mkdtemp(join(tmpdir(), 'parley-bench-upload-'));
const source = join(temp, 'source.bin');
// s3rver behind the file-server tests' proxy (it answers the ListMultipartUploads s3rver lacks).
const s3 = await startS3TestServer();
try {
  const label = describeDatabase();
  console.log(`database: ${label}; file ${SIZE / MIB} MiB (random bytes) in ${temp}`);
  await generate(source);
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 3600 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });

  const minio = new MinioClient({
    endPoint: '127.0.0.1',
    port: Number(new URL(s3.endpoint).port),
    useSSL: false,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    pathStyle: true,
  });
  await minio.makeBucket(BUCKET);

  /**
   * The SDK's tus upload through a file-server storing into `storage`, over a database of its
   * own (so sha256 dedupe cannot short-cut the second upload of the same bytes).
   */
  const viaFileServer = async (storage: ObjectStorage, name: string) => {
    const dataDir = join(temp, `file-server-${name}`);
    const own = await openBenchDatabase();
    const user = await createUser(own.db, {
      login: 'uploader',
      displayName: 'Uploader',
      passwordHash: 'x',
    });
    const { token } = await signer.sign({
      userId: user.id,
      sessionId: 1,
      role: 'member',
      deviceKind: 'web',
    });
    const server = createFileServer({
      db: own.db,
      verifier,
      logger: silentLogger(),
      storage,
      config: { host: '127.0.0.1', port: 0, dataDir, linkSecret: 'bench' },
    });
    const { port } = await server.start();
    try {
      const chunks: number[] = [];
      let last = performance.now();
      const t0 = performance.now();
      const controller = uploadFile({
        fileServerUrl: `http://127.0.0.1:${port}`,
        token,
        file: await openAsBlob(source),
        name: `${name}.bin`,
        checkFirst: false,
        ...(CHUNK_MIB > 0 ? { chunkSize: CHUNK_MIB * MIB } : {}),
        onProgress: () => {
          const t = performance.now();
          chunks.push(t - last);
          last = t;
        },
      });
      const attachment = await controller.done;
      const ms = performance.now() - t0;
      if (attachment.size !== SIZE)
        throw new Error(`stored ${attachment.size} bytes, sent ${SIZE}`);
      return {
        ...timing(ms),
        progressIntervalMs: summarize(chunks),
        chunks: chunks.length,
        // The last PATCH is answered once the file is finished: hashed, sniffed, in storage.
        lastPatchMs: round(chunks[chunks.length - 1] ?? NaN),
      };
    } finally {
      await server.stop();
      await own.cleanup();
    }
  };

  const t0 = performance.now();
  await plainPut(await minio.presignedPutObject(BUCKET, 'plain-put.bin', 3600), source);
  const plainS3 = timing(performance.now() - t0);
  console.log(
    `plain S3 PUT (one request) to s3rver: ${plainS3.seconds} s, ${plainS3.mibPerSecond} MiB/s`,
  );

  const tusS3 = await viaFileServer(
    createS3Storage({
      endpoint: s3.endpoint,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey,
      bucket: BUCKET,
    }),
    's3',
  );
  console.log(
    `tus via file-server into s3rver: ${tusS3.seconds} s, ${tusS3.mibPerSecond} MiB/s; ${tusS3.chunks} progress callbacks, intervals ${formatSummary(tusS3.progressIntervalMs)}; last PATCH (finishing) ${tusS3.lastPatchMs} ms`,
  );

  const t1 = performance.now();
  await copyFile(source, join(temp, 'plain-copy.bin'));
  const plainDisk = timing(performance.now() - t1);
  await rm(join(temp, 'plain-copy.bin'));
  console.log(
    `plain file copy on the same disk: ${plainDisk.seconds} s, ${plainDisk.mibPerSecond} MiB/s`,
  );

  const tusDisk = await viaFileServer(createLocalStorage({ root: join(temp, 'objects') }), 'disk');
  console.log(
    `tus via file-server into local disk: ${tusDisk.seconds} s, ${tusDisk.mibPerSecond} MiB/s; ${tusDisk.chunks} progress callbacks, intervals ${formatSummary(tusDisk.progressIntervalMs)}; last PATCH (finishing) ${tusDisk.lastPatchMs} ms`,
  );

  writeResult(NAME, {
    chunkBytes: CHUNK_MIB > 0 ? CHUNK_MIB * MIB : 'adaptive (the SDK default)',
    database: label,
    fileBytes: SIZE,
    client: `SDK uploadFile (tus 1.0, ${CHUNK_MIB > 0 ? `${CHUNK_MIB} MiB` : 'adaptive'} PATCH chunks, Node fetch) and a Node http PUT to a presigned URL`,
    s3: { store: 's3rver 3.7.1 on local disk', plainPut: plainS3, tusViaFileServer: tusS3 },
    localDisk: { plainCopy: plainDisk, tusViaFileServer: tusDisk },
  });
} finally {
  await s3.stop();
  await rm(temp, { recursive: true, force: true });
}
