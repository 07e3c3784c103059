/**
 * The msg-server's tunables as a plain object (what createMsgServer takes). src/config.ts fills
 * it from the environment; tests and the embedded launcher pass it directly.
 */
export interface MsgServerConfig {
  /** TCP port; 0 lets the OS choose (tests). */
  port: number;
  host: string;
  /** socket.io path. */
  path: string;
  /** This node's id in the discovery registry. */
  serverId: string;
  /** Browser origins allowed to connect: a list, or true for any (auth is a token, not a cookie). */
  corsOrigins: string[] | true;
  /** Largest message text in bytes of UTF-8; larger is TOO_LARGE. */
  maxTextBytes: number;
  /** Largest frame the server decodes; larger is answered TOO_LARGE and the connection lives. */
  maxFrameBytes: number;
  /**
   * socket.io's own buffer limit (engine.io maxHttpBufferSize). Above it socket.io drops the
   * connection before any frame is seen, so it is kept well above maxFrameBytes.
   */
  maxHttpBufferBytes: number;
  /** Token bucket per connection: steady frames per second and burst size. */
  rateLimit: { perSecond: number; burst: number };
  /** Heartbeat: the server pings every pingIntervalMs and drops a peer silent for pingTimeoutMs more. */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** Newest messages per conversation in a sync when the client asks for 0. */
  syncLatestDefault: number;
  /** History page size when the client asks for 0. */
  historyLimitDefault: number;
  /** How often the node re-announces itself and its load to the registry. */
  announceIntervalMs: number;
  /** A user is reported offline only after this long without any connection (network hand-over). */
  presenceGraceMs: number;
  /** Refuse connections whose device session was revoked or whose account was disabled. */
  checkSessionOnConnect: boolean;
  /** How long after sending a sender may edit a message. */
  editWindowMs: number;
  /** How long after sending a sender may recall a message (group owners and admins: always). */
  recallWindowMs: number;
  /**
   * TeamTalk's policy: a new connection signs out (revokes and kicks) the user's older sessions
   * of the same device kind, on every node. Off: any number of sessions per kind.
   */
  singleSessionPerDeviceKind: boolean;
}

export const DEFAULT_MSG_SERVER_CONFIG: MsgServerConfig = {
  port: 3002,
  host: '0.0.0.0',
  path: '/socket.io',
  serverId: 'msg-1',
  corsOrigins: true,
  maxTextBytes: 16 * 1024,
  maxFrameBytes: 64 * 1024,
  maxHttpBufferBytes: 1024 * 1024,
  rateLimit: { perSecond: 20, burst: 60 },
  // Minutes-scale would save more radio time, but many proxies cut idle connections at 60 s.
  pingIntervalMs: 50_000,
  pingTimeoutMs: 30_000,
  syncLatestDefault: 20,
  historyLimitDefault: 50,
  announceIntervalMs: 5_000,
  presenceGraceMs: 5_000,
  checkSessionOnConnect: true,
  editWindowMs: 24 * 3_600_000,
  recallWindowMs: 2 * 60_000,
  singleSessionPerDeviceKind: false,
};

/** Fills the gaps of a partial config with the defaults. */
export function resolveConfig(partial: Partial<MsgServerConfig> = {}): MsgServerConfig {
  return {
    ...DEFAULT_MSG_SERVER_CONFIG,
    ...partial,
    rateLimit: { ...DEFAULT_MSG_SERVER_CONFIG.rateLimit, ...partial.rateLimit },
  };
}
