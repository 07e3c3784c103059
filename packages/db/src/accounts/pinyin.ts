import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/**
 * What the directory stores in users.pinyin so that Chinese names can be found by their
 * romanisation: "<full spelling> <initials>", lower case, e.g. 张伟 -> "zhangwei zw",
 * 欧阳娜娜 -> "ouyangnana oynn". Latin words in a mixed name are kept (王 Wei -> "wangwei ww");
 * ü is written v, as pinyin keyboards type it (吕 -> "lv"). Surnames use their surname
 * reading (单 -> "shan", not "dan"). Names without Chinese characters get "": their display
 * name already is what people type.
 *
 * @example
 * pinyinKey('张伟'); // 'zhangwei zw'
 */
export function pinyinKey(displayName: string): string {
  if (!HAN.test(displayName)) return '';
  const parts = pinyin(displayName, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
    v: true,
  });
  const words = parts
    .flatMap((part) => part.toLowerCase().split(/[^a-z0-9]+/))
    .filter((word) => word !== '');
  if (words.length === 0) return '';
  return `${words.join('')} ${words.map((w) => w[0]).join('')}`;
}

/** A search text as it is compared with pinyinKey output: lower-case letters and digits only. */
export function pinyinQuery(q: string): string {
  return q.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
