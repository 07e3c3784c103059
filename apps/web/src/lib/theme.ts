/**
 * Light and dark themes: the system's preference by default, or the user's choice, kept in
 * localStorage and applied as html[data-theme] (the CSS variables switch on it).
 */

/** What the user picked; 'system' follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'parley.theme';

/**
 * The saved choice ('system' when none or unreadable).
 *
 * @example
 * applyTheme(readTheme(localStorage));
 */
export function readTheme(storage: Pick<Storage, 'getItem'>): ThemeChoice {
  try {
    const value = storage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Saves the choice.
 *
 * @example
 * saveTheme(localStorage, 'dark');
 */
export function saveTheme(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  choice: ThemeChoice,
): void {
  try {
    if (choice === 'system') storage.removeItem(KEY);
    else storage.setItem(KEY, choice);
  } catch {
    // Private mode or a full storage: the theme just is not remembered.
  }
}

/**
 * The theme to switch to from the one on screen (so the toggle always visibly changes).
 *
 * @example
 * nextTheme('dark'); // 'light'
 */
export function nextTheme(shown: 'light' | 'dark'): 'light' | 'dark' {
  return shown === 'dark' ? 'light' : 'dark';
}
