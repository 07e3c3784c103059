'use client';

/** The admin console's frame: a header with the app's switches, section links, the screen. */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';

import type { UserInfo } from '@parley/sdk';

import type { AdminKey } from '../../lib/admin/admin-messages';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { useTheme } from '../../lib/use-theme';

const SECTIONS: ReadonlyArray<{ href: string; key: AdminKey; id: string }> = [
  { href: '/admin/', key: 'nav.dashboard', id: 'dashboard' },
  { href: '/admin/people/', key: 'nav.people', id: 'people' },
  { href: '/admin/departments/', key: 'nav.departments', id: 'departments' },
  { href: '/admin/groups/', key: 'nav.groups', id: 'groups' },
  { href: '/admin/sessions/', key: 'nav.sessions', id: 'sessions' },
  { href: '/admin/audit/', key: 'nav.audit', id: 'audit' },
  { href: '/admin/settings/', key: 'nav.settings', id: 'settings' },
];

/** True when `pathname` is the section's page (trailing slash or not). */
function isCurrent(pathname: string, href: string): boolean {
  const strip = (p: string) => p.replace(/\/+$/, '');
  return strip(pathname) === strip(href);
}

/** Frames an admin screen. */
export function AdminShell({ me, children }: { me: UserInfo; children: ReactNode }) {
  const { t, lang, setLang } = useAdminI18n();
  const chat = useI18n();
  const theme = useTheme();
  const pathname = usePathname();
  const section = SECTIONS.find((s) => isCurrent(pathname, s.href));
  const title = `${section ? `${t(section.key)} · ` : ''}${t('admin.title')} · Parley`;

  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="admin-screen" data-testid="admin-screen">
      <header className="app-header admin-header">
        <span className="app-name">
          Parley <span className="admin-badge">{t('admin.title')}</span>
        </span>
        <button
          type="button"
          className="link-button"
          onClick={theme.toggle}
          aria-pressed={theme.shown === 'dark'}
          data-testid="theme-toggle"
          data-theme={theme.shown}
        >
          {theme.shown === 'dark' ? chat.t('header.lightTheme') : chat.t('header.darkTheme')}
        </button>
        <button
          type="button"
          className="link-button"
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          aria-label={chat.t('header.languageLabel')}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="language-toggle"
        >
          {chat.t('header.language')}
        </button>
        <span className="me" data-testid="me-name">
          {me.displayName}
        </span>
        <a href="/chat/" className="admin-back" data-testid="admin-back">
          {t('admin.backToChat')}
        </a>
      </header>
      <nav className="admin-nav" aria-label={t('admin.nav')}>
        <ul>
          {SECTIONS.map((s) => {
            const current = isCurrent(pathname, s.href);
            return (
              <li key={s.id}>
                <Link
                  href={s.href}
                  aria-current={current ? 'page' : undefined}
                  data-testid={`admin-nav-${s.id}`}
                >
                  {t(s.key)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="admin-main">{children}</main>
    </div>
  );
}
