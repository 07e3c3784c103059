'use client';

/**
 * The admin routes' guard: waits for the client, asks the server who the user is now (a role
 * may have changed since the session was saved), sends the signed-out to sign-in, shows members
 * a refusal without making any admin request, and gives administrators the console.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';

import type { UserInfo } from '@parley/sdk';

import { adminAccess } from '../../lib/admin/admin-access';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useChatState, useParleyClient } from '../../lib/parley-provider';
import { loadRuntimeConfig } from '../../lib/runtime-config';
import { AdminContextProvider } from './admin-context';
import { AdminShell } from './admin-shell';

/** Renders the console for administrators only. */
export function AdminGate({ children }: { children: ReactNode }) {
  const client = useParleyClient();
  const state = useChatState(client);
  const router = useRouter();
  const { t } = useAdminI18n();
  const [confirmed, setConfirmed] = useState<UserInfo | undefined>(undefined);
  const [loginUrl, setLoginUrl] = useState<string | undefined>(undefined);
  const signedIn = state.me !== undefined;

  useEffect(() => {
    let cancelled = false;
    void loadRuntimeConfig().then((config) => {
      if (!cancelled) setLoginUrl(config.loginUrl);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!client || !signedIn) return;
    let cancelled = false;
    client
      .me()
      .then((user) => {
        if (!cancelled) setConfirmed(user);
      })
      .catch(() => {
        // Unreachable server: decide on the saved profile; the server still refuses a member.
        if (!cancelled) setConfirmed(client.getState().me);
      });
    return () => {
      cancelled = true;
    };
  }, [client, signedIn]);

  const ready = client !== null && loginUrl !== undefined && (!signedIn || confirmed !== undefined);
  const access = adminAccess(ready, signedIn ? confirmed : undefined);

  useEffect(() => {
    if (access === 'signed-out') router.replace('/sign-in/');
  }, [access, router]);

  if (access === 'forbidden') {
    return (
      <main className="admin-forbidden" data-testid="admin-forbidden">
        <p role="alert">{t('admin.forbidden')}</p>
        <a href="/chat/">{t('admin.backToChat')}</a>
      </main>
    );
  }
  if (access !== 'admin' || !client || !confirmed || !loginUrl) {
    return <p className="page-loading">{t('admin.loading')}</p>;
  }
  return (
    <AdminContextProvider client={client} me={confirmed} loginUrl={loginUrl}>
      <AdminShell me={confirmed}>{children}</AdminShell>
    </AdminContextProvider>
  );
}
