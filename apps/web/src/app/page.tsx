'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { useChatState, useParleyClient } from '../lib/parley-provider';

/** The entry point: to the chat when signed in, else to sign-in. */
export default function HomePage() {
  const client = useParleyClient();
  const state = useChatState(client);
  const router = useRouter();

  useEffect(() => {
    if (!client) return;
    router.replace(state.me ? '/chat/' : '/sign-in/');
  }, [client, state.me, router]);

  return <p className="page-loading">Loading…</p>;
}
