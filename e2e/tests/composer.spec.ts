import { expect, test } from '@playwright/test';

import { signIn } from './support.js';

test('@mention autocomplete and the emoji picker in the composer', async ({ page }) => {
  await signIn(page, 'alice');
  await page.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Bob Li');
  const composer = page.getByTestId('composer-input');

  const stamp = Date.now();
  await composer.pressSequentially(`Ping ${stamp} @b`);
  const option = page.getByTestId('mention-option');
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('data-login', 'bob');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await composer.press('Enter');
  await expect(composer).toHaveValue(`Ping ${stamp} @bob `);
  await expect(page.getByTestId('mention-option')).toHaveCount(0);

  await page.getByTestId('emoji-toggle').click();
  await page.getByRole('button', { name: '👍' }).click();
  await expect(composer).toHaveValue(`Ping ${stamp} @bob 👍`);
  await expect(composer).toBeFocused();

  await composer.press('Enter');
  const message = page
    .getByTestId('conversation-pane')
    .getByTestId('message')
    .filter({ hasText: `Ping ${stamp}` });
  await expect(message).toHaveAttribute('data-status', 'sent');
  await expect(message.getByTestId('mention')).toHaveText('@bob');
  await expect(message.getByTestId('message-text')).toContainText('👍');
});
