import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSettingsStore } from './settings-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-desktop-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts a first run with no server', async () => {
    const loaded = await createSettingsStore(dir).load();
    expect(loaded).toEqual({ settings: { serverUrl: null } });
  });

  it('remembers the server across instances (a restart)', async () => {
    await createSettingsStore(dir).save({ serverUrl: 'https://chat.example.com' });
    const loaded = await createSettingsStore(dir).load();
    expect(loaded).toEqual({ settings: { serverUrl: 'https://chat.example.com' } });
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual({ version: 1, serverUrl: 'https://chat.example.com' });
  });

  it('creates the directory, keeps the file private and leaves no temporary files', async () => {
    const nested = join(dir, 'a', 'b');
    await createSettingsStore(nested).save({ serverUrl: 'https://chat.example.com' });
    expect(await readdir(nested)).toEqual(['settings.json']);
    if (process.platform !== 'win32') {
      expect((await stat(join(nested, 'settings.json'))).mode & 0o777).toBe(0o600);
    }
  });

  it('keeps the last of concurrent saves', async () => {
    const store = createSettingsStore(dir);
    await Promise.all([
      store.save({ serverUrl: 'https://one.example.com' }),
      store.save({ serverUrl: 'https://two.example.com' }),
      store.save({ serverUrl: 'https://three.example.com' }),
    ]);
    expect((await store.load()).settings.serverUrl).toBe('https://three.example.com');
  });

  it('forgets the server when asked', async () => {
    const store = createSettingsStore(dir);
    await store.save({ serverUrl: 'https://chat.example.com' });
    await store.save({ serverUrl: null });
    expect(await store.load()).toEqual({ settings: { serverUrl: null } });
  });

  it.each([
    ['not JSON', '{"version":1,', /not valid JSON/],
    ['an array', '[]', /does not hold an object/],
    ['a future version', '{"version":2,"serverUrl":"https://x.example"}', /unknown version/],
    ['a file: URL', '{"version":1,"serverUrl":"file:///etc/passwd"}', /invalid serverUrl/],
    [
      'a URL with a path',
      '{"version":1,"serverUrl":"https://x.example/evil"}',
      /invalid serverUrl/,
    ],
    ['a number', '{"version":1,"serverUrl":42}', /invalid serverUrl/],
  ])('falls back to a first run when the file holds %s', async (_name, body, problem) => {
    await writeFile(join(dir, 'settings.json'), body);
    const loaded = await createSettingsStore(dir).load();
    expect(loaded.settings).toEqual({ serverUrl: null });
    expect(loaded.problem).toMatch(problem);
  });
});
