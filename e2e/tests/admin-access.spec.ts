import { expect, test } from '@playwright/test';

import { signIn, snap } from './support.js';

test('a member sees no Admin link, and /admin shows a refusal without asking for admin data', async ({
  page,
}, testInfo) => {
  const adminRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/v1/admin')) adminRequests.push(request.url());
  });
  await signIn(page, 'alice');
  await expect(page.getByTestId('sign-out')).toBeVisible();
  await expect(page.getByTestId('admin-link')).toHaveCount(0);

  for (const path of ['/admin/', '/admin/people/', '/admin/audit/']) {
    await page.goto(path);
    await expect(page.getByTestId('admin-forbidden')).toBeVisible();
    await expect(page.getByTestId('admin-forbidden')).toContainText(
      'Only administrators can open the admin console.',
    );
    await expect(page.getByTestId('admin-screen')).toHaveCount(0);
    await expect(page.getByTestId('people-table')).toHaveCount(0);
  }
  await snap(page, testInfo, 'admin-forbidden');
  expect(adminRequests).toEqual([]);

  await page.getByRole('link', { name: 'Back to chat' }).click();
  await expect(page).toHaveURL(/\/chat\/?/);
});

test('signed out, /admin leads to the sign-in page', async ({ page }) => {
  await page.goto('/admin/people/');
  await expect(page).toHaveURL(/\/sign-in\/?/);
});
