/**
 * One direction of a shaped connection: a FIFO that delays every byte by the profile's
 * latency and paces it through a token bucket, never reordering.
 */

/** The shape of a link at a given moment (read again for every chunk: profiles change live). */
export interface LinkShape {
  latencyMs: number;
  /** kbit/s; 0: unlimited. */
  bandwidthKbps: number;
  burstBytes: number;
}

/** Slices paced separately, so a big chunk trickles out rather than arriving in one piece. */
const SLICE_BYTES = 1460;

interface Pending {
  /** null: the end of the stream (the sender half-closed). */
  data: Buffer | null;
  at: number;
}

/**
 * A delay line with a rate limit. `push` queues bytes; `deliver` gets them (in order) when
 * they have crossed the link. Bandwidth is a token bucket (GCRA): the link's virtual clock
 * advances by each slice's transmission time and may lag real time by at most the burst.
 *
 * @example
 * const link = new ShapedLink(() => ({ latencyMs: 300, bandwidthKbps: 256, burstBytes: 1500 }),
 *   (data) => (data ? dest.write(data) : dest.end()));
 * source.on('data', (b) => link.push(b));
 */
export class ShapedLink {
  private readonly queue: Pending[] = [];
  /** Virtual time at which the bucket has sent everything queued so far. */
  private virtualClock = 0;
  /** Arrival time of the last queued slice (arrivals never go backwards). */
  private lastArrival = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Bytes waiting in the link. */
  queuedBytes = 0;

  constructor(
    private readonly shape: () => LinkShape,
    private readonly deliver: (data: Buffer | null) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Queues bytes to cross the link. */
  push(data: Buffer): void {
    if (this.closed || data.length === 0) return;
    const { latencyMs, bandwidthKbps, burstBytes } = this.shape();
    const now = this.now();
    if (bandwidthKbps <= 0) {
      this.enqueue(data, now + latencyMs);
      return;
    }
    const bytesPerMs = (bandwidthKbps * 1000) / 8 / 1000;
    for (let offset = 0; offset < data.length; offset += SLICE_BYTES) {
      const slice = data.subarray(offset, offset + SLICE_BYTES);
      // Tokens saved up while idle are capped at the burst.
      this.virtualClock = Math.max(this.virtualClock, now - burstBytes / bytesPerMs);
      this.virtualClock += slice.length / bytesPerMs;
      this.enqueue(slice, Math.max(this.virtualClock, now) + latencyMs);
    }
  }

  /** Queues the end of the stream behind the bytes already queued. */
  end(): void {
    if (this.closed) return;
    this.enqueue(null, this.now() + this.shape().latencyMs);
  }

  /** Drops everything queued and stops delivering. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private enqueue(data: Buffer | null, at: number): void {
    const arrival = Math.max(at, this.lastArrival);
    this.lastArrival = arrival;
    this.queue.push({ data, at: arrival });
    this.queuedBytes += data?.length ?? 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const head = this.queue[0];
    if (!head) return;
    const wait = head.at - this.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.ceil(wait));
  }

  private flush(): void {
    const now = this.now();
    while (!this.closed) {
      const head = this.queue[0];
      if (!head || head.at > now + 0.5) break;
      this.queue.shift();
      this.queuedBytes -= head.data?.length ?? 0;
      this.deliver(head.data);
    }
    this.schedule();
  }
}
