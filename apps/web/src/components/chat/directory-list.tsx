'use client';

import { useEffect, useMemo, useState } from 'react';

import { UserStatus, type ChatState, type ParleyClient, type UserInfo } from '@parley/sdk';

import { searchPeople } from '../../lib/directory-search';
import { departmentPath, departmentTree } from '../../lib/directory-tree';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { DepartmentTree, PersonButton } from '../directory/department-tree';

interface DirectoryListProps {
  client: ParleyClient;
  state: ChatState;
  meId: number;
  onOpen(userId: number): void;
}

/** Wait this long after the last keystroke before asking the server. */
const SEARCH_DELAY_MS = 200;

/**
 * The company directory: a department tree, or with a query, the matching people (names and
 * logins at once from what the client holds, pinyin from the server). Picking a person opens
 * the direct chat with them.
 */
export function DirectoryList({ client, state, meId, onOpen }: DirectoryListProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [found, setFound] = useState<{ query: string; ids: number[] } | null>(null);
  const [failed, setFailed] = useState(false);
  const needle = filter.trim();

  useEffect(() => {
    if (needle === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchPeople(client, needle)
        .then((ids) => {
          if (!cancelled) {
            setFound({ query: needle, ids });
            setFailed(false);
          }
        })
        .catch(() => {
          if (!cancelled) setFailed(true);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, needle]);

  const roots = useMemo(
    () => departmentTree(state.departments, state.users, meId, t('directory.noDepartment')),
    [state.departments, state.users, meId, t],
  );
  const matches = needle === '' ? [] : localAndServerMatches(state, meId, needle, found);

  return (
    <section className="directory" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('sidebar.people')}</h2>
      <input
        type="search"
        className="directory-filter"
        placeholder={t('directory.search')}
        aria-label={t('sidebar.findSomeone')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setFilter('');
        }}
        data-testid="directory-search"
      />
      {needle === '' ? (
        <DepartmentTree roots={roots} state={state} onOpen={onOpen} />
      ) : matches.length === 0 ? (
        <p className="muted" role="status">
          {failed ? t('directory.searchFailed') : t('directory.noMatches')}
        </p>
      ) : (
        <ul className="directory-results" data-testid="directory-results">
          {matches.map((u) => (
            <li key={u.id}>
              <PersonButton
                user={u}
                state={state}
                onOpen={onOpen}
                detail={departmentPath(state.departments, u.departmentId)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The server's matches first (pinyin, best first), then local name and login matches. */
function localAndServerMatches(
  state: ChatState,
  meId: number,
  needle: string,
  found: { query: string; ids: number[] } | null,
): UserInfo[] {
  const lower = needle.toLowerCase();
  const usable = (u: UserInfo | undefined): u is UserInfo =>
    u !== undefined && u.id !== meId && u.status !== UserStatus.USER_STATUS_DISABLED;
  const server = found?.query === needle ? found.ids.map((id) => state.users.get(id)) : [];
  const local = [...state.users.values()]
    .filter(
      (u) => u.displayName.toLowerCase().includes(lower) || u.login.toLowerCase().includes(lower),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const seen = new Set<number>();
  const out: UserInfo[] = [];
  for (const u of [...server, ...local]) {
    if (!usable(u) || seen.has(u.id)) continue;
    seen.add(u.id);
    out.push(u);
  }
  return out;
}
