import { describe, expect, it } from 'vitest';

import { ErrorCode, ProtocolError, type Session } from '@parley/sdk';

import {
  freshToken,
  retryUnauthenticated,
  withAdminToken,
  type TokenSource,
} from './with-admin-token';

function fakeClient(expiresAt: number) {
  let n = 0;
  const state: { session: Session | null; refreshes: number } = {
    session: { accessToken: 'a0', accessExpiresAt: expiresAt } as Session,
    refreshes: 0,
  };
  const client: TokenSource = {
    get session() {
      return state.session;
    },
    refresh: async () => {
      n += 1;
      state.refreshes = n;
      state.session = { accessToken: `a${n}`, accessExpiresAt: expiresAt + 1e9 } as Session;
      return state.session;
    },
  };
  return { client, state };
}

const unauthenticated = () => new ProtocolError(ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'expired');

describe('admin tokens', () => {
  it('uses the current token, refreshing it first when it is about to expire', async () => {
    expect(await freshToken(fakeClient(100_000).client, () => 0)).toBe('a0');
    const soon = fakeClient(10_000);
    expect(await freshToken(soon.client, () => 0)).toBe('a1');
    expect(soon.state.refreshes).toBe(1);
  });

  it('refreshes and repeats once on UNAUTHENTICATED, and passes other failures through', async () => {
    const { client, state } = fakeClient(100_000);
    const seen: string[] = [];
    const result = await withAdminToken(
      client,
      async (token) => {
        seen.push(token);
        if (token === 'a0') throw unauthenticated();
        return 'ok';
      },
      () => 0,
    );
    expect(result).toBe('ok');
    expect(seen).toEqual(['a0', 'a1']);
    expect(state.refreshes).toBe(1);
    await expect(
      withAdminToken(
        client,
        () => Promise.reject(new Error('boom')),
        () => 0,
      ),
    ).rejects.toThrow('boom');
  });

  it('wraps every method of an API the same way', async () => {
    const { client, state } = fakeClient(100_000);
    let calls = 0;
    const api = retryUnauthenticated(
      {
        ping: async (x: number) => {
          calls += 1;
          if (calls === 1) throw unauthenticated();
          return x * 2;
        },
      },
      client,
    );
    expect(await api.ping(21)).toBe(42);
    expect(state.refreshes).toBe(1);
  });

  it('refuses when signed out', async () => {
    const { client, state } = fakeClient(0);
    state.session = null;
    await expect(freshToken(client)).rejects.toThrow('Not signed in.');
  });
});
