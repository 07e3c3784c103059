import { describe, expect, it } from 'vitest';

import { en, pickLanguage, translate, zh } from './messages';

describe('i18n', () => {
  it('has every English key in Chinese, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(zh[key])).toEqual(names(en[key]));
    }
  });

  it('starts from the saved choice, else the browser language', () => {
    expect(pickLanguage(null, 'zh-CN')).toBe('zh');
    expect(pickLanguage(null, 'en-US')).toBe('en');
    expect(pickLanguage('en', 'zh-TW')).toBe('en');
    expect(pickLanguage('fr', undefined)).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translate(en, 'message.readBy', { n: 3 })).toBe('Read by 3');
    expect(translate(zh, 'message.readBy', { n: 2 })).toBe('2 人已读');
  });
});
