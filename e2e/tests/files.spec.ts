import { readFile } from 'node:fs/promises';

import { createParleyClient } from '@parley/sdk';
import { expect, test } from '@playwright/test';

import { messageWithFile, noisePng, shapeNetwork } from './files-support.js';
import {
  ADMIN_PASSWORD,
  conversationItem,
  DEMO_PASSWORD,
  LOGIN_URL,
  messageWithText,
  signIn,
  snap,
} from './support.js';

test('an image uploads with a progress bar, the receiver sees the thumbnail and the original; a file downloads intact', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const bobContext = await browser.newContext();
  const adminContext = await browser.newContext({ acceptDownloads: true });
  const bob = await bobContext.newPage();
  const admin = await adminContext.newPage();
  await signIn(bob, 'bob');
  await signIn(admin, 'admin', ADMIN_PASSWORD);

  await bob.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(bob.getByTestId('pane-title')).toHaveText('Administrator');

  // A 1600×1200 PNG of noise (~5.5 MB) over a link throttled to 2 MB/s: several seconds of upload.
  const stamp = Date.now();
  const imageName = `noise-${stamp}.png`;
  const png = await noisePng(bob, 1600, 1200);
  expect(png.length).toBeGreaterThan(4_000_000);
  const network = await shapeNetwork(bobContext, bob);
  await network.limit(2 * 1024 * 1024, 20 * 1024 * 1024);
  await bob
    .getByTestId('attach-input')
    .setInputFiles({ name: imageName, mimeType: 'image/png', buffer: png });

  // The image shows at once, in a box of its proportions, with a progress bar that moves.
  const sending = messageWithFile(bob, imageName);
  await expect(sending).toHaveAttribute('data-status', 'sending');
  const thumbBox = await sending.getByTestId('image-thumb').boundingBox();
  expect(Math.round(thumbBox?.width ?? 0)).toBe(320);
  expect(Math.round(thumbBox?.height ?? 0)).toBe(240);
  const bar = sending.getByTestId('upload-progress');
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('progressbar')).toBeVisible();
  await expect
    .poll(async () => Number(await bar.getAttribute('data-percent')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await snap(bob, testInfo, 'bob-image-uploading');
  await expect(messageWithFile(bob, imageName)).toHaveAttribute('data-status', 'sent', {
    timeout: 60_000,
  });
  await expect(messageWithFile(bob, imageName).getByTestId('upload-progress')).toHaveCount(0);
  await network.lift();

  // The conversation list previews a photo without text as one…
  await expect(conversationItem(admin, 'Bob Li').getByTestId('conversation-preview')).toHaveText(
    'Bob Li: [Photo]',
  );
  // …the receiver sees the thumbnail in the conversation…
  await conversationItem(admin, 'Bob Li').click();
  const received = messageWithFile(admin, imageName);
  const thumb = received.getByTestId('image-thumb-img');
  await expect(thumb).toHaveAttribute('src', /\/thumbnail\?exp=\d+&sig=/);
  await expect
    .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(320);
  await snap(admin, testInfo, 'admin-thumbnail');

  // …and the original in the lightbox, which Esc closes.
  await received.getByTestId('image-thumb').click();
  const lightbox = admin.getByRole('dialog', { name: `Image ${imageName}` });
  await expect(lightbox).toBeVisible();
  await expect(admin.getByTestId('lightbox-close')).toBeFocused();
  const original = lightbox.getByTestId('lightbox-image');
  await expect
    .poll(
      () =>
        original.evaluate((img: HTMLImageElement) =>
          img.complete ? `${img.naturalWidth}x${img.naturalHeight}` : 'loading',
        ),
      { timeout: 30_000 },
    )
    .toBe('1600x1200');
  await admin.keyboard.press('Tab');
  await admin.keyboard.press('Tab');
  await admin.keyboard.press('Tab');
  await expect(lightbox.locator(':focus')).toHaveCount(1);
  await snap(admin, testInfo, 'admin-lightbox');
  await admin.keyboard.press('Escape');
  await expect(lightbox).toHaveCount(0);
  await expect(received.getByTestId('image-thumb')).toBeFocused();

  // A file that is not an image: a card with name and size, and a download of the same bytes.
  const fileName = `numbers-${stamp}.bin`;
  const bytes = Buffer.alloc(300_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
  await bob
    .getByTestId('attach-input')
    .setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
  await expect(messageWithFile(bob, fileName)).toHaveAttribute('data-status', 'sent');
  await expect(conversationItem(admin, 'Bob Li').getByTestId('conversation-preview')).toHaveText(
    `Bob Li: [File] ${fileName}`,
  );
  const card = messageWithFile(admin, fileName).getByTestId('file-card');
  await expect(card.getByTestId('file-size')).toHaveText('293 KB');
  await snap(admin, testInfo, 'admin-file-card');
  const [download] = await Promise.all([
    admin.waitForEvent('download'),
    card.getByTestId('file-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  const saved = await readFile(await download.path());
  expect(saved.equals(bytes)).toBe(true);

  await bobContext.close();
  await adminContext.close();
});

test("an avatar set through the SDK shows next to its owner's messages, for any signed-in user", async ({
  browser,
}, testInfo) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto('/sign-in/');
  const png = await noisePng(admin, 96, 96);

  const alice = createParleyClient({ loginUrl: LOGIN_URL });
  try {
    await alice.signIn('alice', DEMO_PASSWORD);
    const me = await alice.setAvatar(png, 'alice.png');
    expect(me.avatarUrl).toMatch(/\/v1\/avatars\/\d+$/);
    // The plain avatar URL wants a token; with one it serves the image as uploaded.
    expect((await fetch(me.avatarUrl)).status).toBe(401);
    const byToken = await fetch(me.avatarUrl, {
      headers: { authorization: `Bearer ${alice.session?.accessToken ?? ''}` },
    });
    expect(byToken.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await byToken.arrayBuffer()).equals(png)).toBe(true);

    await alice.connect();
    await alice.loadDirectory();
    const adminUser = [...alice.getState().users.values()].find((u) => u.login === 'admin');
    const chat = await alice.openDirect(adminUser?.id ?? 0);
    const text = `Look, a face at ${new Date().toISOString()}`;
    await alice.send(chat.id, text);

    await signIn(admin, 'admin', ADMIN_PASSWORD);
    await conversationItem(admin, 'Alice Chen').click();
    const avatar = messageWithText(admin, text).getByTestId('avatar');
    await expect(avatar).toHaveAttribute('src', /\/v1\/avatars\/\d+\/thumbnail\?exp=\d+&sig=/);
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(96);
    await snap(admin, testInfo, 'admin-sees-alice-avatar');
    await alice.setAvatar(null);
  } finally {
    alice.close();
    await adminContext.close();
  }
});

test('an upload can be cancelled, and a refused one is shown as failed and retried', async ({
  browser,
}, testInfo) => {
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signIn(bob, 'bob');
  await bob.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(bob.getByTestId('pane-title')).toHaveText('Administrator');

  // Cancel: a slow upload stops and its message goes away.
  const network = await shapeNetwork(bobContext, bob);
  await network.limit(100 * 1024);
  const slowName = `slow-${Date.now()}.png`;
  await bob.getByTestId('attach-input').setInputFiles({
    name: slowName,
    mimeType: 'image/png',
    buffer: await noisePng(bob, 700, 700),
  });
  const slow = messageWithFile(bob, slowName);
  await expect(slow.getByTestId('upload-progress')).toBeVisible();
  await slow.getByTestId('upload-cancel').click();
  await expect(slow).toHaveCount(0);
  await network.lift();

  // Refused: the file-server says no once; the message is failed with Retry, which works.
  let refuse = true;
  await bobContext.route('**/v1/uploads', async (route) => {
    if (refuse && route.request().method() === 'POST') {
      await route.fulfill({ status: 413, body: '' });
      return;
    }
    await route.fallback();
  });
  const name = `retry-${Date.now()}.bin`;
  await bob.getByTestId('attach-input').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(`retry me ${Date.now()}`),
  });
  const failed = messageWithFile(bob, name);
  await expect(failed).toHaveAttribute('data-status', 'failed', { timeout: 40_000 });
  await snap(bob, testInfo, 'bob-upload-failed');
  refuse = false;
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(messageWithFile(bob, name)).toHaveAttribute('data-status', 'sent');
  await bobContext.close();
});

test('files dropped on the conversation or pasted into the message box are sent', async ({
  browser,
}) => {
  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signIn(bob, 'bob');
  await bob.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(bob.getByTestId('pane-title')).toHaveText('Administrator');
  const stamp = Date.now();

  /** A DataTransfer in the page holding one file. */
  const transfer = (name: string, type: string, text: string) =>
    bob.evaluateHandle(
      ([n, t, body]) => {
        const data = new DataTransfer();
        data.items.add(new File([body], n, { type: t }));
        return data;
      },
      [name, type, text] as const,
    );

  const dropped = `dropped-${stamp}.txt`;
  const pane = bob.getByTestId('conversation-pane');
  const dropData = await transfer(dropped, 'text/plain', 'dropped on the pane');
  await pane.dispatchEvent('dragenter', { dataTransfer: dropData });
  await expect(bob.getByTestId('drop-overlay')).toBeVisible();
  await pane.dispatchEvent('drop', { dataTransfer: dropData });
  await expect(bob.getByTestId('drop-overlay')).toHaveCount(0);
  await expect(messageWithFile(bob, dropped)).toHaveAttribute('data-status', 'sent');

  const pasted = `pasted-${stamp}.csv`;
  const pasteData = await transfer(pasted, 'text/csv', 'a,b\n1,2\n');
  await bob.getByTestId('composer-input').evaluate((box, data) => {
    box.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, pasteData);
  await expect(messageWithFile(bob, pasted)).toHaveAttribute('data-status', 'sent');
  await expect(bob.getByTestId('composer-input')).toHaveValue('');
  await bobContext.close();
});
