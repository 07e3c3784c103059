import { describe, expect, it } from 'vitest';

import { decideNavigation, decidePermission, decideWindowOpen } from './navigation-policy.js';

const SERVER = 'https://chat.example.com';

describe('decideNavigation', () => {
  it.each([
    'https://chat.example.com/',
    'https://chat.example.com/chat/?c=4',
    'https://chat.example.com:443/sign-in/',
    'HTTPS://CHAT.EXAMPLE.COM/chat/',
  ])('keeps the server’s own page %s in the app', (url) => {
    expect(decideNavigation(url, SERVER)).toEqual({ action: 'allow' });
  });

  it.each([
    ['https://example.org/article', 'https://example.org/article'],
    ['http://chat.example.com/', 'http://chat.example.com/'],
    ['https://chat.example.com:8443/', 'https://chat.example.com:8443/'],
    ['https://sub.chat.example.com/', 'https://sub.chat.example.com/'],
    ['https://chat.example.com.evil.example/', 'https://chat.example.com.evil.example/'],
    ['mailto:alice@example.com', 'mailto:alice@example.com'],
  ])('sends %s to the system', (url, external) => {
    expect(decideNavigation(url, SERVER)).toEqual({ action: 'open-external', url: external });
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://chat.example.com/uuid',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'vbscript:msgbox(1)',
    'https://chat.example.com@evil.example/',
    'not a url',
    '',
  ])('blocks %j', (url) => {
    expect(decideNavigation(url, SERVER)).toEqual({ action: 'block' });
  });

  it('turns parley:// links into deep links and blocks malformed ones', () => {
    expect(decideNavigation('parley://conversation/9', SERVER)).toEqual({
      action: 'deep-link',
      link: { kind: 'conversation', conversationId: 9 },
    });
    expect(decideNavigation('parley://conversation/9?x', SERVER)).toEqual({ action: 'block' });
  });

  it('keeps nothing in the app before a server is chosen', () => {
    expect(decideNavigation('https://chat.example.com/', null)).toEqual({
      action: 'open-external',
      url: 'https://chat.example.com/',
    });
  });
});

describe('decideWindowOpen', () => {
  it('opens even the server’s own pages in the browser, never in a new app window', () => {
    expect(decideWindowOpen('https://chat.example.com/files/1', SERVER)).toEqual({
      action: 'open-external',
      url: 'https://chat.example.com/files/1',
    });
    expect(decideWindowOpen('javascript:alert(1)', SERVER)).toEqual({ action: 'block' });
  });
});

describe('decidePermission', () => {
  it('allows what a chat app needs, to the server only', () => {
    expect(decidePermission('notifications', `${SERVER}/chat/`, SERVER)).toBe(true);
    expect(decidePermission('clipboard-sanitized-write', `${SERVER}/`, SERVER)).toBe(true);
    expect(decidePermission('media', `${SERVER}/`, SERVER, ['audio'])).toBe(true);
  });

  it('refuses the camera, other permissions and other origins', () => {
    expect(decidePermission('media', `${SERVER}/`, SERVER, ['audio', 'video'])).toBe(false);
    expect(decidePermission('media', `${SERVER}/`, SERVER, [])).toBe(false);
    expect(decidePermission('geolocation', `${SERVER}/`, SERVER)).toBe(false);
    expect(decidePermission('openExternal', `${SERVER}/`, SERVER)).toBe(false);
    expect(decidePermission('notifications', 'https://evil.example/', SERVER)).toBe(false);
    expect(decidePermission('notifications', 'file:///setup.html', SERVER)).toBe(false);
    expect(decidePermission('notifications', undefined, SERVER)).toBe(false);
    expect(decidePermission('notifications', `${SERVER}/`, null)).toBe(false);
  });
});
