/** Helpers of the file specs (files.spec.ts, files-reload.spec.ts). */
import type { BrowserContext, Page } from '@playwright/test';

/** A PNG of random pixels (incompressible, so the upload takes a while) made by the browser. */
export async function noisePng(page: Page, width: number, height: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      const pixels = context.createImageData(w, h);
      const chunk = new Uint8Array(65_536);
      for (let i = 0; i < pixels.data.length; i += chunk.length) {
        crypto.getRandomValues(chunk);
        pixels.data.set(chunk.subarray(0, Math.min(chunk.length, pixels.data.length - i)), i);
      }
      for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255;
      context.putImageData(pixels, 0, 0);
      const bytes = new Uint8Array(
        await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer(),
      );
      let binary = '';
      for (let i = 0; i < bytes.length; i += 32_768) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 32_768));
      }
      return btoa(binary);
    },
    [width, height] as const,
  );
  return Buffer.from(base64, 'base64');
}

/** The open conversation's messages carrying a file of this name. */
export function messageWithFile(page: Page, name: string) {
  const pane = page.getByTestId('conversation-pane');
  return pane.getByTestId('message').filter({
    has: page.locator(
      `[data-testid="image-thumb"][aria-label$="${name}"], [data-testid="file-name"]:text-is("${name}")`,
    ),
  });
}

/** A page's network, shaped by Chrome (DevTools protocol): set a limit, and lift it again. */
export interface ShapedNetwork {
  /** Uploads (and downloads, when given) at most this many bytes per second, 20 ms latency. */
  limit(uploadBytesPerSecond: number, downloadBytesPerSecond?: number): Promise<void>;
  /** No limits, no added latency. */
  lift(): Promise<void>;
}

export async function shapeNetwork(context: BrowserContext, page: Page): Promise<ShapedNetwork> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const emulate = async (latency: number, upload: number, download: number) => {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency,
      downloadThroughput: download,
      uploadThroughput: upload,
    });
  };
  return {
    limit: (upload, download = -1) => emulate(20, upload, download),
    lift: () => emulate(0, -1, -1),
  };
}
