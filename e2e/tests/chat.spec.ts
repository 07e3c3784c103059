import { expect, test } from '@playwright/test';

import { conversationItem, expectOnline, messageWithText, signIn, snap } from './support.js';

test('alice and bob chat live and keep their history across reloads', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();

  await signIn(alice, 'alice');
  await signIn(bob, 'bob');

  // Alice starts a direct chat with Bob from the directory.
  await alice.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(alice.getByTestId('pane-title')).toHaveText('Bob Li');

  const hello = `Hello Bob, it is ${new Date().toISOString()}`;
  const composer = alice.getByTestId('composer-input');
  await composer.fill(hello);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(messageWithText(alice, hello)).toHaveAttribute('data-status', 'sent');
  await expect(messageWithText(alice, hello).getByTestId('message-status')).toHaveText('Sent');
  await snap(alice, testInfo, 'alice-sent');

  // Bob sees it live: the conversation appears with Alice's name, the preview and a badge.
  const bobChat = conversationItem(bob, 'Alice Chen');
  await expect(bobChat.getByTestId('conversation-title')).toHaveText('Alice Chen');
  await expect(bobChat.getByTestId('conversation-preview')).toContainText(hello);
  await expect(bobChat.getByTestId('unread-badge')).toHaveText('1');
  await snap(bob, testInfo, 'bob-unread');

  await bobChat.click();
  await expect(messageWithText(bob, hello).getByTestId('message-sender')).toHaveText('Alice Chen');
  await expect(bobChat.getByTestId('unread-badge')).toHaveCount(0);

  const reply = `Hi Alice! Got it at ${new Date().toISOString()}`;
  await bob.getByTestId('composer-input').fill(reply);
  await bob.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(bob, reply)).toHaveAttribute('data-status', 'sent');

  // Alice sees the reply live, in the open conversation.
  await expect(messageWithText(alice, reply).getByTestId('message-sender')).toHaveText('Bob Li');
  await snap(alice, testInfo, 'alice-reply');

  // Both reload: still signed in, the same conversation open, both messages there, in order.
  for (const page of [alice, bob]) {
    await page.reload();
    await expectOnline(page);
    await expect(messageWithText(page, hello)).toHaveCount(1);
    await expect(messageWithText(page, reply)).toHaveCount(1);
    const texts = page.getByTestId('conversation-pane').getByTestId('message-text');
    expect((await texts.allTextContents()).slice(-2)).toEqual([hello, reply]);
  }
  await snap(alice, testInfo, 'alice-after-reload');
  await snap(bob, testInfo, 'bob-after-reload');

  await aliceContext.close();
  await bobContext.close();
});

test('a wrong password is refused with a clear message', async ({ page }, testInfo) => {
  await page.goto('/sign-in/');
  await page.getByLabel('Login').fill('alice');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong login or password.');
  await expect(page).toHaveURL(/\/sign-in\/?$/);
  await snap(page, testInfo, 'sign-in-refused');
});
