import type { Database } from '@parley/db';
import { parleySocketParser } from '@parley/proto/socket-parser';
import {
  createHttpApp,
  listenHttp,
  type Logger,
  type ReadinessCheck,
  type ServerRegistry,
  type SessionEvents,
  type TokenVerifier,
} from '@parley/server-kit';
import { Server, type ServerOptions } from 'socket.io';

import { coalesceUpgradeWrites } from './transport/coalesce-upgrade-writes.js';
import { pushAdminGroupChanges } from './conversations/push-admin-group-changes.js';
import { createPresenceAnnouncer } from './presence/announce-presence.js';
import { createPresenceTracker, type PresenceFactory } from './presence/presence-tracker.js';
import { createMsgMetrics } from './metrics/msg-metrics.js';
import { startAnnouncing } from './registry/announce-loop.js';
import { kickEndedSessions } from './session/kick-ended-sessions.js';
import { replaceOlderSessions } from './session/replace-older-sessions.js';
import { resolveConfig, type MsgServerConfig } from './settings.js';
import { authenticate } from './transport/authenticate.js';
import type { ServerServices } from './transport/context.js';
import { createFrameRouter } from './transport/frame-router.js';
import { createConnectionHandler } from './transport/handle-connection.js';
import { createPusher } from './transport/pusher.js';
import type { MsgIo } from './transport/socket-types.js';

export interface MsgServerDeps {
  db: Database;
  verifier: TokenVerifier;
  logger: Logger;
  /** Discovery registry to announce this node in; none: not announced (tests, single node). */
  registry?: ServerRegistry;
  /** The socket.io origin clients reach this node at (what discovery hands out). */
  publicUrl: string;
  /** Any subset; the rest comes from DEFAULT_MSG_SERVER_CONFIG. */
  config?: Partial<MsgServerConfig>;
  /** A socket.io adapter for cross-node rooms (e.g. Redis streams); default in-memory. */
  adapter?: ServerOptions['adapter'];
  /** What GET /ready checks besides the database, e.g. the Redis connection. */
  readiness?: ReadinessCheck[];
  /**
   * From login-server: ended sessions (their sockets get a KickedPush and are closed) and admin
   * group changes (pushed to the members' sockets).
   */
  sessionEvents?: SessionEvents;
  /** Presence store; default in-memory (one node). Several nodes: cluster/redis-cluster.ts. */
  presence?: PresenceFactory;
}

export interface MsgServer {
  /** Listens on config.port (0: any free port) and returns the bound port. */
  start(): Promise<{ port: number }>;
  /** Withdraws from discovery, closes every connection and the listener. Idempotent. */
  stop(): Promise<void>;
  /** The socket.io server, for composition (the embedded launcher) and metrics. */
  readonly io: MsgIo;
  readonly config: MsgServerConfig;
}

/**
 * The message server: socket.io (WebSocket with HTTP long-polling fallback) carrying one
 * binary protobuf Frame per FRAME_EVENT. Connections authenticate with an access token in the
 * handshake (`auth: { token }`), join their user's room, and speak request/response by rid plus
 * server pushes. GET /health, GET /ready and GET /metrics (Prometheus) answer on the same
 * port.
 *
 * @example
 * const server = createMsgServer({ db, verifier, logger, publicUrl: 'http://localhost:3002', config: { port: 3002 } });
 * const { port } = await server.start();
 * // ...
 * await server.stop();
 */
export function createMsgServer(deps: MsgServerDeps): MsgServer {
  const config = resolveConfig(deps.config);
  const logger = deps.logger;
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  let announcer: { stop(): Promise<void> } | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;
  let stopped: Promise<void> | undefined;

  const io: MsgIo = new Server({
    path: config.path,
    transports: ['polling', 'websocket'],
    cors: { origin: config.corsOrigins, credentials: false },
    maxHttpBufferSize: config.maxHttpBufferBytes,
    pingInterval: config.pingIntervalMs,
    pingTimeout: config.pingTimeoutMs,
    serveClient: false,
    // One binary WebSocket message per Frame instead of socket.io's header + attachment pair.
    parser: parleySocketParser,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });
  const push = createPusher(io);
  const presence = (deps.presence ?? createPresenceTracker)({
    graceMs: config.presenceGraceMs,
    onChange: (userId, online) => {
      // presenceAnnouncer is made just below; the tracker calls onChange only once sockets connect.
      presenceAnnouncer
        .announce(userId, online)
        .catch((err: unknown) => logger.warn({ err, userId }, 'presence announce failed'));
    },
  });
  const presenceAnnouncer = createPresenceAnnouncer({ db: deps.db, push, presence });
  const services: ServerServices = { db: deps.db, config, logger, push, presence };
  const metrics = createMsgMetrics({
    serverId: config.serverId,
    connections: () => io.engine?.clientsCount ?? 0,
    usersOnline: () => presence.onlineCount(),
  });
  const router = createFrameRouter(services, metrics);
  const auth = authenticate({ verifier: deps.verifier, db: deps.db, config, logger });
  io.use(
    (socket, next) =>
      void auth(socket, (err) => {
        if (err) metrics.connectRefused(err);
        next(err);
      }),
  );
  const setUpConnection = createConnectionHandler(services, router, {
    announcer: presenceAnnouncer,
    metrics,
  });
  io.on('connection', (socket) => {
    setUpConnection(socket);
    if (config.singleSessionPerDeviceKind) {
      replaceOlderSessions(io, services, socket).catch((err: unknown) =>
        logger.warn({ err, userId: socket.data.user.userId }, 'replacing older sessions failed'),
      );
    }
  });

  return {
    io,
    config,
    async start() {
      app = await createHttpApp({
        service: 'msg-server',
        logger,
        corsOrigins: config.corsOrigins,
        metrics: metrics.metrics,
        readiness: [
          { name: 'database', check: () => deps.db.execSql('SELECT 1') },
          ...(deps.readiness ?? []),
        ],
      });
      io.attach(app.server);
      coalesceUpgradeWrites(app.server);
      if (deps.sessionEvents) {
        const kicks = await kickEndedSessions(io, deps.sessionEvents, logger);
        const groups = await pushAdminGroupChanges(io, services, deps.sessionEvents);
        unsubscribe = async () => {
          await kicks();
          await groups();
        };
      }
      const { port } = await listenHttp(app, { host: config.host, port: config.port });
      if (deps.registry) {
        const registry = deps.registry;
        announcer = startAnnouncing({
          registry,
          intervalMs: config.announceIntervalMs,
          logger,
          entry: () => ({
            id: config.serverId,
            url: deps.publicUrl,
            path: config.path,
            connections: io.engine?.clientsCount ?? 0,
            load: io.engine?.clientsCount ?? 0,
            stats: metrics.snapshot(),
          }),
        });
      }
      logger.info({ port, path: config.path, serverId: config.serverId }, 'msg-server listening');
      return { port };
    },
    stop() {
      stopped ??= (async () => {
        await announcer?.stop();
        await unsubscribe?.();
        await presence.close();
        // Stop listening first (fastify closes the HTTP server at once and resolves when its
        // connections are gone): a client retrying while this node stops is refused at once.
        const closed = app?.close();
        // Every WebSocket is cut without a close handshake: waiting for thousands of clients
        // to answer one took seconds (0.8-6.3 s for 5,000 in bench reconnect-storm), during
        // which their retries were refused. Clients see the connection drop and reconnect, as
        // after a crash; socket.io still runs each socket's 'disconnect'.
        terminateWebSockets(io);
        // Closes engine.io (every transport, long-polls included); fastify's close above also
        // ends idle keep-alive connections.
        io.engine?.close();
        // A cluster adapter stops reading the shared stream (the in-memory one has nothing to do).
        void io.of('/').adapter.close();
        await closed;
        metrics.close();
        logger.info('msg-server stopped');
      })();
      return stopped;
    },
  };
}

/** Destroys the TCP connection of every WebSocket client of this node (engine.io internals). */
function terminateWebSockets(io: MsgIo): void {
  const engine = io.engine as unknown as {
    clients?: Record<string, { transport?: { name?: string; socket?: { terminate?(): void } } }>;
  };
  for (const client of Object.values(engine?.clients ?? {})) {
    const ws = client.transport?.name === 'websocket' ? client.transport.socket : undefined;
    ws?.terminate?.();
  }
}
