import { expect, test, type BrowserContext } from '@playwright/test';

import { messageWithText, signIn, snap } from './support.js';

interface TransportLog {
  webSockets: number;
  pollingRequests: number;
}

/**
 * A browser whose network refuses WebSocket (every upgrade is closed, as by a breaking proxy)
 * and whose /config.json, as an operator would write it, asks for long-polling only.
 */
async function pollingOnlyContext(context: BrowserContext): Promise<TransportLog> {
  const log: TransportLog = { webSockets: 0, pollingRequests: 0 };
  await context.routeWebSocket(/.*/, (ws) => {
    log.webSockets += 1;
    void ws.close({ code: 1008, reason: 'WebSocket blocked by the test' });
  });
  await context.route('**/config.json', async (route) => {
    const served = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...served, transports: ['polling'] } });
  });
  context.on('request', (request) => {
    if (/\/socket\.io\/\?.*transport=polling/.test(request.url())) log.pollingRequests += 1;
  });
  return log;
}

test('with WebSocket blocked, two users chat over long-polling only', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const aliceLog = await pollingOnlyContext(aliceContext);
  const bobLog = await pollingOnlyContext(bobContext);
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();

  await signIn(alice, 'alice');
  await signIn(bob, 'bob');
  await alice.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await bob.locator('[data-testid="directory-item"][data-login="alice"]').click();
  await expect(alice.getByTestId('pane-title')).toHaveText('Bob Li');
  await expect(bob.getByTestId('pane-title')).toHaveText('Alice Chen');

  // Typing travels over polling too.
  await alice.getByTestId('composer-input').pressSequentially('Over pol');
  await expect(bob.getByTestId('typing-indicator')).toHaveText('Alice Chen is typing…');

  const hello = `Polling hello ${Date.now()}`;
  await alice.getByTestId('composer-input').fill(hello);
  await alice.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(alice, hello)).toHaveAttribute('data-status', 'sent');
  await expect(messageWithText(bob, hello).getByTestId('message-sender')).toHaveText('Alice Chen');

  const reply = `Polling reply ${Date.now()}`;
  await bob.getByTestId('composer-input').fill(reply);
  await bob.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(alice, reply).getByTestId('message-sender')).toHaveText('Bob Li');
  await snap(alice, testInfo, 'alice-polling');

  // Neither browser ever opened a WebSocket; both talked over HTTP long-polling.
  for (const log of [aliceLog, bobLog]) {
    expect(log.webSockets).toBe(0);
    expect(log.pollingRequests).toBeGreaterThan(2);
  }

  await aliceContext.close();
  await bobContext.close();
});
