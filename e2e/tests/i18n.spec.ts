import { expect, test } from '@playwright/test';

import { signIn, snap } from './support.js';

test('Chinese UI from the browser language, switchable to English and remembered', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, 'alice');

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('connection-status')).toHaveText('在线');
  await expect(page.getByRole('heading', { name: '会话' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: '查找同事' })).toBeVisible();
  await page.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(page.getByTestId('composer-input')).toHaveAttribute('placeholder', '输入消息');
  await expect(page.getByTestId('composer-send')).toHaveText('发送');
  await snap(page, testInfo, 'screen-conversation-zh');

  await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('connection-status')).toHaveText('Online');
  await expect(page.getByTestId('composer-send')).toHaveText('Send');

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Online');
  await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
  await context.close();
});
