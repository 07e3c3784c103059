import { expect, test, type Page } from '@playwright/test';

import { createParleyClient, type ParleyClient } from '@parley/sdk';

import { ADMIN_PASSWORD, asAdmin, DEMO_PASSWORD, LOGIN_URL, signIn, snap } from './support.js';

async function connected(login: string, password: string): Promise<ParleyClient> {
  const client = createParleyClient({ loginUrl: LOGIN_URL });
  await client.signIn(login, password);
  await client.connect();
  return client;
}

async function tileValue(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-value'));
}

/**
 * Waits until the dashboard shows node figures taken after this moment (the msg-server
 * announces every few seconds, so a change takes that long to show), then reads connections.
 */
async function freshConnections(page: Page): Promise<number> {
  const after = Date.now();
  await expect
    .poll(
      async () => Number(await page.getByTestId('dashboard').getAttribute('data-reported-at')),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(after);
  return tileValue(page, 'stat-connections');
}

test('the dashboard shows live numbers while messages flow, refreshing by itself', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  // The Admin link in the chat header leads to the dashboard.
  await signIn(page, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('admin-link').click();
  await expect(page).toHaveURL(/\/admin\/?$/);
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await expect(page.getByTestId('stat-nodes')).toHaveAttribute('data-value', /^[1-9]/);
  const firstUpdate = await page.getByTestId('dash-updated').getAttribute('data-at');
  await expect(page.getByTestId('dash-updated')).not.toHaveAttribute('data-at', firstUpdate ?? '');
  // The admin's own browser is connected too (the chat page connected it).
  const connectionsBefore = await freshConnections(page);
  expect(connectionsBefore).toBeGreaterThanOrEqual(1);

  // Two more devices connect, and one writes to the other steadily. They are people of their
  // own, so the load leaves the demo users' conversations (other specs') alone.
  const post = await asAdmin(request);
  const suffix = String(Date.now()).slice(-6);
  const [writerLogin, readerLogin] = [`dash-w${suffix}`, `dash-r${suffix}`];
  for (const login of [writerLogin, readerLogin]) {
    await post('/v1/admin/users', { login, displayName: login, password: DEMO_PASSWORD });
  }
  const writer = await connected(writerLogin, DEMO_PASSWORD);
  const reader = await connected(readerLogin, DEMO_PASSWORD);
  await writer.loadDirectory();
  const readerInfo = [...writer.getState().users.values()].find((u) => u.login === readerLogin);
  if (!readerInfo) throw new Error(`${readerLogin} is not in the directory`);
  const chat = await writer.openDirect(readerInfo.id);
  let sending = true;
  let sent = 0;
  const flow = (async () => {
    while (sending) {
      await writer.send(chat.id, `dashboard load ${sent}`);
      sent += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  try {
    expect(await freshConnections(page)).toBe(connectionsBefore + 2);
    await expect
      .poll(() => tileValue(page, 'stat-messages-in'), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const p50 = page.getByTestId('chart-latency').getByTestId('legend-p50');
    await expect
      .poll(async () => Number(await p50.getAttribute('data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    // The messages chart has drawn a line with more than one point.
    await expect(
      page.locator('[data-testid="chart-messages"] path[data-series="in"]'),
    ).toHaveAttribute('d', /L/);
    await expect(page.getByTestId('chart-nodes').getByTestId('bar').first()).toHaveAttribute(
      'data-value',
      /^[1-9]/,
    );
    // A refused request shows up among the recent errors by itself.
    await expect(
      writer.request({ history: { conversationId: 987_654_321, limit: 1 } }),
    ).rejects.toThrow();
    await expect(
      page.getByTestId('dash-error-row').filter({ hasText: 'history' }).first(),
    ).toBeVisible({ timeout: 30_000 });
    await snap(page, testInfo, 'admin-dashboard');
  } finally {
    sending = false;
    await flow;
  }
  expect(sent).toBeGreaterThan(0);

  // When the devices leave, the connection count goes down again by itself.
  writer.close();
  reader.close();
  await expect
    .poll(() => tileValue(page, 'stat-connections'), { timeout: 30_000 })
    .toBe(connectionsBefore);

  // The other theme, as the chat's switch does it.
  const toggle = page.getByTestId('theme-toggle');
  const other = (await toggle.getAttribute('data-theme')) === 'dark' ? 'light' : 'dark';
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', other);
  await snap(page, testInfo, `admin-dashboard-${other}`);
});
