'use client';

import { useState, type FormEvent } from 'react';

import type { ParleyClient } from '@parley/sdk';

import { signInErrorMessage } from '../lib/display';
import { useI18n } from '../lib/i18n/i18n-provider';
import { signInErrorMessageZh } from '../lib/sign-in-error-zh';

interface SignInFormProps {
  client: ParleyClient | null;
  onSignedIn(): void;
}

/** Login and password; shows the server's typed error in words. */
export function SignInForm({ client, onSignedIn }: SignInFormProps) {
  const { t, lang, setLang } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!client || busy) return;
    setBusy(true);
    setError(null);
    try {
      await client.signIn(login.trim(), password);
      onSignedIn();
    } catch (err) {
      setError(lang === 'zh' ? signInErrorMessageZh(err) : signInErrorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form
      className="sign-in-form"
      onSubmit={submit}
      aria-labelledby="sign-in-title"
      data-testid="sign-in-form"
    >
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      <label>
        {t('signIn.login')}
        <input
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          data-testid="sign-in-login"
        />
      </label>
      <label>
        {t('signIn.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="sign-in-password"
        />
      </label>
      {error && (
        <p className="form-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={!client || busy} data-testid="sign-in-submit">
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
      <button
        type="button"
        className="link-button"
        lang={lang === 'zh' ? 'en' : 'zh-CN'}
        aria-label={t('header.languageLabel')}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="language-toggle"
      >
        {t('header.language')}
      </button>
    </form>
  );
}
