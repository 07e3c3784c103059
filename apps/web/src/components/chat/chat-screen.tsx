'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';

import { Role, type ChatState, type ParleyClient, type UserInfo } from '@parley/sdk';

import { tabTitle } from '../../lib/notify-rules';
import { useDesktopNotifications } from '../../lib/use-desktop-notifications';
import { useTheme } from '../../lib/use-theme';
import { ConversationList } from './conversation-list';

// Below the conversation list: loaded after first paint, keeping the page's first-load JS small.
const DirectoryList = dynamic(() => import('./directory-list').then((m) => m.DirectoryList));
const NewGroupForm = dynamic(() => import('./new-group-form').then((m) => m.NewGroupForm));
// The open conversation (messages, composer, markdown, reactions): nothing to show in it before
// the first sync, so it loads after first paint too (fetched at once, see ChatScreen).
const loadPane = () => import('./conversation-pane');
const ConversationPane = dynamic(() => loadPane().then((m) => m.ConversationPane));
import { useI18n } from '../../lib/i18n/i18n-provider';
import './chat-features.css';

interface ChatScreenProps {
  client: ParleyClient;
  state: ChatState;
  me: UserInfo;
}

/** The signed-in screen: conversations and people on the left, one conversation on the right. */
export function ChatScreen({ client, state, me }: ChatScreenProps) {
  const router = useRouter();
  const { t, lang, setLang } = useI18n();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [openError, setOpenError] = useState<string | null>(null);

  // The open conversation is kept in the URL (?c=ID) so a reload comes back to it.
  useEffect(() => {
    const id = Number(new URLSearchParams(window.location.search).get('c'));
    if (Number.isSafeInteger(id) && id > 0) setSelected(id);
  }, []);

  const select = useCallback((id: number) => {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set('c', String(id));
    window.history.replaceState(window.history.state, '', url);
  }, []);

  const openDirect = useCallback(
    async (userId: number) => {
      setOpenError(null);
      try {
        const view = await client.openDirect(userId);
        select(view.id);
      } catch (err) {
        setOpenError(err instanceof Error ? err.message : t('chat.openFailed'));
      }
    },
    [client, select, t],
  );

  // Fetch the pane's code right away rather than on the first click.
  useEffect(() => {
    void loadPane();
  }, []);

  const notifications = useDesktopNotifications(client, state, me, select);
  const title = tabTitle(state.conversationList);
  useEffect(() => {
    document.title = title;
  }, [title]);
  const offline = useBrowserOffline() || state.connection === 'reconnecting';
  const theme = useTheme();

  // Ctrl+K / Cmd+K: jump to a conversation from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        document.getElementById('conversation-search')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function signOut() {
    await client.signOut();
    router.replace('/sign-in/');
  }

  const view = selected === undefined ? undefined : state.conversations.get(selected);

  return (
    <div className="chat-screen">
      <header className="app-header">
        <span className="app-name">Parley</span>
        <span
          className={`connection connection-${state.connection}`}
          role="status"
          data-testid="connection-status"
          data-status={state.connection}
        >
          {t(`status.${state.connection}`)}
        </span>
        {notifications.permission === 'default' && (
          <button
            type="button"
            className="link-button"
            onClick={notifications.request}
            data-testid="enable-notifications"
          >
            {t('header.enableNotifications')}
          </button>
        )}
        <button
          type="button"
          className="link-button"
          onClick={theme.toggle}
          aria-label={theme.shown === 'dark' ? t('header.toLightTheme') : t('header.toDarkTheme')}
          aria-pressed={theme.shown === 'dark'}
          data-testid="theme-toggle"
          data-theme={theme.shown}
        >
          {theme.shown === 'dark' ? t('header.lightTheme') : t('header.darkTheme')}
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
        <span className="me" data-testid="me-name">
          {me.displayName}
        </span>
        {me.role === Role.ROLE_ADMIN && (
          <a
            href="/admin/"
            onClick={(e) => {
              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              router.push('/admin/');
            }}
            data-testid="admin-link"
          >
            {t('header.admin')}
          </a>
        )}
        <button type="button" className="link-button" onClick={signOut} data-testid="sign-out">
          {t('header.signOut')}
        </button>
      </header>
      {offline && (
        <p className="offline-banner" role="status" data-testid="offline-banner">
          {t('offline.banner')}
        </p>
      )}
      <nav className="sidebar" aria-label={t('sidebar.label')}>
        <ConversationList
          client={client}
          state={state}
          meId={me.id}
          selectedId={selected}
          onSelect={select}
        />
        <NewGroupForm client={client} state={state} meId={me.id} onCreated={select} />
        <DirectoryList client={client} state={state} meId={me.id} onOpen={openDirect} />
        {openError && (
          <p className="form-error" role="alert">
            {openError}
          </p>
        )}
      </nav>
      <main className="conversation-area">
        {view ? (
          <ConversationPane key={view.id} client={client} state={state} view={view} me={me} />
        ) : (
          <p className="empty-pane">{t('pane.empty')}</p>
        )}
      </main>
    </div>
  );
}

/** True while the browser reports no network. */
function useBrowserOffline(): boolean {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return offline;
}
