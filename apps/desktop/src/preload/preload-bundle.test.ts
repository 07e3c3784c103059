import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ParleyDesktopApi, ParleySetupApi } from '../shared/desktop-api.js';
import { IPC } from '../shared/ipc-channels.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'parley-desktop-bundle-'));
  await promisify(execFile)(process.execPath, ['scripts/bundle.mjs', '--out', out], {
    cwd: packageDir,
  });
}, 60_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

/**
 * Runs a bundled preload the way Electron's sandbox does: a script whose `require` knows
 * 'electron' only (here a recording fake) and whose `process` is a stub.
 */
async function runPreload(name: string) {
  const code = await readFile(join(out, 'preload', name), 'utf8');
  const exposed = new Map<string, unknown>();
  const sent: Array<[string, ...unknown[]]> = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]),
      invoke: (channel: string) =>
        Promise.resolve(channel === IPC.setupCurrent ? 'https://c.example' : null),
      on: () => undefined,
      removeListener: () => undefined,
    },
  };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(code, {
    require: sandboxRequire,
    module,
    exports: module.exports,
    process: { platform: 'linux' },
  });
  return { exposed, sent, required };
}

describe('bundled preloads', () => {
  it('app preload: one file that requires only electron and exposes window.parleyDesktop', async () => {
    const { exposed, sent, required } = await runPreload('app-preload.cjs');
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['parleyDesktop']);
    const api = exposed.get('parleyDesktop') as ParleyDesktopApi;
    expect(api.platform).toBe('linux');
    api.setUnreadCount(2);
    expect(sent).toEqual([[IPC.setUnreadCount, 2]]);
  });

  it('setup preload: exposes window.parleySetup only', async () => {
    const { exposed, required } = await runPreload('setup-preload.cjs');
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['parleySetup']);
    expect(await (exposed.get('parleySetup') as ParleySetupApi).currentServer()).toBe(
      'https://c.example',
    );
  });

  it('ships the local pages with a strict CSP and their scripts', async () => {
    for (const page of ['setup', 'unreachable']) {
      const html = await readFile(join(out, 'renderer', `${page}.html`), 'utf8');
      expect(html).toContain("default-src 'none'; script-src 'self'");
      expect(html).toContain(`<script src="${page}.js"></script>`);
      const script = await readFile(join(out, 'renderer', `${page}.js`), 'utf8');
      expect(script).not.toMatch(/\brequire\(|\bimport\s/);
    }
  });
});
