'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** A loaded value, the last failure, and a way to load again. */
export interface AdminQuery<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * The message to show for a failed admin call.
 *
 * @example
 * errorText(new ProtocolError(ErrorCode.ERROR_CODE_CONFLICT, 'login taken')); // 'login taken'
 */
export function errorText(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return String(err);
}

/**
 * Loads with `load` whenever `key` changes (and on reload()); a late answer for an older key is
 * dropped, so typing in a search box never shows a stale page.
 *
 * @example
 * const users = useAdminQuery(`${q}|${offset}`, () => api.listUsers({ q, offset }));
 */
export function useAdminQuery<T>(key: string, load: () => Promise<T>): AdminQuery<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (current) setError(errorText(err));
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}

/**
 * Runs an action (a button's click), tracking whether it is running and its failure.
 *
 * @example
 * const save = useAdminAction();
 * <button disabled={save.busy} onClick={() => save.run(() => api.updateUser(id, patch))} />
 */
export function useAdminAction(): {
  busy: boolean;
  error: string | null;
  run<T>(action: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(errorText(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
