'use client';

import { useCallback } from 'react';

import { useI18n } from '../i18n/i18n-provider';
import { ADMIN_DICTIONARIES, type AdminKey } from './admin-messages';

/**
 * Fills {placeholders} of an admin string.
 *
 * @example
 * fill('Page {page} of {pages}', { page: 1, pages: 3 }); // 'Page 1 of 3'
 */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The admin translate function in the language the user picked. */
export type AdminT = (key: AdminKey, values?: Record<string, string | number>) => string;

/**
 * The admin console's translate function, following the app's language switch.
 *
 * @example
 * const { t } = useAdminI18n();
 * t('admin.pageOf', { page: 2, pages: 5 });
 */
export function useAdminI18n(): { t: AdminT; lang: 'en' | 'zh'; setLang(lang: 'en' | 'zh'): void } {
  const { lang, setLang } = useI18n();
  const t = useCallback<AdminT>(
    (key, values) => fill(ADMIN_DICTIONARIES[lang][key], values),
    [lang],
  );
  return { t, lang, setLang };
}
