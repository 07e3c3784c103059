import { expect, test } from '@playwright/test';

import { messageWithText, signIn, snap } from './support.js';

test('a temporary group: create, chat, add and remove members, leave', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  await signIn(alice, 'alice');
  await signIn(bob, 'bob');

  const title = `Launch ${Date.now()}`;
  await alice.getByTestId('new-group').click();
  await alice.getByTestId('group-title').fill(title);
  await alice.locator('[data-testid="group-member-option"][data-login="bob"]').check();
  await alice.getByTestId('group-create').click();
  await expect(alice.getByTestId('pane-title')).toHaveText(title);
  await expect(alice.getByTestId('system-message').first()).toBeVisible();

  const hello = `Hello group ${Date.now()}`;
  await alice.getByTestId('composer-input').fill(hello);
  await alice.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(alice, hello)).toHaveAttribute('data-status', 'sent');

  // Bob has the group, with the message, and reads it: Alice sees "Read by 1".
  const bobGroup = bob.getByTestId('conversation-item').filter({ hasText: title });
  await expect(bobGroup.getByTestId('unread-badge')).toBeVisible();
  await bobGroup.click();
  await expect(messageWithText(bob, hello)).toBeVisible();
  await expect(messageWithText(alice, hello).getByTestId('read-receipt')).toHaveText('Read by 1');

  // Alice (the owner) adds the administrator, then removes Bob.
  await alice.getByTestId('group-members-toggle').click();
  await expect(alice.getByTestId('group-member')).toHaveCount(2);
  await alice.getByTestId('group-add-select').selectOption({ label: 'Administrator' });
  await alice.getByTestId('group-add').click();
  await expect(alice.getByTestId('group-member')).toHaveCount(3);
  await snap(alice, testInfo, 'group-members');
  await alice.getByRole('button', { name: 'Remove Bob Li' }).click();
  await expect(alice.getByTestId('group-member')).toHaveCount(2);
  await expect(bob.getByTestId('conversation-item').filter({ hasText: title })).toHaveCount(0);

  // Alice leaves: the group is gone from her list.
  alice.once('dialog', (dialog) => void dialog.accept());
  await alice.getByTestId('group-leave').click();
  await expect(alice.getByTestId('conversation-item').filter({ hasText: title })).toHaveCount(0);

  await aliceContext.close();
  await bobContext.close();
});
