import { afterEach, describe, expect, it, vi } from 'vitest';

import { createPresenceTracker } from './presence-tracker.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createPresenceTracker', () => {
  it('reports online once per user and offline after the grace period of the last connection', () => {
    vi.useFakeTimers();
    const changes: [number, boolean][] = [];
    const tracker = createPresenceTracker({
      graceMs: 1000,
      onChange: (u, online) => changes.push([u, online]),
    });
    expect(tracker.connected(1)).toBe(true);
    expect(tracker.connected(1)).toBe(false);
    tracker.disconnected(1);
    tracker.disconnected(1);
    expect(tracker.isOnline(1)).toBe(true);
    vi.advanceTimersByTime(999);
    expect(changes).toEqual([[1, true]]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([
      [1, true],
      [1, false],
    ]);
    expect(tracker.isOnline(1)).toBe(false);
  });

  it('does not flicker when a user reconnects within the grace period', () => {
    vi.useFakeTimers();
    const changes: [number, boolean][] = [];
    const tracker = createPresenceTracker({
      graceMs: 1000,
      onChange: (u, online) => changes.push([u, online]),
    });
    tracker.connected(7);
    tracker.disconnected(7);
    vi.advanceTimersByTime(500);
    expect(tracker.connected(7)).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(changes).toEqual([[7, true]]);
    expect(tracker.onlineCount()).toBe(1);
    tracker.close();
  });
});
