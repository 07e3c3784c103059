import { expect, test } from '@playwright/test';

import { signIn, snap } from './support.js';

test('markdown renders safely: an XSS payload is inert text, real markdown is formatted', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  const dialogs: string[] = [];
  for (const page of [alice, bob]) {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  await signIn(alice, 'alice');
  await signIn(bob, 'bob');
  await alice.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await bob.locator('[data-testid="directory-item"][data-login="alice"]').click();
  await expect(alice.getByTestId('pane-title')).toHaveText('Bob Li');
  await expect(bob.getByTestId('pane-title')).toHaveText('Alice Chen');

  const token = `xss-${Date.now()}`;
  const payload = [
    `${token} <img src=x onerror=alert(1)> <script>alert(2)</script>`,
    '[click me](javascript:alert(3)) <a href="javascript:alert(4)">a</a>',
    '**bold** _soft_ `x<b>y</b>` [site](https://example.com/docs) @bob',
    '```',
    '<svg onload=alert(5)>',
    '```',
  ].join('\n');
  const composer = alice.getByTestId('composer-input');
  await composer.fill(payload);
  await composer.press('Enter');

  for (const page of [alice, bob]) {
    const message = page
      .getByTestId('conversation-pane')
      .getByTestId('message')
      .filter({ hasText: token });
    await expect(message).toHaveCount(1);
    const body = message.getByTestId('message-text');
    // The tags are shown as the text they are...
    await expect(body).toContainText('<img src=x onerror=alert(1)> <script>alert(2)</script>');
    await expect(body).toContainText('[click me](javascript:alert(3))');
    await expect(body.locator('pre code')).toHaveText('<svg onload=alert(5)>');
    // ...and none of them became an element.
    await expect(body.locator('img, script, svg, iframe, b')).toHaveCount(0);
    await expect(body.locator('a[href^="javascript" i]')).toHaveCount(0);
    await expect(body.locator('[onerror], [onload]')).toHaveCount(0);
    // Real markdown is formatted, links are safe and open apart.
    await expect(body.locator('strong')).toHaveText('bold');
    await expect(body.locator('em')).toHaveText('soft');
    await expect(body.locator('code').first()).toHaveText('x<b>y</b>');
    const link = body.getByRole('link', { name: 'site' });
    await expect(link).toHaveAttribute('href', 'https://example.com/docs');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(body.getByTestId('mention')).toHaveText('@bob');
    await expect(body.locator('a')).toHaveCount(1);
  }
  // Bob is the one mentioned: it stands out for him only.
  await expect(bob.locator('.mention-me').filter({ hasText: '@bob' }).last()).toBeVisible();
  await snap(bob, testInfo, 'bob-markdown');

  expect(dialogs).toEqual([]);
  await aliceContext.close();
  await bobContext.close();
});
