import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { pb } from '@parley/proto';
import {
  claimsOf,
  createHttpApp,
  listenHttp,
  requireAuth,
  sendMessage,
  type HttpApp,
} from '@parley/server-kit';

import { avatarRoutes } from '../avatars/avatar-routes.js';
import { createFileMetrics } from '../metrics/file-metrics.js';
import { createLocalStorage } from '../storage/local-storage.js';
import { KeyedLock } from '../uploads/keyed-lock.js';
import { sweepUploads } from '../uploads/sweep-uploads.js';
import { UploadHashes } from '../uploads/upload-hashes.js';
import { createUploadStore } from '../uploads/upload-store.js';
import { getWhoAmI } from '../whoami/get-who-am-i.js';
import { DEFAULTS, type FileServerDeps, type FileSettings } from './context.js';
import { installCors } from './cors.js';
import type { FileContext } from './file-context.js';
import { fileRoutes } from './file-routes.js';
import { fileErrorHandler } from './send-file-error.js';
import { tusRoutes } from './tus-routes.js';

export interface FileServer {
  /** Listens on config.port (0: any free port) and resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Stops accepting requests and closes open connections. Does not close the database. */
  stop(): Promise<void>;
}

/**
 * The file-server: resumable tus uploads (limits checked before bytes are accepted, type
 * sniffed, sha256-deduplicated, images thumbnailed), short-lived authorised download links
 * with Range support, and the dedupe pre-check. Uploads in progress live in
 * `config.dataDir`; finished objects in `deps.storage` (local disk by default, or S3/MinIO).
 *
 * @example
 * const server = createFileServer({
 *   db, verifier, logger,
 *   storage: createS3Storage({ endpoint, accessKey, secretKey, bucket }),
 *   config: { port: 3003, dataDir: './data/files', linkSecret },
 * });
 * const { port } = await server.start();
 */
export function createFileServer(deps: FileServerDeps): FileServer {
  const { config } = deps;
  const dataDir = resolve(config.dataDir ?? join(tmpdir(), 'parley-file-server'));
  const settings: FileSettings = {
    maxFileBytes: config.maxFileBytes ?? DEFAULTS.maxFileBytes,
    userQuotaBytes: config.userQuotaBytes ?? DEFAULTS.userQuotaBytes,
    uploadTtlMs: (config.uploadTtlSeconds ?? DEFAULTS.uploadTtlSeconds) * 1000,
    linkTtlMs: (config.linkTtlSeconds ?? DEFAULTS.linkTtlSeconds) * 1000,
    thumbnailSize: config.thumbnailSize ?? DEFAULTS.thumbnailSize,
  };
  const ctx: FileContext = {
    db: deps.db,
    storage: deps.storage ?? createLocalStorage({ root: join(dataDir, 'objects') }),
    uploads: createUploadStore(join(dataDir, 'uploads')),
    hashes: new UploadHashes(),
    locks: new KeyedLock(),
    settings,
    logger: deps.logger,
    now: deps.now ?? Date.now,
    linkSecret: config.linkSecret ? Buffer.from(config.linkSecret, 'utf8') : randomBytes(32),
  };
  let app: HttpApp | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let closeMetrics: (() => void) | undefined;

  return {
    async start() {
      if (app) throw new Error('file-server already started');
      if (!config.dataDir) {
        deps.logger.warn(
          { dataDir },
          'no dataDir configured: upload state kept in the temp folder',
        );
      }
      await ctx.storage.init();
      await ctx.uploads.init();
      const metrics = createFileMetrics();
      const created = await createHttpApp({
        service: 'file-server',
        version: config.version ?? '0.1.0',
        logger: deps.logger,
        bodyLimit: config.bodyLimit ?? 64 * 1024,
        // CORS is the file-server's own (tus needs PATCH, DELETE and its headers): see cors.ts.
        corsOrigins: false,
        trustProxy: config.trustProxy ?? false,
        metrics: metrics.metrics,
        readiness: [{ name: 'database', check: () => deps.db.execSql('SELECT 1') }],
      });
      metrics.instrument(created);
      closeMetrics = () => metrics.metrics.close();
      installCors(created, config.corsOrigins ?? true);
      const auth = requireAuth(deps.verifier);
      created.get('/v1/files/whoami', { preHandler: auth }, async (request, reply) =>
        sendMessage(request, reply, pb.WhoAmIResponse, getWhoAmI(claimsOf(request))),
      );
      await created.register(async (scope) => {
        scope.setErrorHandler(fileErrorHandler(deps.logger));
        await scope.register(tusRoutes(ctx, auth));
        await scope.register(fileRoutes(ctx, auth, deps.verifier, config.publicUrl));
        await scope.register(avatarRoutes(ctx, auth, deps.verifier, config.publicUrl));
      });
      app = created;
      const { port } = await listenHttp(created, {
        host: config.host ?? '0.0.0.0',
        port: config.port,
      });
      const sweepEvery = Math.min(settings.uploadTtlMs / 4, 10 * 60_000);
      sweeper = setInterval(() => {
        sweepUploads(ctx).then(
          (removed) => removed > 0 && deps.logger.info({ removed }, 'expired uploads removed'),
          (err: unknown) => deps.logger.error({ err }, 'upload sweep failed'),
        );
      }, sweepEvery);
      sweeper.unref();
      deps.logger.info(
        { port, storage: ctx.storage.kind, dataDir, ...settings },
        'file-server listening',
      );
      return { port };
    },
    async stop() {
      clearInterval(sweeper);
      sweeper = undefined;
      closeMetrics?.();
      closeMetrics = undefined;
      const running = app;
      app = undefined;
      await running?.close();
    },
  };
}
