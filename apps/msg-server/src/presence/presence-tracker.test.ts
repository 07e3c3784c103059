import { afterEach, describe, expect, it, vi } from 'vitest';

import { createPresenceTracker } from './presence-tracker.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createPresenceTracker', () => {
  it('reports online once per user and offline after the grace period of the last connection', async () => {
    vi.useFakeTimers();
    const changes: [number, boolean][] = [];
    const tracker = createPresenceTracker({
      graceMs: 1000,
      onChange: (u, online) => changes.push([u, online]),
    });
    tracker.connected(1);
    tracker.connected(1);
    expect(changes).toEqual([[1, true]]);
    tracker.disconnected(1);
    tracker.disconnected(1);
    expect(await tracker.onlineAmong([1, 2])).toEqual([1]);
    vi.advanceTimersByTime(999);
    expect(changes).toEqual([[1, true]]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([
      [1, true],
      [1, false],
    ]);
    expect(await tracker.onlineAmong([1])).toEqual([]);
  });

  it('does not flicker when a user reconnects within the grace period', async () => {
    vi.useFakeTimers();
    const changes: [number, boolean][] = [];
    const tracker = createPresenceTracker({
      graceMs: 1000,
      onChange: (u, online) => changes.push([u, online]),
    });
    tracker.connected(7);
    tracker.disconnected(7);
    vi.advanceTimersByTime(500);
    tracker.connected(7);
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([[7, true]]);
    expect(tracker.onlineCount()).toBe(1);
    await tracker.close();
    tracker.connected(8);
    expect(changes).toEqual([[7, true]]);
  });
});
