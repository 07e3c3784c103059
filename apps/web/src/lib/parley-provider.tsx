'use client';

/**
 * One ParleyClient for the whole page, created in the browser once /config.json is read.
 * It lives in the root layout, so moving between sign-in and chat keeps the connection.
 */
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import {
  createParleyClient,
  createWebStorageOutboxStorage,
  DeviceKind,
  emptyChatState,
  type ChatState,
  type ParleyClient,
} from '@parley/sdk';

import { createIndexedDbFileStore } from './files/indexed-db-file-store';
import { loadRuntimeConfig } from './runtime-config';
import { readSavedSession, writeSavedSession } from './saved-session';

const ClientContext = createContext<ParleyClient | null>(null);

/** Provides the page's ParleyClient (null until it is created in the browser). */
export function ParleyProvider({ children }: { children: ReactNode }) {
  const [client, setClient] = useState<ParleyClient | null>(null);

  useEffect(() => {
    let cancelled = false;
    const cleanups: Array<() => void> = [];
    void loadRuntimeConfig().then((config) => {
      if (cancelled) return;
      const created = createParleyClient({
        loginUrl: config.loginUrl,
        ...(config.transports ? { transports: config.transports } : {}),
        session: readSavedSession(window.localStorage),
        deviceKind: DeviceKind.DEVICE_KIND_WEB,
        deviceName: 'Web browser',
        outboxStorage: (userId) =>
          createWebStorageOutboxStorage(window.localStorage, `parley.outbox.${userId}`),
        // The bytes of unsent files, so an upload cut by a reload continues by itself.
        outboxFiles: (userId) => createIndexedDbFileStore(`parley.outbox-files.${userId}`),
      });
      cleanups.push(created.on('session', (s) => writeSavedSession(window.localStorage, s)));
      // Come back at once when the network does, instead of waiting out the backoff.
      const wake = () => created.reconnectNow();
      const onVisible = () => {
        if (document.visibilityState === 'visible') wake();
      };
      window.addEventListener('online', wake);
      document.addEventListener('visibilitychange', onVisible);
      cleanups.push(() => window.removeEventListener('online', wake));
      cleanups.push(() => document.removeEventListener('visibilitychange', onVisible));
      cleanups.push(() => created.close());
      setClient(created);
    });
    return () => {
      cancelled = true;
      for (const cleanup of cleanups) cleanup();
    };
  }, []);

  return <ClientContext value={client}>{children}</ClientContext>;
}

/** The page's client, or null while it is being created. */
export function useParleyClient(): ParleyClient | null {
  return useContext(ClientContext);
}

const EMPTY_STATE = emptyChatState();
const noSubscription = () => () => undefined;
const emptySnapshot = () => EMPTY_STATE;

/** The client's state snapshot, re-rendering on every change. */
export function useChatState(client: ParleyClient | null): ChatState {
  return useSyncExternalStore(
    client ? client.subscribe : noSubscription,
    client ? client.getState : emptySnapshot,
    emptySnapshot,
  );
}
