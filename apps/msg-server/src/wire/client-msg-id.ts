import { ProtocolError, pb } from '@parley/proto';

/**
 * client_msg_id travels as 16 raw bytes (a ULID or UUID) and is stored as a Postgres uuid;
 * these convert between the two without changing a bit.
 */
export function clientMsgIdFromBytes(bytes: Uint8Array | null | undefined): string {
  if (!bytes || bytes.byteLength !== 16) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'client_msg_id must be 16 bytes', {
      field: 'client_msg_id',
    });
  }
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function clientMsgIdToBytes(uuid: string): Uint8Array {
  return new Uint8Array(Buffer.from(uuid.replace(/-/g, ''), 'hex'));
}
