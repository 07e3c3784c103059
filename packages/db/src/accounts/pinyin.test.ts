import { describe, expect, it } from 'vitest';

import { pinyinKey, pinyinQuery } from './pinyin.js';

describe('pinyinKey', () => {
  it.each([
    ['张伟', 'zhangwei zw'],
    ['欧阳娜娜', 'ouyangnana oynn'],
    // Surname readings of polyphonic characters.
    ['单雄信', 'shanxiongxin sxx'],
    ['曾小贤', 'zengxiaoxian zxx'],
    // ü as v, as typed on pinyin keyboards.
    ['吕布', 'lvbu lb'],
    // Latin words of a mixed name are kept.
    ['王 Wei', 'wangwei ww'],
    ['Alice Chen', ''],
    ['', ''],
  ])('%s -> %j', (name, key) => {
    expect(pinyinKey(name)).toBe(key);
  });

  it('normalises what people type the way keys are stored', () => {
    expect(pinyinQuery('Zhang Wei')).toBe('zhangwei');
    expect(pinyinQuery("xi'an")).toBe('xian');
    expect(pinyinQuery('张')).toBe('');
  });
});
