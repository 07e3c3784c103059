import { describe, expect, it } from 'vitest';

import { parseInline, parseMarkdown, safeHref } from './parse-markdown';

describe('safeHref', () => {
  it('allows http, https and mailto only', () => {
    expect(safeHref('https://parley.dev/a?b=1')).toBe('https://parley.dev/a?b=1');
    expect(safeHref('http://x.test')).toBe('http://x.test/');
    expect(safeHref('mailto:a@b.test')).toBe('mailto:a@b.test');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('vbscript:x')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});

describe('parseInline', () => {
  it('parses bold, italic, code and nesting', () => {
    expect(parseInline('a **b _c_** `d*e*` *f*')).toEqual([
      { type: 'text', text: 'a ' },
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'b ' },
          { type: 'em', children: [{ type: 'text', text: 'c' }] },
        ],
      },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd*e*' },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'f' }] },
    ]);
  });

  it('keeps underscores inside words as text', () => {
    expect(parseInline('snake_case_name')).toEqual([{ type: 'text', text: 'snake_case_name' }]);
  });

  it('links only safe targets and leaves the rest as the source text', () => {
    expect(parseInline('[site](https://a.test/x)')).toEqual([
      { type: 'link', href: 'https://a.test/x', children: [{ type: 'text', text: 'site' }] },
    ]);
    expect(parseInline('[x](javascript:alert(1))')).toEqual([
      { type: 'text', text: '[x](javascript:alert(1))' },
    ]);
  });

  it('autolinks bare URLs without trailing punctuation', () => {
    expect(parseInline('see https://a.test/p, ok')).toEqual([
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: 'https://a.test/p',
        children: [{ type: 'text', text: 'https://a.test/p' }],
      },
      { type: 'text', text: ', ok' },
    ]);
  });

  it('does not nest links', () => {
    expect(parseInline('[https://b.test](https://a.test)')).toEqual([
      {
        type: 'link',
        href: 'https://a.test/',
        children: [{ type: 'text', text: 'https://b.test' }],
      },
    ]);
  });

  it('finds mentions but not e-mail addresses', () => {
    expect(parseInline('hi @bob.li, mail bob@x.test')).toEqual([
      { type: 'text', text: 'hi ' },
      { type: 'mention', login: 'bob.li' },
      { type: 'text', text: ', mail bob@x.test' },
    ]);
  });

  it('leaves HTML as text', () => {
    const payload = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    expect(parseInline(payload)).toEqual([{ type: 'text', text: payload }]);
  });
});

describe('parseMarkdown', () => {
  it('splits paragraphs, keeps line breaks, and reads fenced code', () => {
    expect(parseMarkdown('one\ntwo\n\n```ts\nconst a = **1**;\n```\nend')).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'one' }, { type: 'br' }, { type: 'text', text: 'two' }],
      },
      { type: 'codeBlock', lang: 'ts', text: 'const a = **1**;' },
      { type: 'paragraph', children: [{ type: 'text', text: 'end' }] },
    ]);
  });

  it('treats an unclosed fence as text', () => {
    expect(parseMarkdown('```\nhi')).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '```' }, { type: 'br' }, { type: 'text', text: 'hi' }],
      },
    ]);
  });
});
