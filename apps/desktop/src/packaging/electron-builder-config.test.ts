import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';

import { APP_ID } from '../main/start-desktop.js';

// electron-builder's own loader and schema validator (what `electron-builder` runs before
// packaging), resolved through electron-builder so hoisting does not matter.
const requireFromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder'),
);
const builderConfig = requireFromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: null,
  ): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = requireFromBuilder('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

async function loadConfig(): Promise<Configuration> {
  return builderConfig.getConfig(packageDir, 'electron-builder.yml', null);
}

// Loading electron-builder and its JSON schema takes seconds on a busy machine.
describe('electron-builder.yml', { timeout: 30_000 }, () => {
  it('passes electron-builder’s own validation', async () => {
    const config = await loadConfig();
    await expect(
      builderConfig.validateConfiguration(config, new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('is rejected by that validation when wrong (the check is real)', async () => {
    const config = {
      ...(await loadConfig()),
      linux: { target: 'AppImage', bogusOption: true },
    } as Configuration;
    await expect(
      builderConfig.validateConfiguration(config, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.linux/);
  });

  it('packages for Linux, Windows and macOS with the parley:// protocol', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe(APP_ID);
    expect(config.protocols).toEqual([{ name: 'Parley', schemes: ['parley'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // The loader normalises `files` into one file set.
    expect(JSON.stringify(config.files)).toContain('"dist/**/*"');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
  });

  it('pins the Electron version the app is type-checked against', async () => {
    const config = await loadConfig();
    const electronPackage = createRequire(import.meta.url)('electron/package.json') as {
      version: string;
    };
    expect(config.electronVersion).toBe(electronPackage.version);
  });
});
