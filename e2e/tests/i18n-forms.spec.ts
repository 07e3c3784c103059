import { expect, test } from '@playwright/test';

import { DEMO_PASSWORD, expectOnline, snap } from './support.js';

test('the sign-in page and the new-group form in Chinese', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('/sign-in/');

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '登录 Parley' })).toBeVisible();
  await page.getByLabel('账号').fill('alice');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('账号或密码错误。');
  await snap(page, testInfo, 'sign-in-zh');

  // The language switch on the sign-in page.
  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: 'Sign in to Parley' })).toBeVisible();
  await expect(page.getByLabel('Login')).toBeVisible();
  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: '登录 Parley' })).toBeVisible();

  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/chat\/?/);
  await expectOnline(page);

  // The new-group form.
  await page.getByTestId('new-group').click();
  const form = page.getByRole('form', { name: '新建群聊' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('群聊名称')).toHaveAttribute('placeholder', '群聊名称');
  await expect(form.getByRole('group', { name: '成员' })).toBeVisible();
  await expect(form.getByTestId('group-create')).toHaveText('创建群聊');
  await expect(form.getByRole('button', { name: '取消' })).toBeVisible();
  await snap(page, testInfo, 'new-group-zh');
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toHaveCount(0);

  // The directory search is labelled in Chinese too.
  await expect(page.getByRole('searchbox', { name: '查找同事' })).toHaveAttribute(
    'placeholder',
    '姓名、账号或拼音',
  );
  await context.close();
});
