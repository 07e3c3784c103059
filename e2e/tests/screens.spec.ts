/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';

import { conversationItem, expectOnline, messageWithText, signIn, snap } from './support.js';

async function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

test('main screens in light and dark, with Ctrl+K to jump to a conversation', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await signIn(page, 'alice');
  // Make sure a conversation with Bob exists, then start from the bare chat page.
  await page.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Bob Li');
  await page.goto('/chat/');
  await expectOnline(page);
  await expect(page.getByTestId('conversation-item').first()).toBeVisible();
  await expect(page.getByTestId('conversation-pane')).toHaveCount(0);
  await snap(page, testInfo, 'screen-list');

  // The directory, filtered, with presence dots (Bob is not signed in here).
  await page.getByLabel('Find someone').fill('Bob');
  const bob = page.locator('[data-testid="directory-item"][data-login="bob"]');
  await expect(bob.getByTestId('presence')).toHaveAttribute('data-presence', /online|away|offline/);
  await snap(page, testInfo, 'screen-directory');
  await page.getByLabel('Find someone').fill('');

  // Ctrl+K focuses the conversation search; Enter opens the first match, ready to write.
  await page.getByTestId('me-name').click();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('conversation-search')).toBeFocused();
  await page.keyboard.type('Bob');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pane-title')).toHaveText('Bob Li');
  await expect(page.getByTestId('composer-input')).toBeFocused();

  // Shift+Enter adds a line; Enter sends both lines as one message.
  const first = `Two lines ${Date.now()}`;
  await page.keyboard.type(first);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  await expect(page.getByTestId('composer-input')).toHaveValue(`${first}\nsecond line`);
  await page.keyboard.press('Enter');
  const sent = page
    .getByTestId('conversation-pane')
    .getByTestId('message')
    .filter({ hasText: first });
  await expect(sent).toHaveAttribute('data-status', 'sent');
  await expect(sent.getByTestId('message-text').locator('br')).toHaveCount(1);
  await snap(page, testInfo, 'screen-conversation');

  // Dark theme: the toggle switches the variables and is remembered across a reload.
  const light = await background(page);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => background(page)).not.toBe(light);
  const dark = await background(page);
  await snap(page, testInfo, 'screen-conversation-dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(messageWithText(page, 'second line')).toHaveCount(0);
  await expect(sent).toBeVisible();
  await snap(page, testInfo, 'screen-list-dark');
  await context.close();

  // With no choice saved, the system's dark preference applies.
  const darkContext = await browser.newContext({ colorScheme: 'dark' });
  const darkPage = await darkContext.newPage();
  await signIn(darkPage, 'bob');
  await expect(darkPage.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => background(darkPage)).toBe(dark);
  await snap(darkPage, testInfo, 'screen-system-dark');
  await darkContext.close();
});

test('hidden tab: unread count in the title and a desktop notification for a direct message', async ({
  browser,
}) => {
  const bobContext = await browser.newContext();
  await bobContext.grantPermissions(['notifications']);
  // Record notifications (and let the test hide the tab): the real API has nothing to observe.
  await bobContext.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    const Real = window.Notification;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recorded });
    Object.assign(window, { shownNotifications: shown, tabHidden: false });
    Object.defineProperty(document, 'visibilityState', {
      get: () => ((window as unknown as { tabHidden: boolean }).tabHidden ? 'hidden' : 'visible'),
    });
  });
  const aliceContext = await browser.newContext();
  const bob = await bobContext.newPage();
  const alice = await aliceContext.newPage();
  await signIn(bob, 'bob');
  await signIn(alice, 'alice');
  await expect(bob.getByTestId('enable-notifications')).toHaveCount(0);

  // Bob looks at nothing in particular and hides the tab.
  await bob.evaluate(() => Object.assign(window, { tabHidden: true }));
  await alice.locator('[data-testid="directory-item"][data-login="bob"]').click();
  const text = `Ping while hidden ${Date.now()}`;
  await alice.getByTestId('composer-input').fill(text);
  await alice.getByTestId('composer-input').press('Enter');

  await expect
    .poll(() =>
      bob.evaluate(
        () => (window as unknown as { shownNotifications: unknown[] }).shownNotifications,
      ),
    )
    .toEqual([{ title: 'Alice Chen', body: text }]);
  await expect(bob).toHaveTitle(/^\(\d+\) Parley$/);

  // Reading the conversation clears the count.
  await bob.evaluate(() => Object.assign(window, { tabHidden: false }));
  await conversationItem(bob, 'Alice Chen').click();
  await expect(bob).toHaveTitle('Parley');

  // The offline banner shows while the browser is offline.
  await bobContext.setOffline(true);
  await expect(bob.getByTestId('offline-banner')).toBeVisible();
  await bobContext.setOffline(false);
  await expect(bob.getByTestId('offline-banner')).toHaveCount(0);

  await aliceContext.close();
  await bobContext.close();
});
