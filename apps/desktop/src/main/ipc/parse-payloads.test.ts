import { describe, expect, it } from 'vitest';

import { isServerInput, parseNotification, parseUnreadCount } from './parse-payloads.js';

describe('parseUnreadCount', () => {
  it.each([0, 1, 42, 1_000_000_000])('accepts %d', (n) => {
    expect(parseUnreadCount(n)).toBe(n);
  });
  it.each([-1, 1.5, Number.NaN, Infinity, 1_000_000_001, '3', null, undefined, {}, [3]])(
    'refuses %s',
    (value) => {
      expect(parseUnreadCount(value)).toBeNull();
    },
  );
});

it('refuses a bigint count', () => {
  expect(parseUnreadCount(10n)).toBeNull();
});

describe('parseNotification', () => {
  it('keeps the known fields', () => {
    expect(
      parseNotification({ title: 'Alice', body: 'Lunch?', conversationId: 7, silent: true }),
    ).toEqual({ title: 'Alice', body: 'Lunch?', conversationId: 7, silent: true });
    expect(parseNotification({ title: 'Alice', body: '' })).toEqual({ title: 'Alice', body: '' });
  });

  it('drops unknown fields (nothing else reaches the OS)', () => {
    expect(
      parseNotification({ title: 'A', body: 'b', icon: 'file:///etc/passwd', actions: [{}] }),
    ).toEqual({ title: 'A', body: 'b' });
  });

  it('cuts long text and strips control and bidi-override characters', () => {
    const result = parseNotification({
      title: `\u202eevil${'t'.repeat(300)}`,
      body: `line 1\nline 2\u0007\u0000${'b'.repeat(2000)}`,
    });
    expect(result?.title.startsWith('evil')).toBe(true);
    expect([...(result?.title ?? '')]).toHaveLength(200);
    expect(result?.title.endsWith('…')).toBe(true);
    expect(result?.body.startsWith('line 1\nline 2bbb')).toBe(true);
    expect([...(result?.body ?? '')]).toHaveLength(1000);
  });

  it('does not split a surrogate pair when cutting', () => {
    const result = parseNotification({ title: '😀'.repeat(250), body: '' });
    expect(result?.title).toBe(`${'😀'.repeat(199)}…`);
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', ['t', 'b']],
    ['no title', { body: 'b' }],
    ['an empty title', { title: '   ', body: 'b' }],
    ['a numeric title', { title: 1, body: 'b' }],
    ['a missing body', { title: 't' }],
    ['a string conversation id', { title: 't', body: 'b', conversationId: '7' }],
    ['a zero conversation id', { title: 't', body: 'b', conversationId: 0 }],
    ['a fractional conversation id', { title: 't', body: 'b', conversationId: 1.5 }],
    ['an unsafe conversation id', { title: 't', body: 'b', conversationId: 2 ** 60 }],
    ['a string silent flag', { title: 't', body: 'b', silent: 'yes' }],
  ])('refuses %s', (_name, value) => {
    expect(parseNotification(value)).toBeNull();
  });
});

describe('isServerInput', () => {
  it('takes strings of reasonable length only', () => {
    expect(isServerInput('chat.example.com')).toBe(true);
    expect(isServerInput('x'.repeat(2049))).toBe(false);
    expect(isServerInput(42)).toBe(false);
    expect(isServerInput({ toString: () => 'chat.example.com' })).toBe(false);
  });
});
