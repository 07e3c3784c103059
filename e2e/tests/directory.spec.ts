import { expect, test } from '@playwright/test';

import { asAdmin, DEMO_PASSWORD, signIn, snap } from './support.js';

test('the directory as a department tree, pinyin search, and a chat started from a person', async ({
  browser,
  request,
}, testInfo) => {
  // A department with a person whose name is Chinese (found by its pinyin).
  const suffix = String(Date.now()).slice(-6);
  const post = await asAdmin(request);
  const created = (await post('/v1/admin/departments', { name: `研发中心${suffix}` })) as {
    department?: { department?: { id?: string | number } };
  };
  const departmentId = Number(created.department?.department?.id);
  expect(departmentId).toBeGreaterThan(0);
  const login = `zwm${suffix}`;
  await post('/v1/admin/users', {
    login,
    displayName: '张伟明',
    departmentId,
    title: '架构师',
    password: DEMO_PASSWORD,
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'alice');

  // The tree: the seeded departments and the new one, each with its people and their titles.
  const tree = page.getByTestId('department-tree');
  const sales = tree.locator('[data-testid="department"][data-department="Sales"]');
  await expect(sales.locator('[data-testid="directory-item"][data-login="bob"]')).toContainText(
    'Account Manager',
  );
  const newDepartment = tree.locator(
    `[data-testid="department"][data-department="研发中心${suffix}"]`,
  );
  const person = newDepartment.locator(`[data-testid="directory-item"][data-login="${login}"]`);
  await expect(person).toContainText('张伟明');
  await expect(person).toContainText('架构师');
  await expect(person.getByTestId('presence')).toHaveAttribute('data-presence', 'offline');
  await snap(page, testInfo, 'directory-tree');

  // Collapse and expand a department.
  await expect(sales).toHaveAttribute('aria-expanded', 'true');
  await sales.getByTestId('department-toggle').first().click();
  await expect(sales).toHaveAttribute('aria-expanded', 'false');
  await expect(sales.locator('[data-testid="directory-item"][data-login="bob"]')).toHaveCount(0);
  await sales.getByTestId('department-toggle').first().click();
  await expect(sales.locator('[data-testid="directory-item"][data-login="bob"]')).toBeVisible();

  // Pinyin: the full spelling finds 张伟明 (the server's search), with the department shown.
  await page.getByTestId('directory-search').fill('zhangweiming');
  const results = page.getByTestId('directory-results');
  const found = results.locator(`[data-testid="directory-item"][data-login="${login}"]`);
  await expect(found).toContainText(`研发中心${suffix}`);
  await expect(tree).toHaveCount(0);
  await snap(page, testInfo, 'directory-search');

  // Start a direct chat from the result.
  await found.click();
  await expect(page.getByTestId('pane-title')).toHaveText('张伟明');
  await page.getByTestId('composer-input').fill('你好');
  await page.getByTestId('composer-input').press('Enter');
  await expect(
    page.locator('[data-testid="conversation-item"][data-title="张伟明"]'),
  ).toBeVisible();

  // Escape clears the search: the tree is back.
  await page.getByTestId('directory-search').press('Escape');
  await expect(tree).toBeVisible();
  await context.close();
});
