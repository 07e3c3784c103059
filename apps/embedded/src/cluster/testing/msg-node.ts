import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The built standalone msg-server (`npm run build -w @parley/msg-server` first). */
export const MSG_MAIN = join(
  dirname(createRequire(import.meta.url).resolve('@parley/msg-server')),
  'main.js',
);

/**
 * One msg-server as a child process of its built main, so a kill is a real SIGKILL: no
 * goodbye to clients, no withdrawal from discovery, Redis state left as it was.
 */
export interface MsgNode {
  readonly id: string;
  readonly port: number;
  readonly url: string;
  /** Starts the process and resolves once /health answers. */
  start(): Promise<void>;
  /** SIGKILL; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), then SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** What the process printed (for failure messages). */
  output(): string;
}

/** Polls `check` until it holds; throws `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A msg-server node on `port` with the given environment (see apps/msg-server/src/config.ts). */
export function createMsgNode(id: string, port: number, env: Record<string, string>): MsgNode {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  return {
    id,
    port,
    url,
    async start() {
      const proc = spawn(process.execPath, [MSG_MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          MSG_HOST: '127.0.0.1',
          MSG_PORT: String(port),
          MSG_PUBLIC_URL: url,
          MSG_SERVER_ID: id,
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      let gone = false;
      void exited.then(() => (gone = true));
      await waitFor(`${id} /health`, async () => {
        if (gone) throw new Error(`${id} exited:\n${log}`);
        return (await fetch(`${url}/health`)).ok;
      }).catch((err: unknown) => {
        throw gone ? new Error(`${id} exited during start:\n${log}`) : err;
      });
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited;
      child = undefined;
    },
    async stop() {
      if (!child) return;
      const proc = child;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      child = undefined;
    },
    output: () => log,
  };
}
