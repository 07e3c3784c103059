import { afterEach, describe, expect, it, vi } from 'vitest';

import { decodeFrame, encodeFrame, pb, ProtocolError } from '@parley/proto';

import { RequestMatcher } from './request-matcher.js';

const answer = (frame: pb.Frame.$Properties) => decodeFrame(encodeFrame(frame));

describe('RequestMatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('gives each request in flight its own non-zero rid', () => {
    const m = new RequestMatcher();
    const rids = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const rid = m.nextRid();
      expect(rid).toBeGreaterThan(0);
      rids.add(rid);
      m.track(rid, 'x', 1000).catch(() => undefined);
    }
    expect(rids.size).toBe(100);
    m.rejectAll();
  });

  it('resolves the waiter whose rid matches, in any order', async () => {
    const m = new RequestMatcher();
    const a = m.nextRid();
    const b = m.nextRid();
    const pa = m.track(a, 'ping', 1000);
    const pb2 = m.track(b, 'sync', 1000);
    expect(m.settle(answer({ rid: b, syncResult: { cursor: 9 } }))).toBe(true);
    expect(m.settle(answer({ rid: a, pong: { serverTime: 5 } }))).toBe(true);
    expect((await pa).pong?.serverTime).toBe(5);
    expect((await pb2).syncResult?.cursor).toBe(9);
    expect(m.size).toBe(0);
  });

  it('turns an error answer into a typed ProtocolError', async () => {
    const m = new RequestMatcher();
    const rid = m.nextRid();
    const p = m.track(rid, 'send', 1000);
    m.settle(
      answer({
        rid,
        error: { code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED, message: 'slow', retryAfterMs: 300 },
      }),
    );
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED,
      details: { retryAfterMs: 300 },
    });
  });

  it('times out with UNAVAILABLE and ignores the late answer', async () => {
    vi.useFakeTimers();
    const m = new RequestMatcher();
    const rid = m.nextRid();
    const p = m.track(rid, 'history', 5000);
    vi.advanceTimersByTime(5000);
    await expect(p).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE });
    expect(m.settle(answer({ rid, historyResult: {} }))).toBe(false);
  });

  it('fails everything in flight when the connection closes', async () => {
    const m = new RequestMatcher();
    const ps = [m.track(m.nextRid(), 'a', 1000), m.track(m.nextRid(), 'b', 1000)];
    m.rejectAll();
    for (const p of ps)
      await expect(p).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE });
    expect(m.size).toBe(0);
  });

  it('wraps rids around below 2^32 and skips ones still in flight', () => {
    const m = new RequestMatcher();
    // Move the counter to the end of the range.
    (m as unknown as { last: number }).last = 0xffff_fffe;
    const last = m.nextRid();
    expect(last).toBe(0xffff_ffff);
    m.track(1, 'still waiting', 1000).catch(() => undefined);
    expect(m.nextRid()).toBe(2);
    m.rejectAll();
  });
});
