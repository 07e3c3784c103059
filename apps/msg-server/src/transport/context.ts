import type { Database } from '@parley/db';
import type { DecodedFrame, pb } from '@parley/proto';
import type { AccessClaims, Logger } from '@parley/server-kit';

import type { PresenceTracker } from '../presence/presence-tracker.js';
import type { MsgServerConfig } from '../settings.js';
import type { Pusher } from './pusher.js';

/** What every handler may use: the server's shared services. */
export interface ServerServices {
  db: Database;
  config: MsgServerConfig;
  logger: Logger;
  push: Pusher;
  presence: PresenceTracker;
}

/** One request from one authenticated connection. */
export interface RequestContext {
  user: AccessClaims;
  socketId: string;
  services: ServerServices;
  /** Runs `fn` after the response is emitted: fan-out goes after the ack, never before. */
  afterReply(fn: () => Promise<void> | void): void;
}

/** A response body without its rid; null when the request has no response (typing). */
export type Reply = Omit<pb.Frame.$Properties, 'rid'> | null;

/** The Frame oneof members a client may send. */
export type RequestKind =
  | 'send'
  | 'sync'
  | 'history'
  | 'markRead'
  | 'typing'
  | 'openDirect'
  | 'ping'
  | 'createGroup'
  | 'addMembers'
  | 'removeMember'
  | 'renameGroup'
  | 'editMessage'
  | 'recallMessage'
  | 'react'
  | 'hideMessage'
  | 'muteConversation'
  | 'pinConversation';

export type RequestHandler<K extends RequestKind> = (
  ctx: RequestContext,
  body: NonNullable<DecodedFrame[K]>,
) => Promise<Reply>;
