'use client';

import { useCallback, useEffect, useState } from 'react';

import { nextTheme, readTheme, saveTheme, type ThemeChoice } from './theme';

/**
 * The theme on screen and a toggle. Applies the saved choice to html[data-theme] and follows
 * the system's preference while the user has made none.
 */
export function useTheme(): { shown: 'light' | 'dark'; toggle(): void } {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  const [systemDark, setSystemDark] = useState(false);

  useEffect(() => {
    setChoice(readTheme(window.localStorage));
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    setSystemDark(query.matches);
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
  }, [choice]);

  const shown = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  const toggle = useCallback(() => {
    const next = nextTheme(shown);
    saveTheme(window.localStorage, next);
    setChoice(next);
  }, [shown]);
  return { shown, toggle };
}
