/**
 * Matches responses to requests by rid. A rid is unique among requests in flight (the
 * protocol's only rule), so it wraps around below 2^32 and skips ids still waiting.
 */
import { ProtocolError, type DecodedFrame } from '@parley/proto';

import { disconnectedError, timeoutError } from '../errors/client-errors.js';

const MAX_RID = 0xffff_ffff;

interface Waiter {
  resolve(frame: DecodedFrame): void;
  reject(err: ProtocolError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Tracks requests in flight on one connection.
 *
 * @example
 * const matcher = new RequestMatcher();
 * const rid = matcher.nextRid();
 * const answer = matcher.track(rid, 'sync', 10_000);
 * socket.emit(FRAME_EVENT, encodeFrame({ rid, sync: { cursor } }));
 * // on every frame with rid != 0: matcher.settle(frame)
 */
export class RequestMatcher {
  private readonly waiting = new Map<number, Waiter>();
  private last = 0;

  /**
   * Requests still waiting for an answer.
   *
   * @example
   * if (matcher.size > 100) slowDown();
   */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * A rid not used by any request in flight (1 .. 2^32-1).
   *
   * @example
   * const rid = matcher.nextRid();
   */
  nextRid(): number {
    do {
      this.last = this.last >= MAX_RID ? 1 : this.last + 1;
    } while (this.waiting.has(this.last));
    return this.last;
  }

  /**
   * Waits for the answer to `rid`. Resolves with the response frame; rejects with the
   * server's ProtocolError when it answered `error`, or UNAVAILABLE after `timeoutMs`.
   *
   * @example
   * const frame = await matcher.track(rid, 'history', 10_000);
   */
  track(rid: number, what: string, timeoutMs: number): Promise<DecodedFrame> {
    return new Promise<DecodedFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(rid);
        reject(timeoutError(what, timeoutMs));
      }, timeoutMs);
      this.waiting.set(rid, { resolve, reject, timer });
    });
  }

  /**
   * Hands a response frame to its waiter. Returns false when nobody waits for its rid (a late
   * answer after a timeout), which callers can ignore.
   *
   * @example
   * socket.on(FRAME_EVENT, (data) => {
   *   const frame = decodeFrame(data);
   *   if (frame.rid !== 0) matcher.settle(frame);
   * });
   */
  settle(frame: DecodedFrame): boolean {
    const waiter = this.waiting.get(frame.rid);
    if (!waiter) return false;
    this.waiting.delete(frame.rid);
    clearTimeout(waiter.timer);
    if (frame.body === 'error' || frame.body === undefined) {
      waiter.reject(ProtocolError.fromWire(frame.error));
    } else {
      waiter.resolve(frame);
    }
    return true;
  }

  /**
   * Stops waiting for `rid` (the frame could not be sent).
   *
   * @example
   * try { socket.emit(FRAME_EVENT, bytes); } catch (err) { matcher.cancel(rid, asProtocolError(err)); }
   */
  cancel(rid: number, err: ProtocolError): void {
    const waiter = this.waiting.get(rid);
    if (!waiter) return;
    this.waiting.delete(rid);
    clearTimeout(waiter.timer);
    waiter.reject(err);
  }

  /**
   * Fails every request in flight: the connection they were sent on is gone.
   *
   * @example
   * socket.on('disconnect', () => matcher.rejectAll());
   */
  rejectAll(err: ProtocolError = disconnectedError('connection closed')): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(err);
    }
  }
}
