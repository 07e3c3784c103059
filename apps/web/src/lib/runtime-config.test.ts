import { describe, expect, it } from 'vitest';

import { FALLBACK_CONFIG, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config';

describe('runtime config', () => {
  it('reads the login URL and trims trailing slashes', () => {
    expect(parseRuntimeConfig({ loginUrl: 'http://chat.example.com:3001/' })).toEqual({
      loginUrl: 'http://chat.example.com:3001',
    });
  });

  it('reads the transports, ignoring a list with unknown names', () => {
    expect(parseRuntimeConfig({ loginUrl: 'http://x:1', transports: ['polling'] })).toEqual({
      loginUrl: 'http://x:1',
      transports: ['polling'],
    });
    expect(
      parseRuntimeConfig({ loginUrl: 'http://x:1', transports: ['polling', 'carrier-pigeon'] }),
    ).toEqual({
      loginUrl: 'http://x:1',
    });
    expect(parseRuntimeConfig({ loginUrl: 'http://x:1', transports: [] })).toEqual({
      loginUrl: 'http://x:1',
    });
  });

  it('falls back on anything else', () => {
    expect(parseRuntimeConfig(null)).toEqual(FALLBACK_CONFIG);
    expect(parseRuntimeConfig({ loginUrl: 'javascript:alert(1)' })).toEqual(FALLBACK_CONFIG);
    expect(parseRuntimeConfig({ loginUrl: 42 })).toEqual(FALLBACK_CONFIG);
  });

  it('loads /config.json and falls back when it is missing or the fetch fails', async () => {
    const ok = await loadRuntimeConfig((url) => {
      expect(url).toBe('/config.json');
      return Promise.resolve(Response.json({ loginUrl: 'http://x:1' }));
    });
    expect(ok.loginUrl).toBe('http://x:1');
    const missing = await loadRuntimeConfig(() =>
      Promise.resolve(new Response('not found', { status: 404 })),
    );
    expect(missing).toEqual(FALLBACK_CONFIG);
    const failed = await loadRuntimeConfig(() => Promise.reject(new TypeError('offline')));
    expect(failed).toEqual(FALLBACK_CONFIG);
  });
});
