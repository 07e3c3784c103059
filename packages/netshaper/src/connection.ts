/**
 * One proxied connection: client socket <-> upstream socket through two shaped links, with
 * the optional reset after N bytes, the WebSocket filter, and going silent (blackhole).
 */
import type { Socket } from 'node:net';

import { ShapedLink, type LinkShape } from './link.js';

/** Above this many bytes waiting in a link, the sending side is paused. */
const HIGH_WATER = 1024 * 1024;
/** Largest request head inspected for `Upgrade: websocket`. */
const MAX_HEAD = 16 * 1024;

/** What the connection reports to the shaper. */
export interface ConnectionEvents {
  /** Bytes that crossed the shaper (delivered to the other side). */
  onBytes(direction: 'up' | 'down', n: number): void;
  onReset(): void;
  onWebSocketBlocked(): void;
  onClose(): void;
}

export interface ConnectionOptions {
  shape: () => LinkShape;
  blockWebSocket: boolean;
  /** Total bytes (both directions) after which the connection is reset; Infinity: never. */
  resetAfterBytes: number;
  events: ConnectionEvents;
}

/**
 * Two sockets joined through shaped links. Order is kept per direction; half-closes travel
 * behind the data; an error on one side resets the other.
 */
export class ShapedConnection {
  private readonly up: ShapedLink;
  private readonly down: ShapedLink;
  private forwarded = 0;
  private silent = false;
  private done = false;
  /** Client bytes held back until the first request head is known not to be a WebSocket upgrade. */
  private head: Buffer[] | null;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.head = options.blockWebSocket ? [] : null;
    this.up = new ShapedLink(options.shape, (data) => this.deliver('up', upstream, data));
    this.down = new ShapedLink(options.shape, (data) => this.deliver('down', client, data));

    client.on('data', (data: Buffer) => this.fromClient(data));
    upstream.on('data', (data: Buffer) => this.receive(this.down, upstream, data));
    client.on('end', () => this.silent || this.up.end());
    upstream.on('end', () => this.silent || this.down.end());
    client.on('error', () => this.abort(upstream));
    upstream.on('error', () => this.abort(client));
    client.on('close', () => this.closed());
    upstream.on('close', () => this.closed());
  }

  /** Resets both sides at once (TCP RST to the client). */
  reset(): void {
    if (this.done) return;
    this.options.events.onReset();
    this.abort(this.client);
    this.abort(this.upstream);
  }

  /**
   * Goes silent: drops what is queued, then reads and discards everything from both sides,
   * forwarding nothing. The sockets stay open until a peer gives up.
   */
  blackhole(): void {
    if (this.silent) return;
    this.silent = true;
    this.up.close();
    this.down.close();
    this.head = null;
    this.client.resume();
    this.upstream.resume();
  }

  private fromClient(data: Buffer): void {
    if (this.silent) return;
    if (!this.head) {
      this.receive(this.up, this.client, data);
      return;
    }
    this.head.push(data);
    const held = Buffer.concat(this.head);
    const end = held.indexOf('\r\n\r\n');
    if (end < 0 && held.length < MAX_HEAD) return;
    this.head = null;
    const headers = held.subarray(0, end < 0 ? held.length : end).toString('latin1');
    if (/^upgrade:[ \t]*websocket[ \t]*$/im.test(headers)) {
      this.options.events.onWebSocketBlocked();
      this.reset();
      return;
    }
    this.receive(this.up, this.client, held);
  }

  private receive(link: ShapedLink, source: Socket, data: Buffer): void {
    if (this.silent || this.done) return;
    link.push(data);
    if (link.queuedBytes > HIGH_WATER) source.pause();
  }

  private deliver(direction: 'up' | 'down', dest: Socket, data: Buffer | null): void {
    if (this.silent || this.done || dest.destroyed) return;
    if (data === null) {
      dest.end();
      return;
    }
    this.forwarded += data.length;
    if (this.forwarded >= this.options.resetAfterBytes) {
      // The bytes that tipped it over are lost with the connection, as on a real reset.
      this.reset();
      return;
    }
    dest.write(data);
    this.options.events.onBytes(direction, data.length);
    const link = direction === 'up' ? this.up : this.down;
    const source = direction === 'up' ? this.client : this.upstream;
    if (source.isPaused() && link.queuedBytes < HIGH_WATER / 2) source.resume();
  }

  private abort(socket: Socket): void {
    if (socket.destroyed) return;
    if (socket.readyState === 'opening') socket.destroy();
    else socket.resetAndDestroy();
  }

  private closed(): void {
    if (this.client.destroyed && this.upstream.destroyed) {
      if (this.done) return;
      this.done = true;
      this.up.close();
      this.down.close();
      this.options.events.onClose();
      return;
    }
    // One side is gone: the other follows once its queued bytes are through (or at once if silent).
    if (this.silent) {
      this.client.destroy();
      this.upstream.destroy();
      return;
    }
    if (this.client.destroyed) this.up.end();
    if (this.upstream.destroyed) this.down.end();
  }
}
