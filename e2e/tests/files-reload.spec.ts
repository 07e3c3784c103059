import { expect, test, type Browser, type TestInfo } from '@playwright/test';

import { messageWithFile, noisePng, shapeNetwork } from './files-support.js';
import { signIn, snap } from './support.js';

/**
 * Bob sends a big image over a slow link and the page reloads mid-upload. With `indexedDb`
 * the outbox kept the file's bytes and the upload continues by itself; without (a browser
 * that refuses IndexedDB) only the message and its tus URL survived, and Bob picks the file
 * again. Either way the same upload continues: HEAD for its offset, never a new POST.
 */
async function reloadMidUpload(
  browser: Browser,
  testInfo: TestInfo,
  indexedDb: boolean,
): Promise<void> {
  const bobContext = await browser.newContext();
  if (!indexedDb) {
    await bobContext.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get: () => {
          throw new DOMException('IndexedDB is disabled', 'SecurityError');
        },
      });
    });
  }
  const bob = await bobContext.newPage();
  await signIn(bob, 'bob');
  await bob.locator('[data-testid="directory-item"][data-login="admin"]').click();
  await expect(bob.getByTestId('pane-title')).toHaveText('Administrator');

  const name = `resume-${indexedDb ? 'idb' : 'pick'}-${Date.now()}.png`;
  const png = await noisePng(bob, 1600, 1200);
  const network = await shapeNetwork(bobContext, bob);
  await network.limit(500 * 1024);
  await bob.getByTestId('attach-input').setInputFiles({ name, mimeType: 'image/png', buffer: png });
  const bar = messageWithFile(bob, name).getByTestId('upload-progress');
  await expect
    .poll(async () => Number(await bar.getAttribute('data-percent')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await network.lift();

  const uploads: string[] = [];
  bob.on('request', (r) => {
    if (r.url().includes('/v1/uploads')) uploads.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await bob.reload();
  if (indexedDb) {
    await expect(messageWithFile(bob, name)).toHaveAttribute('data-status', 'sent', {
      timeout: 30_000,
    });
    await expect(bob.getByTestId('reattach')).toHaveCount(0);
    // The kept bytes are dropped once the message is sent.
    await expect
      .poll(() =>
        bob.evaluate(async () => {
          const names = (await indexedDB.databases()).map((d) => d.name ?? '');
          const name = names.find((n) => n.startsWith('parley.outbox-files.'));
          if (!name) return -1; // never created: the bytes were not kept at all
          return new Promise<number>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('files').objectStore('files').count();
              count.onsuccess = () => resolve(count.result);
              count.onerror = () => reject(count.error);
            };
          });
        }),
      )
      .toBe(0);
  } else {
    const failed = messageWithFile(bob, name);
    await expect(failed).toHaveAttribute('data-status', 'failed');
    await expect(failed.getByTestId('reattach')).toBeVisible();
    await snap(bob, testInfo, 'bob-reattach');
    await failed
      .getByTestId('reattach-input')
      .setInputFiles({ name, mimeType: 'image/png', buffer: png });
    await expect(messageWithFile(bob, name)).toHaveAttribute('data-status', 'sent', {
      timeout: 30_000,
    });
  }
  // The same upload continued: asked for its offset, never created anew.
  expect(uploads.filter((u) => u.startsWith('POST'))).toEqual([]);
  expect(uploads.some((u) => u.startsWith('HEAD /v1/uploads/'))).toBe(true);
  await bobContext.close();
}

test('an upload cut by a reload continues by itself: the outbox kept the file in IndexedDB', async ({
  browser,
}, testInfo) => {
  await reloadMidUpload(browser, testInfo, true);
});

test('without IndexedDB, an upload cut by a reload continues once the file is chosen again', async ({
  browser,
}, testInfo) => {
  await reloadMidUpload(browser, testInfo, false);
});
