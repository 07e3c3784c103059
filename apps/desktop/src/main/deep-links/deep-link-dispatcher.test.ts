import { describe, expect, it } from 'vitest';

import type { DeepLink } from '../../shared/desktop-api.js';
import { createDeepLinkDispatcher } from './deep-link-dispatcher.js';

const link = (conversationId: number): DeepLink => ({ kind: 'conversation', conversationId });

describe('deep link dispatcher', () => {
  it('holds links until the page listens, then delivers them in order', () => {
    const sent: DeepLink[] = [];
    const links = createDeepLinkDispatcher((l) => sent.push(l) > 0);
    links.push(link(1));
    links.push(link(2));
    expect(sent).toEqual([]);
    links.markReady();
    expect(sent).toEqual([link(1), link(2)]);
    links.push(link(3));
    expect(sent).toEqual([link(1), link(2), link(3)]);
    expect(links.pending()).toEqual([]);
  });

  it('holds links again while the page reloads', () => {
    const sent: DeepLink[] = [];
    const links = createDeepLinkDispatcher((l) => sent.push(l) > 0);
    links.markReady();
    links.markNotReady();
    links.push(link(4));
    expect(sent).toEqual([]);
    links.markReady();
    expect(sent).toEqual([link(4)]);
  });

  it('keeps only the newest ten while nobody listens', () => {
    const links = createDeepLinkDispatcher(() => true);
    for (let i = 1; i <= 15; i += 1) links.push(link(i));
    expect(links.pending().map((l) => l.conversationId)).toEqual([
      6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
  });

  it('keeps links the page could not take (e.g. while it is loading) for the next ready', () => {
    const sent: DeepLink[] = [];
    let accepting = false;
    const links = createDeepLinkDispatcher((l) => accepting && sent.push(l) > 0);
    links.markReady();
    links.push(link(1));
    links.push(link(2));
    expect(links.pending()).toEqual([link(1), link(2)]);
    accepting = true;
    links.markReady();
    expect(sent).toEqual([link(1), link(2)]);
    expect(links.pending()).toEqual([]);
  });
});
