import { parseCorsOrigins, port, readEnv, z } from '@parley/server-kit';

import { DEFAULT_MSG_SERVER_CONFIG as D, type MsgServerConfig } from './settings.js';

const positive = () => z.coerce.number().int().positive();

const schema = z.object({
  MSG_HOST: z.string().min(1).default(D.host),
  MSG_PORT: port().default(D.port),
  /** The socket.io origin clients reach this node at (handed out by discovery). */
  MSG_PUBLIC_URL: z.url().default('http://localhost:3002'),
  MSG_PATH: z.string().startsWith('/').default(D.path),
  MSG_SERVER_ID: z.string().min(1).default(D.serverId),
  DATABASE_URL: z.string().min(1),
  /** Ed25519 public key (SPKI PEM) that verifies access tokens; `\n` escapes are accepted. */
  AUTH_PUBLIC_KEY: z.string().min(1),
  /** Comma-separated browser origins, or * for any. */
  CORS_ORIGINS: z.string().default('*'),
  MSG_MAX_TEXT_BYTES: positive().default(D.maxTextBytes),
  MSG_MAX_FRAME_BYTES: positive().default(D.maxFrameBytes),
  MSG_MAX_HTTP_BUFFER_BYTES: positive().default(D.maxHttpBufferBytes),
  MSG_RATE_PER_SECOND: z.coerce.number().positive().default(D.rateLimit.perSecond),
  MSG_RATE_BURST: positive().default(D.rateLimit.burst),
  /** Heartbeat: the server pings every connection this often (idle traffic; see deploy.md). */
  MSG_PING_INTERVAL_MS: positive().default(D.pingIntervalMs),
  /** Idle timeout: a connection that leaves a ping unanswered this long is dropped. */
  MSG_PING_TIMEOUT_MS: positive().default(D.pingTimeoutMs),
  MSG_SYNC_LATEST: positive().default(D.syncLatestDefault),
  MSG_HISTORY_LIMIT: positive().default(D.historyLimitDefault),
  MSG_ANNOUNCE_INTERVAL_MS: positive().default(D.announceIntervalMs),
  MSG_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(D.presenceGraceMs),
  MSG_EDIT_WINDOW_MS: z.coerce.number().int().min(0).default(D.editWindowMs),
  MSG_RECALL_WINDOW_MS: z.coerce.number().int().min(0).default(D.recallWindowMs),
  /** 'true': a new connection signs out the user's older sessions of the same device kind. */
  MSG_SINGLE_SESSION_PER_DEVICE_KIND: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Shared discovery registry and session events (sign-out, disabled users) across servers. */
  REDIS_URL: z.string().min(1).optional(),
  REDIS_PREFIX: z.string().default('parley:'),
});

export interface MsgMainConfig {
  server: MsgServerConfig;
  publicUrl: string;
  databaseUrl: string;
  publicKeyPem: string;
  logLevel: string;
  redisUrl: string | undefined;
  redisPrefix: string;
}

/** Reads and validates the standalone msg-server's configuration from the environment. */
export function loadMsgConfig(
  env: Record<string, string | undefined> = process.env,
): MsgMainConfig {
  const e = readEnv(schema, env);
  if (e.MSG_MAX_HTTP_BUFFER_BYTES <= e.MSG_MAX_FRAME_BYTES) {
    // Otherwise socket.io would cut the connection where the server means to answer TOO_LARGE.
    throw new Error('MSG_MAX_HTTP_BUFFER_BYTES must be larger than MSG_MAX_FRAME_BYTES');
  }
  return {
    server: {
      host: e.MSG_HOST,
      port: e.MSG_PORT,
      path: e.MSG_PATH,
      serverId: e.MSG_SERVER_ID,
      corsOrigins: parseCorsOrigins(e.CORS_ORIGINS),
      maxTextBytes: e.MSG_MAX_TEXT_BYTES,
      maxFrameBytes: e.MSG_MAX_FRAME_BYTES,
      maxHttpBufferBytes: e.MSG_MAX_HTTP_BUFFER_BYTES,
      rateLimit: { perSecond: e.MSG_RATE_PER_SECOND, burst: e.MSG_RATE_BURST },
      pingIntervalMs: e.MSG_PING_INTERVAL_MS,
      pingTimeoutMs: e.MSG_PING_TIMEOUT_MS,
      syncLatestDefault: e.MSG_SYNC_LATEST,
      historyLimitDefault: e.MSG_HISTORY_LIMIT,
      announceIntervalMs: e.MSG_ANNOUNCE_INTERVAL_MS,
      presenceGraceMs: e.MSG_PRESENCE_GRACE_MS,
      checkSessionOnConnect: true,
      editWindowMs: e.MSG_EDIT_WINDOW_MS,
      recallWindowMs: e.MSG_RECALL_WINDOW_MS,
      singleSessionPerDeviceKind: e.MSG_SINGLE_SESSION_PER_DEVICE_KIND === 'true',
    },
    publicUrl: e.MSG_PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    publicKeyPem: e.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'),
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
  };
}
