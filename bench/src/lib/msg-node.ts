/**
 * Child-process entry (not a benchmark program): a msg-server over a fresh database, plus the
 * bare relay, in a process of their own, so the load generator's CPU and memory stay out of the
 * server's figures. Driven over IPC by msg-node-client.ts; config arrives as argv[2] (JSON).
 */
import { writeHeapSnapshot } from 'node:v8';

import { createGroup, openDirect } from '@parley/db';
import type { MsgServerConfig } from '@parley/msg-server';

import { startMsgStack } from './msg-stack.js';
import { startRelay } from './relay.js';

/** Requests the parent sends; each is answered by a reply with the same `id`. */
export type NodeRequest =
  | { id: number; cmd: 'seed'; users: number }
  | { id: number; cmd: 'directs'; pairs: [number, number][] }
  | { id: number; cmd: 'group'; creatorId: number; memberIds: number[] }
  | { id: number; cmd: 'relayMembers'; conversationId: number; memberIds: number[] }
  | { id: number; cmd: 'memory' }
  | { id: number; cmd: 'cpu' }
  | { id: number; cmd: 'snapshot'; path: string }
  | { id: number; cmd: 'restart' }
  | { id: number; cmd: 'stop' };

/** Memory of the server process after a full GC, in bytes. */
export interface NodeMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** engine.io clients connected to the msg-server. */
  connections: number;
}

function send(message: unknown): void {
  process.send?.(message);
}

const config = JSON.parse(process.argv[2] ?? '{}') as Partial<MsgServerConfig>;
const stack = await startMsgStack(config);
const relay = await startRelay();

function collect(): NodeMemory {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    connections: stack.server().io.engine?.clientsCount ?? 0,
  };
}

async function handle(req: NodeRequest): Promise<unknown> {
  switch (req.cmd) {
    case 'seed':
      return stack.createUsers(req.users);
    case 'directs': {
      const ids: number[] = [];
      for (const [a, b] of req.pairs) {
        const { state } = await openDirect(stack.db, a, b, 0);
        ids.push(Number(state.conversation.id));
      }
      return ids;
    }
    case 'group': {
      const { state } = await createGroup(stack.db, {
        creatorId: req.creatorId,
        kind: 'group_temporary',
        title: 'bench',
        memberIds: req.memberIds,
      });
      return Number(state.conversation.id);
    }
    case 'relayMembers':
      relay.setMembers(req.conversationId, req.memberIds);
      return null;
    case 'memory':
      return collect();
    case 'snapshot':
      for (let i = 0; i < 3; i++) globalThis.gc?.();
      return writeHeapSnapshot(req.path);
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
    case 'restart': {
      const started = performance.now();
      await stack.restart();
      return performance.now() - started;
    }
    case 'stop':
      await relay.close();
      await stack.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (req: NodeRequest) => {
  handle(req).then(
    (result) => send({ id: req.id, result }),
    (err: unknown) => send({ id: req.id, error: err instanceof Error ? err.stack : String(err) }),
  );
});
send({
  ready: true,
  url: stack.url,
  port: stack.port,
  relayUrl: relay.url,
  database: stack.databaseLabel,
});
