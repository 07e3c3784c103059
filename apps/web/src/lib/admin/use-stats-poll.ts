'use client';

import { useEffect, useState } from 'react';

import type { SystemStats } from '@parley/sdk/admin';

import { pushSample } from './chart-scale';
import { HISTORY_LIMIT, toSample, type StatsSample } from './dashboard-series';
import { errorText } from './use-admin-query';

/** The dashboard's live state. */
export interface StatsPoll {
  latest: SystemStats | undefined;
  history: StatsSample[];
  error: string | null;
  /** Browser time of the last successful poll (0 before the first). */
  updatedAt: number;
}

/**
 * Polls `load` every `intervalMs` while mounted (one request at a time; an unmount aborts the
 * one in flight) and keeps the last HISTORY_LIMIT samples.
 *
 * @example
 * const poll = useStatsPoll((signal) => stats(signal), 3000);
 */
export function useStatsPoll(
  load: (signal: AbortSignal) => Promise<SystemStats>,
  intervalMs: number,
): StatsPoll {
  const [state, setState] = useState<StatsPoll>({
    latest: undefined,
    history: [],
    error: null,
    updatedAt: 0,
  });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const stats = await load(controller.signal);
        const now = Date.now();
        setState((prev) => ({
          latest: stats,
          history: pushSample(prev.history, toSample(stats, now), HISTORY_LIMIT),
          error: null,
          updatedAt: now,
        }));
      } catch (err) {
        if (controller.signal.aborted) return;
        setState((prev) => ({ ...prev, error: errorText(err) }));
      }
      if (!controller.signal.aborted) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [load, intervalMs]);

  return state;
}
