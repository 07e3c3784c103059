import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { resolvePort } from '../../free-port.js';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own: Debian's initdb and pg_ctl run as the `postgres`
 * user (runuser) in a temporary directory, on a free port, trust auth on 127.0.0.1 only.
 * Stopping it (immediate mode: like a crash, no checkpoint) and starting it again on the same
 * port and data is a real database restart for everyone connected.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every connection is cut at once. */
  crash(): Promise<void>;
  /** Stops and removes the cluster. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  if (!newest) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', newest, 'bin');
}

/** Creates the cluster (initdb); start() brings it up. */
export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  const data = join(dir, 'data');
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(dir, uid, gid);
  const asPostgres = (cmd: string, args: string[]) =>
    run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: dir });
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await resolvePort(0, '127.0.0.1');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const pgctl = (args: string[]) => asPostgres('pg_ctl', ['-D', data, ...args]);
  let running = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pgctl(['-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async crash() {
      await pgctl(['-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await pgctl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
