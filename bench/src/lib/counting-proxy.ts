import { createServer, connect, type Server, type Socket } from 'node:net';

/** One WebSocket frame as it crossed the proxy. */
export interface WireFrame {
  /** Which proxied TCP connection (0, 1, … in accept order). */
  connection: number;
  direction: 'client->server' | 'server->client';
  /** RFC 6455 opcode: 1 text, 2 binary, 8 close, 9 ping, 10 pong, 0 continuation. */
  opcode: number;
  /** Whole frame on the wire: header (2-14 bytes) + payload. */
  bytes: number;
  /** Payload alone. */
  payloadBytes: number;
  /** RSV1 set: permessage-deflate compressed. */
  compressed: boolean;
  /** Text payloads as text, binary ones as hex (first 64 bytes). */
  preview: string;
}

/**
 * A TCP proxy that counts every WebSocket frame in both directions (after the HTTP upgrade),
 * byte for byte as it is on the wire (TCP/IP headers excluded).
 */
export interface CountingProxy {
  port: number;
  frames: WireFrame[];
  close(): Promise<void>;
}

/** Listens on a free port and forwards every connection to 127.0.0.1:`targetPort`. */
export async function startCountingProxy(targetPort: number): Promise<CountingProxy> {
  const frames: WireFrame[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((inbound) => {
    const id = connections++;
    const outbound = connect(targetPort, '127.0.0.1');
    sockets.add(inbound).add(outbound);
    const up = frameParser(id, 'client->server', frames);
    const down = frameParser(id, 'server->client', frames);
    inbound.on('data', (chunk: Buffer) => {
      up(chunk);
      outbound.write(chunk);
    });
    outbound.on('data', (chunk: Buffer) => {
      down(chunk);
      inbound.write(chunk);
    });
    const end = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('close', end).on('error', end);
    outbound.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
  return {
    port: address.port,
    frames,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Skips the HTTP upgrade, then splits the byte stream into WebSocket frames. */
function frameParser(
  connection: number,
  direction: WireFrame['direction'],
  out: WireFrame[],
): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      upgraded = true;
      buffer = buffer.subarray(end + 4);
    }
    for (;;) {
      if (buffer.length < 2) return;
      const b0 = buffer[0] ?? 0;
      const b1 = buffer[1] ?? 0;
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        header = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        header = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      const maskAt = header;
      if (masked) header += 4;
      if (buffer.length < header + length) return;
      let payload = Buffer.from(buffer.subarray(header, header + length));
      if (masked) {
        const mask = buffer.subarray(maskAt, maskAt + 4);
        for (let i = 0; i < payload.length; i++)
          payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
      }
      const opcode = b0 & 0x0f;
      out.push({
        connection,
        direction,
        opcode,
        bytes: header + length,
        payloadBytes: length,
        compressed: (b0 & 0x40) !== 0,
        preview:
          opcode === 1
            ? payload.toString('utf8').slice(0, 120)
            : payload.subarray(0, 64).toString('hex'),
      });
      buffer = buffer.subarray(header + length);
      payload = Buffer.alloc(0);
    }
  };
}
