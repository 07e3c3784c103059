'use client';

/**
 * What every admin screen needs: the signed-in client, the login-server URL and a way to run a
 * call with a fresh admin token. Provided by the admin layout once the user is known to be an
 * administrator, so no admin request is ever made for a member.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';

import type { ParleyClient, UserInfo } from '@parley/sdk';
import { getSystemStats, type AdminApi, type SystemStats } from '@parley/sdk/admin';

import { adminApiFor, withAdminToken } from '../../lib/admin/with-admin-token';

/** The admin screens' shared dependencies. */
export interface AdminContextValue {
  client: ParleyClient;
  me: UserInfo;
  loginUrl: string;
  /** Every /v1/admin endpoint, with the session's token (refreshed when needed). */
  api: AdminApi;
  /** GET /v1/admin/stats for the dashboard. */
  stats(signal?: AbortSignal): Promise<SystemStats>;
}

const AdminContext = createContext<AdminContextValue | null>(null);

/** Provides the admin context to the admin screens. */
export function AdminContextProvider(props: {
  client: ParleyClient;
  me: UserInfo;
  loginUrl: string;
  children: ReactNode;
}) {
  const { client, me, loginUrl, children } = props;
  const value = useMemo<AdminContextValue>(
    () => ({
      client,
      me,
      loginUrl,
      api: adminApiFor(client, loginUrl),
      stats: (signal) =>
        withAdminToken(client, (accessToken) =>
          getSystemStats({ baseUrl: loginUrl, accessToken, ...(signal ? { signal } : {}) }),
        ),
    }),
    [client, me, loginUrl],
  );
  return <AdminContext value={value}>{children}</AdminContext>;
}

/** The admin context; only valid inside the admin layout. */
export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext);
  if (!value) throw new Error('useAdmin outside the admin layout');
  return value;
}
