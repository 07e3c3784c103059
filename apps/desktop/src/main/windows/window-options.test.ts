import { describe, expect, it } from 'vitest';

import { mainWindowOptions, setupWindowOptions } from './window-options.js';

describe('window options', () => {
  it.each([
    ['app', mainWindowOptions('/app/preload.cjs')],
    ['setup', setupWindowOptions('/app/setup-preload.cjs')],
  ])('%s window: isolated, sandboxed, no Node', (_name, options) => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.preload).toMatch(/preload\.cjs$/);
  });
});
