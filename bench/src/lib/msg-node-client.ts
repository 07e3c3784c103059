import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { MsgServerConfig } from '@parley/msg-server';

import type { NodeMemory, NodeRequest } from './msg-node.js';
import type { BenchUser } from './msg-stack.js';

type Command = NodeRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/** A msg-server (and relay) in a child process; see msg-node.ts. */
export interface MsgNode {
  url: string;
  port: number;
  relayUrl: string;
  database: string;
  pid: number;
  seed(users: number): Promise<BenchUser[]>;
  /** Opens a direct conversation per pair of user ids; returns their ids in order. */
  openDirects(pairs: [number, number][]): Promise<number[]>;
  createGroup(creatorId: number, memberIds: number[]): Promise<number>;
  /** Tells the relay who is in a conversation. */
  relayMembers(conversationId: number, memberIds: number[]): Promise<void>;
  /** Memory after a full GC. */
  memory(): Promise<NodeMemory>;
  /** Writes a V8 heap snapshot of the server process (after GC) to `path`; returns the path. */
  heapSnapshot(path: string): Promise<string>;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Restarts the msg-server on the same port (drops every socket); resolves with the ms it took. */
  restart(): Promise<number>;
  stop(): Promise<void>;
}

/** Forks dist/lib/msg-node.js with `--expose-gc` and waits until it listens. */
export async function startMsgNode(config: Partial<MsgServerConfig> = {}): Promise<MsgNode> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'msg-node.js');
  const child: ChildProcess = fork(entry, [JSON.stringify(config)], {
    // BENCH_NODE_ARGS: extra Node flags for the server process (e.g. "--cpu-prof
    // --cpu-prof-dir=/tmp/prof" to see where a program's server CPU goes).
    execArgv: [
      '--expose-gc',
      '--max-old-space-size=4096',
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const ready = new Promise<{ url: string; port: number; relayUrl: string; database: string }>(
    (resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`msg-node exited with ${code}`)));
      child.on(
        'message',
        (m: { ready?: boolean; id?: number; result?: unknown; error?: string }) => {
          if (m.ready) resolve(m as never);
          else if (m.id !== undefined) {
            const w = waiting.get(m.id);
            waiting.delete(m.id);
            if (m.error) w?.reject(new Error(m.error));
            else w?.resolve(m.result);
          }
        },
      );
    },
  );
  child.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('msg-node exited'));
    waiting.clear();
  });
  const call = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...command, id });
    });
  const info = await ready;
  return {
    ...info,
    pid: child.pid ?? 0,
    seed: (users) => call({ cmd: 'seed', users }),
    openDirects: (pairs) => call({ cmd: 'directs', pairs }),
    createGroup: (creatorId, memberIds) => call({ cmd: 'group', creatorId, memberIds }),
    relayMembers: (conversationId, memberIds) =>
      call({ cmd: 'relayMembers', conversationId, memberIds }),
    memory: () => call({ cmd: 'memory' }),
    cpuMs: () => call({ cmd: 'cpu' }),
    heapSnapshot: (path) => call({ cmd: 'snapshot', path }),
    restart: () => call({ cmd: 'restart' }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call({ cmd: 'stop' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
