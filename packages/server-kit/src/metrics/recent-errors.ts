/** One failed request as a server recorded it. */
export interface RecentError {
  /** Unix ms. */
  time: number;
  /** pb.ErrorCode name, e.g. 'ERROR_CODE_RATE_LIMITED'. */
  code: string;
  message: string;
  /** What failed, e.g. the frame kind 'send' (empty when unknown). */
  request: string;
}

/** A bounded list of the latest errors: see createRecentErrors. */
export interface RecentErrors {
  /** Records an error; the oldest is forgotten once `capacity` are held. */
  push(error: RecentError): void;
  /** Newest first. */
  list(): RecentError[];
}

const MAX_MESSAGE = 200;

/**
 * A ring buffer of the last `capacity` errors (default 20), for the dashboard's "recent
 * errors". Messages are cut to 200 characters so a node's snapshot stays small.
 *
 * @example
 * const recent = createRecentErrors();
 * recent.push({ time: Date.now(), code: 'ERROR_CODE_FORBIDDEN', message: 'not a member', request: 'send' });
 * recent.list()[0]?.code; // 'ERROR_CODE_FORBIDDEN'
 */
export function createRecentErrors(capacity = 20): RecentErrors {
  const ring: (RecentError | undefined)[] = new Array<RecentError | undefined>(capacity);
  let next = 0;
  return {
    push(error) {
      ring[next] = {
        time: error.time,
        code: error.code,
        message:
          error.message.length > MAX_MESSAGE ? error.message.slice(0, MAX_MESSAGE) : error.message,
        request: error.request,
      };
      next = (next + 1) % capacity;
    },
    list() {
      const out: RecentError[] = [];
      for (let i = 1; i <= capacity; i++) {
        const e = ring[(next - i + capacity) % capacity];
        if (e) out.push({ ...e });
      }
      return out;
    },
  };
}
