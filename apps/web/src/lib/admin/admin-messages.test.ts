import { describe, expect, it } from 'vitest';

import { adminEn, adminZh } from './admin-messages';
import { fill } from './use-admin-i18n';

describe('admin dictionaries', () => {
  it('has every English key in Chinese, with the same placeholders', () => {
    expect(Object.keys(adminZh).sort()).toEqual(Object.keys(adminEn).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(adminEn) as Array<keyof typeof adminEn>) {
      expect(names(adminZh[key]), key).toEqual(names(adminEn[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill(adminEn['admin.pageOf'], { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(fill(adminZh['admin.pageOf'], { page: 2, pages: 5 })).toBe('第 2 页，共 5 页');
    expect(fill('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
