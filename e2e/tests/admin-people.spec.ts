import { expect, test, type Page } from '@playwright/test';

import { createParleyClient, ErrorCode, type ParleyClient } from '@parley/sdk';

import { LOGIN_URL, openAdmin, snap } from './support.js';

/** Signs in through the SDK (a second device) and resolves with the client, or rejects. */
async function signInAs(login: string, password: string): Promise<ParleyClient> {
  const client = createParleyClient({ loginUrl: LOGIN_URL });
  await client.signIn(login, password);
  return client;
}

async function expectSignInRefused(login: string, password: string, code: number): Promise<void> {
  await expect(signInAs(login, password)).rejects.toMatchObject({ code });
}

function personRow(page: Page, login: string) {
  return page.locator(`[data-testid="person-row"][data-login="${login}"]`);
}

async function search(page: Page, q: string): Promise<void> {
  await page.getByTestId('people-search').fill(q);
}

test('an admin creates a person, edits them, resets their password, disables and enables them', async ({
  page,
}, testInfo) => {
  const login = `p${Date.now()}`;
  await openAdmin(page, 'people/');
  await expect(page.getByTestId('admin-nav-people')).toHaveAttribute('aria-current', 'page');
  await expect(personRow(page, 'alice')).toBeVisible();
  await snap(page, testInfo, 'admin-people');

  // Create.
  await page.getByTestId('person-new').click();
  const form = page.getByTestId('person-form');
  await form.getByTestId('person-login').fill(login);
  await form.getByTestId('person-name').fill('Petra Novak');
  await form.getByTestId('person-title').fill('Engineer');
  await form.getByTestId('person-password').fill('initial-pass-1');
  await snap(page, testInfo, 'admin-person-form');
  await form.getByTestId('person-save').click();
  await expect(page.getByTestId('admin-done')).toHaveText('Created Petra Novak.');
  await search(page, login);
  const row = personRow(page, login);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Petra Novak');
  await expect(row).toContainText('Engineer');
  await expect(row).toContainText('Member');
  (await signInAs(login, 'initial-pass-1')).close();

  // Edit: name, title and role.
  await row.getByTestId('person-edit').click();
  await form.getByTestId('person-name').fill('Petra Novak-Li');
  await form.getByTestId('person-title').fill('Team lead');
  await form.getByTestId('person-role').selectOption('admin');
  await form.getByTestId('person-save').click();
  await expect(form).toHaveCount(0);
  await expect(row).toContainText('Petra Novak-Li');
  await expect(row).toContainText('Team lead');
  await expect(row).toContainText('Administrator');

  // Reset the password: the old one stops working, the new one works.
  await row.getByTestId('person-reset').click();
  await page.getByTestId('reset-password-input').fill('brand-new-pass-2');
  await page.getByTestId('reset-password-save').click();
  await expect(page.getByTestId('admin-done')).toHaveText('Password reset for Petra Novak-Li.');
  await expectSignInRefused(login, 'initial-pass-1', ErrorCode.ERROR_CODE_INVALID_CREDENTIALS);
  (await signInAs(login, 'brand-new-pass-2')).close();

  // Disable: sign-in is refused; enable: it works again.
  await row.getByTestId('person-toggle').click();
  await expect(row).toHaveAttribute('data-disabled', 'true');
  await expect(row.getByTestId('person-status')).toHaveText('Disabled');
  await expectSignInRefused(login, 'brand-new-pass-2', ErrorCode.ERROR_CODE_FORBIDDEN);
  await snap(page, testInfo, 'admin-person-disabled');
  await page.getByTestId('people-status').selectOption('active');
  await expect(row).toHaveCount(0);
  await page.getByTestId('people-status').selectOption('disabled');
  await expect(row).toHaveCount(1);
  await page.getByTestId('people-status').selectOption('');
  await row.getByTestId('person-toggle').click();
  await expect(row).toHaveAttribute('data-disabled', 'false');
  (await signInAs(login, 'brand-new-pass-2')).close();

  // The audit log recorded each step, with before and after.
  await page.getByTestId('admin-nav-audit').click();
  await page.getByTestId('audit-filter').fill('user.');
  const update = page.locator('[data-testid="audit-row"][data-action="user.update"]').first();
  await expect(update).toBeVisible();
  await update.getByTestId('audit-toggle').click();
  const diff = page.getByTestId('audit-diff').first();
  await expect(diff.locator('[data-kind="changed"]').first()).toBeVisible();
  await expect(diff).toContainText('Team lead');
  await snap(page, testInfo, 'admin-audit');
});

test('a CSV import previews a bad row with its error and imports only the good rows', async ({
  page,
}, testInfo) => {
  const stamp = Date.now();
  const good1 = `csva${stamp}`;
  const bad = `csvb${stamp}`;
  const good2 = `csvc${stamp}`;
  const csv = [
    'login,display_name,password,title,role',
    `${good1},CSV Alpha,alpha-pass-1,Engineer,member`,
    `${bad},CSV Bravo,short,,member`,
    `${good2},"Charlie, CSV",charlie-pass-1,,admin`,
  ].join('\n');

  await openAdmin(page, 'people/');
  await page.getByTestId('people-import').click();
  const panel = page.getByTestId('csv-import');
  await panel.getByTestId('import-file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(panel.getByTestId('import-text')).toHaveValue(csv);
  await panel.getByTestId('import-check').click();

  // The dry run: line 3 has a password error; nothing has been written yet.
  const preview = panel.getByTestId('import-preview');
  await expect(panel.getByTestId('import-summary')).toHaveText('2 valid, 1 with errors');
  const badRow = preview.locator('[data-testid="import-row"][data-line="3"]');
  await expect(badRow).toHaveAttribute('data-state', 'invalid');
  await expect(badRow.getByTestId('import-row-result')).toContainText('password');
  await expect(preview.locator('[data-line="2"]')).toHaveAttribute('data-state', 'valid');
  await expect(preview.locator('[data-line="4"]')).toContainText('Charlie, CSV');
  await expect(preview.locator('[data-line="4"]')).toContainText('Administrator');
  await snap(page, testInfo, 'admin-import-preview');
  await expectSignInRefused(good1, 'alpha-pass-1', ErrorCode.ERROR_CODE_INVALID_CREDENTIALS);

  // Import: the two good rows are created, the bad one is not.
  await panel.getByTestId('import-commit').click();
  const results = panel.getByTestId('import-results');
  await expect(panel.getByTestId('import-summary')).toHaveText('Imported 2 people; 1 rows failed.');
  await expect(results.locator('[data-line="2"]')).toHaveAttribute('data-state', 'created');
  await expect(results.locator('[data-line="3"]')).toHaveAttribute('data-state', 'failed');
  await expect(results.locator('[data-line="4"]')).toHaveAttribute('data-state', 'created');
  await snap(page, testInfo, 'admin-import-result');

  await search(page, `${stamp}`);
  await expect(personRow(page, good1)).toBeVisible();
  await expect(personRow(page, good2)).toBeVisible();
  await expect(personRow(page, bad)).toHaveCount(0);
  (await signInAs(good1, 'alpha-pass-1')).close();
  await expectSignInRefused(bad, 'short', ErrorCode.ERROR_CODE_INVALID_CREDENTIALS);
});
