import { describe, expect, it } from 'vitest';

import { findDeepLinkInArgv, formatDeepLink, parseDeepLink } from './parse-deep-link.js';

describe('parseDeepLink', () => {
  it.each([
    ['parley://conversation/1', 1],
    ['parley://conversation/42', 42],
    ['parley://conversation/42/', 42],
    ['PARLEY://Conversation/42', 42],
    ['parley://conversation/9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('accepts %s', (value, conversationId) => {
    expect(parseDeepLink(value)).toEqual({ kind: 'conversation', conversationId });
  });

  it.each([
    ['an empty string', ''],
    ['zero', 'parley://conversation/0'],
    ['a leading zero', 'parley://conversation/042'],
    ['a negative id', 'parley://conversation/-1'],
    ['a fraction', 'parley://conversation/1.5'],
    ['an exponent', 'parley://conversation/1e3'],
    ['hex', 'parley://conversation/0x10'],
    ['beyond safe integers', 'parley://conversation/9007199254740993'],
    ['seventeen digits', 'parley://conversation/12345678901234567'],
    ['Arabic-Indic digits', 'parley://conversation/٤٢'],
    ['fullwidth digits', 'parley://conversation/４２'],
    ['a query', 'parley://conversation/42?next=https://evil.example'],
    ['a fragment', 'parley://conversation/42#x'],
    ['extra segments', 'parley://conversation/42/delete'],
    ['a traversal', 'parley://conversation/../settings'],
    ['percent-encoding', 'parley://conversation/%34%32'],
    ['an encoded slash', 'parley://conversation%2F42'],
    ['user info', 'parley://evil@conversation/42'],
    ['a port', 'parley://conversation:80/42'],
    ['an unknown kind', 'parley://settings/42'],
    ['one slash', 'parley:/conversation/42'],
    ['no slashes', 'parley:conversation/42'],
    ['another scheme', 'https://conversation/42'],
    ['javascript', 'javascript:alert(1)//parley://conversation/42'],
    ['a prefix', ' parley://conversation/42'],
    ['a trailing newline', 'parley://conversation/42\n'],
    ['an argv switch glued on', 'parley://conversation/42 --gpu-launcher=calc'],
    ['a NUL byte', 'parley://conversation/42\u0000'],
    ['a huge string', `parley://conversation/${'1'.repeat(10_000)}`],
  ])('refuses %s', (_name, value) => {
    expect(parseDeepLink(value)).toBeNull();
  });

  it.each([[undefined], [null], [42], [{ kind: 'conversation', conversationId: 1 }], [['x']]])(
    'refuses the non-string %j',
    (value) => {
      expect(parseDeepLink(value)).toBeNull();
    },
  );

  it('round-trips through formatDeepLink', () => {
    const link = { kind: 'conversation', conversationId: 123 } as const;
    expect(parseDeepLink(formatDeepLink(link))).toEqual(link);
  });
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among Windows/Linux launch arguments', () => {
    const argv = ['C:\\Parley\\Parley.exe', '--allow-file-access', 'parley://conversation/7'];
    expect(findDeepLinkInArgv(argv)).toEqual({ kind: 'conversation', conversationId: 7 });
  });

  it('skips malformed links and takes the first valid one', () => {
    const argv = ['parley', 'parley://conversation/x', 'parley://conversation/8'];
    expect(findDeepLinkInArgv(argv)).toEqual({ kind: 'conversation', conversationId: 8 });
  });

  it('finds nothing in an ordinary launch', () => {
    expect(findDeepLinkInArgv(['/usr/bin/parley', '--enable-logging'])).toBeNull();
    expect(findDeepLinkInArgv([])).toBeNull();
  });
});
