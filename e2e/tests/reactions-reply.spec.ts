import { expect, test } from '@playwright/test';

import { createParleyClient } from '@parley/sdk';

import { conversationItem, DEMO_PASSWORD, messageWithText, signIn, snap } from './support.js';

/** The login-server of the stack playwright.config.ts starts (web port + 1). */
const LOGIN_URL = `http://127.0.0.1:${Number(process.env.PARLEY_E2E_PORT_BASE ?? 4100) + 1}`;

test('reactions show live on the other side; a reply quotes its original and jumps to it', async ({
  browser,
}, testInfo) => {
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const bob = await bobContext.newPage();
  await signIn(alice, 'alice');
  await signIn(bob, 'bob');

  await alice.locator('[data-testid="directory-item"][data-login="bob"]').click();
  await expect(alice.getByTestId('pane-title')).toHaveText('Bob Li');
  const original = `Shall we ship on Friday? ${Date.now()}`;
  await alice.getByTestId('composer-input').fill(original);
  await alice.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(alice, original)).toHaveAttribute('data-status', 'sent');

  await conversationItem(bob, 'Alice Chen').click();
  const onBob = messageWithText(bob, original);
  await expect(onBob).toBeVisible();

  // Bob reacts with 👍 from the picker; Alice sees the chip live.
  await onBob.hover();
  await onBob.getByTestId('message-react').click();
  await onBob.getByRole('button', { name: '👍', exact: true }).click();
  const bobChip = onBob.locator('[data-testid="reaction-chip"][data-emoji="👍"]');
  await expect(bobChip).toHaveAttribute('data-count', '1');
  await expect(bobChip).toHaveAttribute('aria-pressed', 'true');
  const aliceChip = messageWithText(alice, original).locator(
    '[data-testid="reaction-chip"][data-emoji="👍"]',
  );
  await expect(aliceChip).toHaveAttribute('data-count', '1');
  await expect(aliceChip).toHaveAttribute('aria-pressed', 'false');
  await expect(aliceChip).toHaveAttribute('title', 'Bob Li reacted with 👍');

  // Alice adds hers by clicking the chip: both see 2; Bob takes his back: both see 1.
  await aliceChip.click();
  await expect(aliceChip).toHaveAttribute('data-count', '2');
  await expect(bobChip).toHaveAttribute('data-count', '2');
  await expect(bobChip).toHaveAttribute('title', 'You, Alice Chen reacted with 👍');
  await snap(bob, testInfo, 'reactions');
  await bobChip.click();
  await expect(bobChip).toHaveAttribute('data-count', '1');
  await expect(aliceChip).toHaveAttribute('data-count', '1');
  await expect(aliceChip).toHaveAttribute('aria-pressed', 'true');

  // Bob replies: the composer shows the quote, Esc drops it, Reply brings it back.
  await onBob.hover();
  await onBob.getByTestId('message-reply').click();
  await expect(bob.getByTestId('composer-reply')).toContainText(original);
  await expect(bob.getByTestId('composer-input')).toBeFocused();
  await bob.getByTestId('composer-input').press('Escape');
  await expect(bob.getByTestId('composer-reply')).toHaveCount(0);
  await onBob.hover();
  await onBob.getByTestId('message-reply').click();
  await expect(bob.getByTestId('composer-reply')).toContainText('Alice Chen');
  const answer = `Friday works ${Date.now()}`;
  await bob.getByTestId('composer-input').fill(answer);
  await bob.getByTestId('composer-input').press('Enter');
  await expect(bob.getByTestId('composer-reply')).toHaveCount(0);
  const bobReply = messageWithText(bob, answer);
  await expect(bobReply).toHaveAttribute('data-status', 'sent');
  await expect(bobReply.getByTestId('message-quote')).toContainText(original);

  // Alice sees the reply with its quote, live.
  const aliceReply = messageWithText(alice, answer);
  await expect(aliceReply.getByTestId('message-quote')).toContainText('You');
  await expect(aliceReply.getByTestId('message-quote')).toContainText(original);
  await snap(alice, testInfo, 'reply-quote');

  // After a reload the quote is still there, and clicking it brings the original into view.
  await alice.reload();
  const reloaded = messageWithText(alice, answer).getByTestId('message-quote');
  await expect(reloaded).toContainText(original);
  await reloaded.click();
  const target = messageWithText(alice, original);
  await expect(target).toHaveClass(/highlight/);
  await expect(target).toBeInViewport();

  await aliceContext.close();
  await bobContext.close();
});

test('delete for me hides a message on all of the user’s devices, not for others', async ({
  browser,
}) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const bobContext = await browser.newContext();
  const a1 = await laptop.newPage();
  const a2 = await phone.newPage();
  const bob = await bobContext.newPage();
  await signIn(a1, 'alice');
  await signIn(a2, 'alice');
  await signIn(bob, 'bob');

  await a1.locator('[data-testid="directory-item"][data-login="bob"]').click();
  const text = `Only for a moment ${Date.now()}`;
  await a1.getByTestId('composer-input').fill(text);
  await a1.getByTestId('composer-input').press('Enter');
  await expect(messageWithText(a1, text)).toHaveAttribute('data-status', 'sent');
  await conversationItem(a2, 'Bob Li').click();
  await expect(messageWithText(a2, text)).toBeVisible();
  await conversationItem(bob, 'Alice Chen').click();
  await expect(messageWithText(bob, text)).toBeVisible();

  a1.once('dialog', (dialog) => void dialog.accept());
  await messageWithText(a1, text).hover();
  await messageWithText(a1, text).getByTestId('message-hide').click();
  await expect(messageWithText(a1, text)).toHaveCount(0);
  await expect(messageWithText(a2, text)).toHaveCount(0);
  await a2.reload();
  await expect(a2.getByTestId('conversation-pane')).toBeVisible();
  await expect(messageWithText(a2, text)).toHaveCount(0);
  await expect(messageWithText(bob, text)).toBeVisible();

  await laptop.close();
  await phone.close();
  await bobContext.close();
});

test('a reply whose original is far back: the quote pages history in and shows it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Bob, as a Node SDK client, writes the original, a long stretch, then the reply.
  const bob = createParleyClient({ loginUrl: LOGIN_URL });
  await bob.signIn('bob', DEMO_PASSWORD);
  await bob.connect();
  await bob.loadDirectory();
  const alice = [...bob.getState().users.values()].find((u) => u.login === 'alice');
  if (!alice) throw new Error('alice is not in the directory');
  const chat = await bob.openDirect(alice.id);
  const originalText = `The original, far back ${Date.now()}`;
  const original = await bob.send(chat.id, originalText);
  for (let i = 0; i < 150; i++) await bob.send(chat.id, `filler ${i}`);
  const replyText = `Answering the old one ${Date.now()}`;
  await bob.send(chat.id, replyText, { replyTo: original.id });
  bob.close();

  await signIn(page, 'alice');
  await conversationItem(page, 'Bob Li').click();
  const reply = messageWithText(page, replyText);
  await expect(reply).toBeVisible();
  // Not loaded yet: the quote names no text of it, only that there is an original.
  await expect(messageWithText(page, originalText)).toHaveCount(0);
  const quote = reply.getByTestId('message-quote');
  await expect(quote).toHaveAttribute('data-reply-to', String(original.id));
  await quote.click();
  const target = messageWithText(page, originalText);
  await expect(target).toBeInViewport();
  await expect(target).toHaveClass(/highlight/);
  // Once loaded, the quote shows the original's text.
  await page.getByTestId('message-list').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(messageWithText(page, replyText).getByTestId('message-quote')).toContainText(
    originalText,
  );
});
