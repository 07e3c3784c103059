'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { ChatScreen } from '../../components/chat/chat-screen';
import { useChatState, useParleyClient } from '../../lib/parley-provider';

export default function ChatPage() {
  const client = useParleyClient();
  const state = useChatState(client);
  const router = useRouter();
  const signedIn = state.me !== undefined;

  useEffect(() => {
    if (client && !signedIn) router.replace('/sign-in/');
  }, [client, signedIn, router]);

  useEffect(() => {
    // connect() keeps the connection up until close() or sign-out; calling it again is a no-op.
    if (client && signedIn) client.connect().catch(() => undefined);
  }, [client, signedIn]);

  if (!client || !state.me) return <p className="page-loading">Loading…</p>;
  return <ChatScreen client={client} state={state} me={state.me} />;
}
