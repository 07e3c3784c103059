import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the real stack: the embedded launcher (login, msg and file servers
 * on PGlite, plus the web app's static export) on ports that do not clash with a developer's
 * running instance, with a fresh data directory per run, driven through Debian's Chromium.
 */
const portBase = Number(process.env.PARLEY_E2E_PORT_BASE ?? 4100);
const host = '127.0.0.1';

// Workers load this file again; they inherit the directory through the environment.
process.env.PARLEY_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'parley-e2e-'));
process.env.PARLEY_E2E_DEMO_PASSWORD ??= 'e2e-demo-password';
process.env.PARLEY_E2E_ADMIN_PASSWORD ??= 'e2e-admin-password';

const WEB_URL = `http://${host}:${portBase}`;

export default defineConfig({
  testDir: './tests',
  // One stack, shared users: tests run one after another.
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  reporter: [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL: WEB_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The launcher is the default; PARLEY_E2E_COMMAND runs another one with the same settings.
    command: process.env.PARLEY_E2E_COMMAND ?? 'node ../apps/embedded/dist/main.js',
    url: WEB_URL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PARLEY_DATA_DIR: process.env.PARLEY_E2E_DATA_DIR,
      PARLEY_HOST: host,
      PARLEY_PUBLIC_HOST: host,
      PARLEY_WEB_PORT: String(portBase),
      PARLEY_LOGIN_PORT: String(portBase + 1),
      PARLEY_MSG_PORT: String(portBase + 2),
      PARLEY_FILE_PORT: String(portBase + 3),
      PARLEY_ADMIN_PASSWORD: process.env.PARLEY_E2E_ADMIN_PASSWORD,
      PARLEY_DEMO_PASSWORD: process.env.PARLEY_E2E_DEMO_PASSWORD,
      // The embedded default is PGlite under the data directory, whatever the shell has set.
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
  },
});
