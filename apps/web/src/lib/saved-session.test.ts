import { describe, expect, it } from 'vitest';

import type { Session } from '@parley/sdk';

import { readSavedSession, writeSavedSession } from './saved-session';

/** Web Storage over a Map (string values, like the real one). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => {
      map.delete(k);
    },
    setItem: (k, v) => {
      map.set(k, String(v));
    },
  };
}

const session: Session = {
  accessToken: 'a',
  accessExpiresAt: 1,
  refreshToken: 'r',
  refreshExpiresAt: 2,
  sessionId: 3,
  user: {
    id: 7,
    login: 'alice',
    displayName: 'Alice Chen',
    departmentId: 0,
    role: 1,
    status: 1,
    title: '',
    avatarUrl: '',
    signature: '',
    version: 1,
  },
};

describe('saved session', () => {
  it('round-trips and clears', () => {
    const storage = memoryStorage();
    expect(readSavedSession(storage)).toBeNull();
    writeSavedSession(storage, session);
    expect(readSavedSession(storage)).toEqual(session);
    writeSavedSession(storage, null);
    expect(readSavedSession(storage)).toBeNull();
  });

  it('ignores corrupt or incomplete values', () => {
    const storage = memoryStorage();
    storage.setItem('parley.session', '{oops');
    expect(readSavedSession(storage)).toBeNull();
    storage.setItem('parley.session', JSON.stringify({ accessToken: 'a' }));
    expect(readSavedSession(storage)).toBeNull();
  });
});
