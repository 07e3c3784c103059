import { expect, test, type Page } from '@playwright/test';

import {
  conversationItem,
  ADMIN_PASSWORD,
  expectOnline,
  messageWithText,
  signIn,
  snap,
} from './support.js';

// Alice writes to the administrator (a conversation of its own, apart from chat.spec.ts).
async function openChatWithAdmin(page: Page): Promise<void> {
  await page.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Administrator');
}

async function write(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
}

test('a message written offline is sent once the network is back', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const admin = await adminContext.newPage();
  await signIn(alice, 'alice');
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await openChatWithAdmin(alice);

  await aliceContext.setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'online');
  const text = `Written on a train at ${new Date().toISOString()}`;
  await write(alice, text);
  await expect(messageWithText(alice, text)).toHaveAttribute('data-status', 'sending');
  await expect(messageWithText(alice, text).getByTestId('message-status')).toHaveText('Sending…');
  await snap(alice, testInfo, 'alice-offline-sending');

  await aliceContext.setOffline(false);
  await expectOnline(alice);
  await expect(messageWithText(alice, text)).toHaveAttribute('data-status', 'sent');

  const adminChat = conversationItem(admin, 'Alice Chen');
  await adminChat.click();
  await expect(messageWithText(admin, text)).toHaveCount(1);

  await aliceContext.close();
  await adminContext.close();
});

test('a message written offline survives closing the tab and is sent exactly once later', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const admin = await adminContext.newPage();
  await signIn(alice, 'alice');
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await openChatWithAdmin(alice);

  await aliceContext.setOffline(true);
  await expect(alice.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'online');
  const text = `Queued before closing the laptop at ${new Date().toISOString()}`;
  await write(alice, text);
  await expect(messageWithText(alice, text)).toHaveAttribute('data-status', 'sending');
  await alice.close(); // the outbox is in localStorage; the page is gone

  await aliceContext.setOffline(false);
  const again = await aliceContext.newPage();
  await again.goto('/chat/');
  await expectOnline(again);
  await openChatWithAdmin(again);
  await expect(messageWithText(again, text)).toHaveAttribute('data-status', 'sent');
  await snap(again, testInfo, 'alice-sent-after-reopen');

  const adminChat = conversationItem(admin, 'Alice Chen');
  await adminChat.click();
  await expect(messageWithText(admin, text)).toHaveCount(1);
  // The same client_msg_id on every attempt: a reload does not make a second copy.
  await admin.reload();
  await expectOnline(admin);
  await expect(messageWithText(admin, text)).toHaveCount(1);
  await snap(admin, testInfo, 'admin-received-once');

  await aliceContext.close();
  await adminContext.close();
});
