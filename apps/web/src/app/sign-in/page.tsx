'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { SignInForm } from '../../components/sign-in-form';
import { useChatState, useParleyClient } from '../../lib/parley-provider';

export default function SignInPage() {
  const client = useParleyClient();
  const state = useChatState(client);
  const router = useRouter();

  useEffect(() => {
    if (state.me) router.replace('/chat/');
  }, [state.me, router]);

  return (
    <main className="sign-in-page">
      <SignInForm client={client} onSignedIn={() => router.replace('/chat/')} />
    </main>
  );
}
