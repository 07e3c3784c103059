'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

import { DICTIONARIES, pickLanguage, translate, type Language, type MessageKey } from './messages';

const KEY = 'parley.lang';

interface I18n {
  lang: Language;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  setLang(lang: Language): void;
}

const fallback: I18n = {
  lang: 'en',
  t: (key, values) => translate(DICTIONARIES.en, key, values),
  setLang: () => undefined,
};

const I18nContext = createContext<I18n>(fallback);

/** The UI language: English or Chinese, from the saved choice or navigator.language. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>('en');

  useEffect(() => {
    let saved: string | null = null;
    try {
      saved = window.localStorage.getItem(KEY);
    } catch {
      // No storage: follow the browser.
    }
    setLangState(pickLanguage(saved, navigator.language));
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // Not remembered, still switched.
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, values) => translate(DICTIONARIES[lang], key, values) }),
    [lang, setLang],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The current language, its translate function, and a way to switch. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
