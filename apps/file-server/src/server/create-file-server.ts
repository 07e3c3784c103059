import { pb } from '@parley/proto';
import {
  claimsOf,
  createHttpApp,
  listenHttp,
  requireAuth,
  sendMessage,
  type HttpApp,
} from '@parley/server-kit';

import { getWhoAmI } from '../whoami/get-who-am-i.js';

import type { FileServerDeps } from './context.js';

export interface FileServer {
  /** Listens on config.port (0: any free port) and resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Stops accepting requests and closes open connections. Does not close the database. */
  stop(): Promise<void>;
}

/**
 * The file-server. For now: health and an authenticated whoami that proves it accepts the
 * login-server's tokens; resumable uploads and downloads come next.
 *
 * @example
 * const server = createFileServer({ db, verifier, logger, config: { port: 3003 } });
 * const { port } = await server.start();
 */
export function createFileServer(deps: FileServerDeps): FileServer {
  const { config } = deps;
  let app: HttpApp | undefined;
  return {
    async start() {
      if (app) throw new Error('file-server already started');
      const created = await createHttpApp({
        service: 'file-server',
        version: config.version ?? '0.1.0',
        logger: deps.logger,
        bodyLimit: config.bodyLimit ?? 64 * 1024,
        ...(config.corsOrigins === undefined ? {} : { corsOrigins: config.corsOrigins }),
        trustProxy: config.trustProxy ?? false,
      });
      created.get(
        '/v1/files/whoami',
        { preHandler: requireAuth(deps.verifier) },
        async (request, reply) =>
          sendMessage(request, reply, pb.WhoAmIResponse, getWhoAmI(claimsOf(request))),
      );
      app = created;
      const { port } = await listenHttp(created, {
        host: config.host ?? '0.0.0.0',
        port: config.port,
      });
      deps.logger.info({ port }, 'file-server listening');
      return { port };
    },
    async stop() {
      const running = app;
      app = undefined;
      await running?.close();
    },
  };
}
