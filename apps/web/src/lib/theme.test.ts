import { describe, expect, it } from 'vitest';

import { nextTheme, readTheme, saveTheme } from './theme';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('theme', () => {
  it('remembers light or dark, and forgets for system', () => {
    const storage = memoryStorage();
    expect(readTheme(storage)).toBe('system');
    saveTheme(storage, 'dark');
    expect(readTheme(storage)).toBe('dark');
    saveTheme(storage, 'system');
    expect(readTheme(storage)).toBe('system');
  });

  it('ignores unknown values and failing storage', () => {
    expect(readTheme({ getItem: () => 'neon' })).toBe('system');
    expect(
      readTheme({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('system');
  });

  it('toggles to the other theme', () => {
    expect(nextTheme('dark')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
  });
});
