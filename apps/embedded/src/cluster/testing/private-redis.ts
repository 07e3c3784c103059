import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

import { resolvePort } from '../../free-port.js';
import { waitFor } from './msg-node.js';

/** A redis-server of the test's own on a free port, killed and restarted at will. */
export interface PrivateRedis {
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL: connections drop, and (no persistence) every key is gone on restart. */
  kill(): Promise<void>;
}

const REDIS_SERVER = '/usr/bin/redis-server';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Creates (does not start) a private Redis. */
export async function createPrivateRedis(): Promise<PrivateRedis> {
  const port = await resolvePort(0, '127.0.0.1');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const proc = spawn(
        REDIS_SERVER,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(`redis on ${port}`, () => portOpen(port));
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited;
      child = undefined;
    },
  };
}
