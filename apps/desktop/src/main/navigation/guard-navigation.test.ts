import { describe, expect, it } from 'vitest';

import type { DeepLink } from '../../shared/desktop-api.js';
import { createMemoryLogger, FakeSession, FakeWebContents, fakeEvent } from '../testing/fakes.js';
import { guardNavigation, guardPermissions } from './guard-navigation.js';

const SERVER = 'https://chat.example.com';

function setup(serverOrigin: string | null = SERVER) {
  const contents = new FakeWebContents();
  contents.url = `${SERVER}/chat/`;
  const opened: string[] = [];
  const links: DeepLink[] = [];
  const log = createMemoryLogger();
  guardNavigation(contents, {
    serverOrigin: () => serverOrigin,
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    onDeepLink: (link) => links.push(link),
    log,
  });
  return { contents, opened, links, log };
}

describe('guardNavigation', () => {
  it('lets the app move between its own pages', () => {
    const { contents, opened } = setup();
    expect(contents.navigate(`${SERVER}/sign-in/`)).toBe(true);
    expect(contents.getURL()).toBe(`${SERVER}/sign-in/`);
    expect(opened).toEqual([]);
  });

  it('opens other sites in the system browser and stays put', () => {
    const { contents, opened } = setup();
    expect(contents.navigate('https://example.org/news')).toBe(false);
    expect(contents.getURL()).toBe(`${SERVER}/chat/`);
    expect(opened).toEqual(['https://example.org/news']);
  });

  it('blocks javascript: and file: navigations and logs them', () => {
    const { contents, opened, log } = setup();
    expect(contents.navigate('javascript:alert(document.cookie)')).toBe(false);
    expect(contents.navigate('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(opened).toEqual([]);
    expect(log.lines.filter((l) => l.message === 'blocked a navigation')).toHaveLength(2);
  });

  it('treats redirects like navigations', () => {
    const { contents, opened } = setup();
    const event = fakeEvent({ url: 'https://tracker.example/', isMainFrame: true });
    contents.emit('will-redirect', event);
    expect(event.prevented).toBe(true);
    expect(opened).toEqual(['https://tracker.example/']);
  });

  it('leaves subframes alone', () => {
    const { contents, opened } = setup();
    expect(contents.navigate('https://www.youtube-nocookie.com/embed/x', false)).toBe(true);
    expect(opened).toEqual([]);
  });

  it('never opens a second app window', () => {
    const { contents, opened, links } = setup();
    expect(contents.openWindow('https://example.org/')).toEqual({ action: 'deny' });
    expect(contents.openWindow(`${SERVER}/files/7/original`)).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.openWindow('parley://conversation/3')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/', `${SERVER}/files/7/original`]);
    expect(links).toEqual([{ kind: 'conversation', conversationId: 3 }]);
  });

  it('routes parley:// links clicked in a message to the app', () => {
    const { contents, links, opened } = setup();
    expect(contents.navigate('parley://conversation/12')).toBe(false);
    expect(links).toEqual([{ kind: 'conversation', conversationId: 12 }]);
    expect(opened).toEqual([]);
  });

  it('refuses <webview>', () => {
    const { contents } = setup();
    const event = fakeEvent({});
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });

  it('keeps a local page (no server yet) from navigating anywhere in the app', () => {
    const { contents, opened } = setup(null);
    contents.url = 'file:///app/setup.html';
    expect(contents.navigate(`${SERVER}/`)).toBe(false);
    expect(opened).toEqual([`${SERVER}/`]);
  });
});

describe('guardPermissions', () => {
  it('answers requests with the policy for the current server', () => {
    const session = new FakeSession();
    let server: string | null = SERVER;
    guardPermissions(session, () => server);
    expect(session.ask('notifications', { requestingUrl: `${SERVER}/chat/` })).toBe(true);
    expect(session.ask('media', { requestingUrl: `${SERVER}/`, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(session.check?.(null, 'notifications', SERVER)).toBe(true);
    server = 'https://other.example.com';
    expect(session.ask('notifications', { requestingUrl: `${SERVER}/chat/` })).toBe(false);
  });
});
