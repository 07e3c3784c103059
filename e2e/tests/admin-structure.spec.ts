import { expect, test, type Page } from '@playwright/test';

import { conversationItem, openAdmin, signIn, snap } from './support.js';

function deptRow(page: Page, name: string) {
  return page.locator(`[data-testid="dept-row"][data-name="${name}"]`);
}

/** The tree's department names, top to bottom. */
async function treeOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('dept-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
}

async function createDepartment(page: Page, name: string, parent = '(top level)'): Promise<void> {
  await page.getByTestId('dept-new-name').fill(name);
  await page.getByTestId('dept-new-parent').selectOption({ label: parent });
  await page.getByTestId('dept-create').click();
  await expect(deptRow(page, name)).toBeVisible();
}

test('departments: create, rename, move under another parent, reorder by keyboard', async ({
  page,
}, testInfo) => {
  const stamp = Date.now();
  const eng = `Eng ${stamp}`;
  const ops = `Ops ${stamp}`;
  const sub = `Platform ${stamp}`;
  await openAdmin(page, 'departments/');
  await createDepartment(page, eng);
  await createDepartment(page, sub, eng);
  await createDepartment(page, `Ops draft ${stamp}`);
  await expect(deptRow(page, sub)).toHaveAttribute('data-depth', '1');

  // Rename.
  const draft = deptRow(page, `Ops draft ${stamp}`);
  await draft.getByTestId('dept-rename').click();
  await draft.getByTestId('dept-rename-input').fill(ops);
  await draft.getByTestId('dept-edit-save').click();
  await expect(deptRow(page, ops)).toBeVisible();
  await expect(deptRow(page, `Ops draft ${stamp}`)).toHaveCount(0);

  // Move Platform from Eng to Ops; Ops cannot be moved under itself or its children.
  const platform = deptRow(page, sub);
  await platform.getByTestId('dept-move').click();
  await platform.getByTestId('dept-move-parent').selectOption({ label: ops });
  await platform.getByTestId('dept-edit-save').click();
  await expect
    .poll(async () => {
      const order = await treeOrder(page);
      return order.indexOf(sub) - order.indexOf(ops);
    })
    .toBe(1);
  await deptRow(page, ops).getByTestId('dept-move').click();
  const options = await deptRow(page, ops)
    .getByTestId('dept-move-parent')
    .locator('option')
    .allTextContents();
  expect(options.map((o) => o.trim())).not.toContain(ops);
  expect(options.map((o) => o.trim())).not.toContain(sub);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Reorder with the keyboard: Ops (created after Eng) moves above it; focus stays on it.
  const before = await treeOrder(page);
  expect(before.indexOf(ops)).toBeGreaterThan(before.indexOf(eng));
  const up = page.getByRole('button', { name: `Move ${ops} up` });
  for (let i = before.indexOf(ops) - before.indexOf(eng); i > 0; i--) {
    await up.focus();
    await page.keyboard.press('Enter');
    await expect(
      page.locator(`[data-dept-id] [data-move]:focus`).locator('xpath=ancestor::li[1]'),
    ).toHaveAttribute('data-name', ops);
  }
  await expect
    .poll(async () => {
      const order = await treeOrder(page);
      return order.indexOf(ops) < order.indexOf(eng);
    })
    .toBe(true);
  await snap(page, testInfo, 'admin-departments');

  // The order survives a reload (it is the server's).
  await page.reload();
  await expect(deptRow(page, ops)).toBeVisible();
  const reloaded = await treeOrder(page);
  expect(reloaded.indexOf(ops)).toBeLessThan(reloaded.indexOf(eng));
  expect(reloaded.indexOf(sub)).toBe(reloaded.indexOf(ops) + 1);
});

test('fixed groups: create, rename, add and remove members with the person picker', async ({
  page,
  browser,
}, testInfo) => {
  const title = `All hands ${Date.now()}`;
  await openAdmin(page, 'groups/');
  await page.getByTestId('group-new-title').fill(`${title} draft`);
  await page.getByTestId('group-create').click();
  const detail = page.getByTestId('group-detail');
  await expect(detail.getByTestId('group-title')).toHaveText(`${title} draft`);

  await detail.getByTestId('group-rename').click();
  await detail.getByTestId('group-rename-input').fill(title);
  await detail.getByTestId('group-rename-save').click();
  await expect(detail.getByTestId('group-title')).toHaveText(title);
  await expect(page.locator(`[data-testid="group-item"][data-title="${title}"]`)).toBeVisible();

  for (const login of ['alice', 'bob']) {
    await detail.getByTestId('person-picker-input').fill(login);
    await detail.locator(`[data-testid="person-picker-option"][data-login="${login}"]`).click();
    await expect(
      detail.locator(`[data-testid="group-member"][data-login="${login}"]`),
    ).toBeVisible();
  }
  await snap(page, testInfo, 'admin-groups');
  await detail
    .locator('[data-testid="group-member"][data-login="bob"]')
    .getByRole('button', { name: 'Remove Bob Li' })
    .click();
  await expect(detail.locator('[data-testid="group-member"][data-login="bob"]')).toHaveCount(0);
  await expect(detail.locator('[data-testid="group-member"][data-login="alice"]')).toBeVisible();

  // Alice, a member now, finds the group in her conversations.
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  await signIn(alice, 'alice');
  await expect(conversationItem(alice, title)).toBeVisible();
  await aliceContext.close();
});

test("device sessions: an admin sees a person's signed-in devices and signs them out", async ({
  page,
  browser,
}, testInfo) => {
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signIn(bob, 'bob');

  await openAdmin(page, 'people/');
  await page.getByTestId('people-search').fill('bob');
  await page
    .locator('[data-testid="person-row"][data-login="bob"]')
    .getByTestId('person-sessions')
    .click();
  await expect(page).toHaveURL(/\/admin\/sessions\/\?user=\d+/);
  await expect(page.getByTestId('sessions-person')).toHaveText('Sessions of Bob Li');
  const rows = page.getByTestId('session-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('Web');
  await snap(page, testInfo, 'admin-sessions');

  await page.getByTestId('session-sign-out-all').click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('sessions-table')).toContainText('No active sessions.');
  // Bob's browser is signed out: back to the sign-in page.
  await expect(bob).toHaveURL(/\/sign-in\/?/, { timeout: 30_000 });
  await bobContext.close();
});

test('settings: registration and message retention are saved', async ({ page }, testInfo) => {
  await openAdmin(page, 'settings/');
  const form = page.getByTestId('settings-form');
  const registration = form.getByTestId('settings-registration');
  // The e2e stack does not fix registration in its environment, so the setting is editable.
  await expect(registration).toBeEnabled();
  const wasOpen = await registration.isChecked();
  await form.getByTestId('settings-retention').fill('30');
  await registration.setChecked(!wasOpen);
  await form.getByTestId('settings-save').click();
  await expect(page.getByTestId('admin-done')).toHaveText('Saved.');
  await snap(page, testInfo, 'admin-settings');

  await page.reload();
  await expect(form.getByTestId('settings-retention')).toHaveValue('30');
  await expect(registration).toBeChecked({ checked: !wasOpen });

  // Retention runs now on request: nothing in this fresh stack is 30 days old.
  await page.getByTestId('retention-run').click();
  await expect(page.getByTestId('retention-result')).toHaveText('Deleted 0 messages.');

  // The console follows the app's language switch.
  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await expect(page.getByTestId('admin-nav-people')).toHaveText('人员');
  await snap(page, testInfo, 'admin-settings-zh');
  await page.getByTestId('language-toggle').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // Back to how it was, so other specs see the defaults.
  await form.getByTestId('settings-retention').fill('0');
  await registration.setChecked(wasOpen);
  await form.getByTestId('settings-save').click();
  await expect(page.getByTestId('admin-done')).toHaveText('Saved.');
});
