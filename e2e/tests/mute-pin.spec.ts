import { expect, test } from '@playwright/test';

import { conversationItem, expectOnline, signIn, snap, titleCount } from './support.js';

test('a pinned conversation leads the list and stays pinned after a reload', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'alice');
  // Two conversations; the one with the administrator is opened last, so it is the newer.
  await page.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Bob Li');
  await page.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Administrator');
  await page.getByTestId('composer-input').fill(`newest ${Date.now()}`);
  await page.getByTestId('composer-input').press('Enter');
  const items = page.getByTestId('conversation-item');
  await expect(items.first()).toHaveAttribute('data-title', 'Administrator');

  // Alice's second device, online while she pins on the first.
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await signIn(phone, 'alice');
  await expect(conversationItem(phone, 'Bob Li')).toHaveAttribute('data-pinned', 'false');

  const bobRow = page.getByRole('listitem').filter({ has: conversationItem(page, 'Bob Li') });
  await bobRow.hover();
  await bobRow.getByTestId('conversation-pin').click();
  await expect(items.first()).toHaveAttribute('data-title', 'Bob Li');
  // The other device follows live.
  await expect(conversationItem(phone, 'Bob Li')).toHaveAttribute('data-pinned', 'true');
  await expect(phone.getByTestId('conversation-item').first()).toHaveAttribute(
    'data-title',
    'Bob Li',
  );
  await phoneContext.close();
  await expect(conversationItem(page, 'Bob Li').getByTestId('pinned-icon')).toBeVisible();
  await expect(bobRow.getByTestId('conversation-pin')).toHaveAttribute('aria-pressed', 'true');
  await snap(page, testInfo, 'pinned');

  await page.reload();
  await expectOnline(page);
  await expect(items.first()).toHaveAttribute('data-title', 'Bob Li');
  await expect(conversationItem(page, 'Bob Li')).toHaveAttribute('data-pinned', 'true');

  // Unpinned, it goes back to its place by activity.
  await bobRow.hover();
  await bobRow.getByTestId('conversation-pin').click();
  await expect(items.first()).toHaveAttribute('data-title', 'Administrator');
  await page.reload();
  await expectOnline(page);
  await expect(items.first()).toHaveAttribute('data-title', 'Administrator');
  await context.close();
});

test('a muted conversation shows a muted icon and does not bump the tab title', async ({
  browser,
}) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  await signIn(alice, 'alice');
  await signIn(bob, 'bob');
  await bob.locator('[data-testid="directory-item"][data-login="alice"]').click();
  await expect(bob.getByTestId('pane-title')).toHaveText('Alice Chen');

  // Alice keeps no conversation open, so Bob's messages stay unread for her.
  await alice.goto('/chat/');
  await expectOnline(alice);
  const aliceRow = alice.getByRole('listitem').filter({ has: conversationItem(alice, 'Bob Li') });
  await expect(aliceRow).toBeVisible();
  await aliceRow.hover();
  await aliceRow.getByTestId('conversation-mute').click();
  await expect(conversationItem(alice, 'Bob Li').getByTestId('muted-icon')).toBeVisible();
  await expect(aliceRow.getByTestId('conversation-mute')).toHaveAttribute('aria-pressed', 'true');
  // The count without this conversation (other tests may have left unread messages elsewhere).
  const before = await titleCount(alice);

  const quiet = `psst ${Date.now()}`;
  await bob.getByTestId('composer-input').fill(quiet);
  await bob.getByTestId('composer-input').press('Enter');
  await expect(conversationItem(alice, 'Bob Li').getByTestId('conversation-preview')).toContainText(
    quiet,
  );
  const badge = conversationItem(alice, 'Bob Li').getByTestId('unread-badge');
  await expect(badge).toBeVisible();
  await expect(badge).toHaveClass(/unread-muted/);
  expect(await titleCount(alice)).toBe(before);

  // "Unread only" keeps it (muted or not) and drops every conversation without unread messages.
  await alice.getByTestId('unread-filter').click();
  await expect(alice.getByTestId('unread-filter')).toHaveAttribute('aria-pressed', 'true');
  await expect(conversationItem(alice, 'Bob Li')).toBeVisible();
  const shown = alice.getByTestId('conversation-item');
  await expect(shown).toHaveCount(await alice.getByTestId('unread-badge').count());
  await alice.getByTestId('unread-filter').click();

  // Still muted after a reload (the server keeps it); unmuted, the unread count shows.
  await alice.reload();
  await expectOnline(alice);
  await expect(conversationItem(alice, 'Bob Li')).toHaveAttribute('data-muted', 'true');
  expect(await titleCount(alice)).toBe(before);
  const unread = Number(await badge.textContent());
  await aliceRow.hover();
  await aliceRow.getByTestId('conversation-mute').click();
  await expect(conversationItem(alice, 'Bob Li')).toHaveAttribute('data-muted', 'false');
  await expect.poll(() => titleCount(alice)).toBe(before + unread);

  await aliceContext.close();
  await bobContext.close();
});
