import { expect, test, type Locator } from '@playwright/test';

import { createParleyClient, type ParleyClient } from '@parley/sdk';

import { ADMIN_PASSWORD, messageWithText, signIn, snap } from './support.js';

/** The login-server of the stack playwright.config.ts starts (web port + 1). */
const LOGIN_URL = `http://127.0.0.1:${Number(process.env.PARLEY_E2E_PORT_BASE ?? 4100) + 1}`;
const HISTORY = 600;

/** The admin, as a Node SDK client: writes history fast and reads like a second person. */
async function adminClient(): Promise<{ client: ParleyClient; chatWithAlice: number }> {
  const client = createParleyClient({ loginUrl: LOGIN_URL });
  await client.signIn('admin', ADMIN_PASSWORD);
  await client.connect();
  await client.loadDirectory();
  const alice = [...client.getState().users.values()].find((u) => u.login === 'alice');
  if (!alice) throw new Error('alice is not in the directory');
  const view = await client.openDirect(alice.id);
  return { client, chatWithAlice: view.id };
}

async function domMessages(list: Locator): Promise<number> {
  return list.getByTestId('message').count();
}

test('a long conversation is windowed, scrolls back through all history, with day separators', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const { client, chatWithAlice } = await adminClient();
  for (let i = 0; i < HISTORY; i++) await client.send(chatWithAlice, `history #${i}`);

  await signIn(page, 'alice');
  await page.locator('[data-testid="directory-item"][data-login="admin"]').click();
  const list = page.getByTestId('message-list');
  await expect(messageWithText(page, `history #${HISTORY - 1}`)).toBeVisible();
  // Only the rows near the viewport are in the DOM.
  expect(await domMessages(list)).toBeLessThan(60);

  // Scrolling to the top pulls older pages until the first message is there.
  const first = messageWithText(page, 'history #0');
  for (let round = 0; round < 40 && (await first.count()) === 0; round++) {
    await list.evaluate((el) => el.scrollTo({ top: 0 }));
    await page.waitForTimeout(250);
  }
  await expect(first).toBeVisible();
  expect(Number(await list.getAttribute('data-count'))).toBeGreaterThanOrEqual(HISTORY);
  expect(await domMessages(list)).toBeLessThan(60);
  await expect(page.getByTestId('load-older')).toHaveCount(0);
  await expect(list.getByTestId('day-separator').first()).toHaveText('Today');
  await snap(page, testInfo, 'history-top');

  // Jumping back to the bottom renders the newest rows again.
  await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(messageWithText(page, `history #${HISTORY - 1}`)).toBeVisible();
  await expect(first).toHaveCount(0);
  client.close();
});

test('edit with the Up arrow, recall, and a read receipt', async ({ page }, testInfo) => {
  const { client, chatWithAlice } = await adminClient();
  await signIn(page, 'alice');
  await page.locator('[data-testid="directory-item"][data-login="admin"]').click();
  const composer = page.getByTestId('composer-input');

  const typo = `A mesage with a typo ${Date.now()}`;
  await composer.fill(typo);
  await composer.press('Enter');
  await expect(messageWithText(page, typo)).toHaveAttribute('data-status', 'sent');

  // Up in the empty box edits the last own message; Enter saves.
  await composer.press('ArrowUp');
  await expect(page.getByTestId('composer-editing')).toBeVisible();
  await expect(composer).toHaveValue(typo);
  const fixed = typo.replace('mesage', 'message');
  await composer.fill(fixed);
  await composer.press('Enter');
  const edited = messageWithText(page, fixed);
  await expect(edited.getByTestId('message-edited')).toHaveText('(edited)');
  await expect(messageWithText(page, typo)).toHaveCount(0);
  await expect(composer).toHaveValue('');

  // The admin reads: Alice's newest message shows "Read".
  await client.sync();
  await client.markRead(chatWithAlice);
  await expect(edited.getByTestId('read-receipt')).toHaveText('Read');

  // Recall asks first, then the text is gone for everyone.
  const oops = `Sent to the wrong chat ${Date.now()}`;
  await composer.fill(oops);
  await composer.press('Enter');
  const oopsMessage = messageWithText(page, oops);
  await expect(oopsMessage).toHaveAttribute('data-status', 'sent');
  const seq = Number(await oopsMessage.getAttribute('data-seq'));
  page.once('dialog', (dialog) => void dialog.accept());
  await oopsMessage.getByTestId('message-recall').click();
  const recalled = page.locator(`[data-testid="message"][data-seq="${seq}"]`);
  await expect(recalled.getByTestId('message-text')).toHaveText('This message was recalled.');
  await expect(page.getByText(oops)).toHaveCount(0);
  await expect
    .poll(async () => {
      await client.sync();
      const copy = client
        .getState()
        .messages.get(chatWithAlice)
        ?.find((m) => m.seq === seq);
      return copy ? copy.recalledAt > 0 && copy.text === '' : false;
    })
    .toBe(true);
  await snap(page, testInfo, 'edit-recall-receipt');
  client.close();
});
