import { describe, expect, it } from 'vitest';

import { isInsecureOrigin, normalizeServerUrl } from './normalize-server-url.js';

describe('normalizeServerUrl', () => {
  it.each([
    ['chat.example.com', 'https://chat.example.com'],
    ['  https://chat.example.com/  ', 'https://chat.example.com'],
    ['https://chat.example.com/chat/?c=1#x', 'https://chat.example.com'],
    ['HTTPS://Chat.Example.COM', 'https://chat.example.com'],
    ['http://10.0.0.5:3000', 'http://10.0.0.5:3000'],
    ['localhost:3000', 'https://localhost:3000'],
    ['https://chat.example.com:443', 'https://chat.example.com'],
    ['https://[::1]:8443/', 'https://[::1]:8443'],
  ])('accepts %j as %s', (input, origin) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, origin });
  });

  it.each([
    [''],
    ['   '],
    ['ftp://chat.example.com'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['https://user:secret@chat.example.com'],
    ['https://'],
    ['http://exa mple.com'],
    [`https://${'a'.repeat(3000)}.com`],
  ])('refuses %j', (input) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/\w/);
  });
});

describe('isInsecureOrigin', () => {
  it('flags plain http except to this machine', () => {
    expect(isInsecureOrigin('http://chat.example.com')).toBe(true);
    expect(isInsecureOrigin('http://localhost:3000')).toBe(false);
    expect(isInsecureOrigin('http://127.0.0.1:3000')).toBe(false);
    expect(isInsecureOrigin('https://chat.example.com')).toBe(false);
  });
});
