import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { normalizeServerUrl } from '../server-url/normalize-server-url.js';

/** What the desktop app remembers between runs (settings.json under userData). */
export interface DesktopSettings {
  /** The Parley server's origin, or null before the first-run screen was completed. */
  serverUrl: string | null;
}

/** What {@link SettingsStore.load} found. */
export interface LoadedSettings {
  settings: DesktopSettings;
  /** Why the file was ignored (unreadable, not JSON, wrong shape); absent when all was well. */
  problem?: string;
}

export interface SettingsStore {
  readonly path: string;
  load(): Promise<LoadedSettings>;
  save(settings: DesktopSettings): Promise<void>;
}

const FILE_VERSION = 1;

/** The settings of a first run. */
export const DEFAULT_SETTINGS: DesktopSettings = { serverUrl: null };

/**
 * Settings in a JSON file in `directory` (Electron's userData). Loading never throws: a
 * missing file is a first run, a damaged one falls back to the defaults with a reason the
 * caller logs, so the worst case is the first-run screen again. Saving writes a temporary
 * file and renames it over the old one, so a crash mid-write cannot leave half a file.
 *
 * @example
 * const store = createSettingsStore(app.getPath('userData'));
 * const { settings } = await store.load();
 * await store.save({ ...settings, serverUrl: 'https://chat.example.com' });
 */
export function createSettingsStore(directory: string): SettingsStore {
  const path = join(directory, 'settings.json');
  let writes = Promise.resolve();

  async function load(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULT_SETTINGS };
      return { settings: DEFAULT_SETTINGS, problem: `cannot read ${path}: ${String(error)}` };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { settings: DEFAULT_SETTINGS, problem: `${path} is not valid JSON` };
    }
    return parseSettings(value, path);
  }

  function save(settings: DesktopSettings): Promise<void> {
    // Saves run one after another, so the last call always wins on disk.
    const next = writes.then(async () => {
      await mkdir(directory, { recursive: true });
      const body = JSON.stringify({ version: FILE_VERSION, ...settings }, null, 2) + '\n';
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, path);
    });
    writes = next.catch(() => undefined);
    return next;
  }

  return { path, load, save };
}

function parseSettings(value: unknown, path: string): LoadedSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { settings: DEFAULT_SETTINGS, problem: `${path} does not hold an object` };
  }
  const record = value as Record<string, unknown>;
  if (record.version !== FILE_VERSION) {
    return {
      settings: DEFAULT_SETTINGS,
      problem: `${path} has unknown version ${String(record.version)}`,
    };
  }
  const serverUrl = record.serverUrl;
  if (serverUrl === null || serverUrl === undefined) return { settings: { serverUrl: null } };
  // The file is user-editable: only an http(s) origin is trusted as the page to load.
  const normalized = typeof serverUrl === 'string' ? normalizeServerUrl(serverUrl) : null;
  if (!normalized?.ok || normalized.origin !== serverUrl) {
    return { settings: DEFAULT_SETTINGS, problem: `${path} has an invalid serverUrl` };
  }
  return { settings: { serverUrl: normalized.origin } };
}
