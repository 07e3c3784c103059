import { ProtocolError } from './errors.js';
import { parley } from './generated/parley.js';

import pb = parley.v1;

/** Options that make protobufjs's toObject follow the proto3 JSON mapping. */
const JSON_OPTIONS = {
  longs: String,
  enums: String,
  bytes: String,
  defaults: false,
  arrays: false,
  oneofs: false,
  json: true,
} as const;

/** The static side of a generated message class. */
export interface MessageType<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(reader: Uint8Array): T;
  fromObject(object: Record<string, unknown>): T;
  toObject(message: T, options?: object): Record<string, unknown>;
  verify?(message: Record<string, unknown>): string | null;
  readonly name?: string;
}

/** Encodes a message in the proto3 JSON mapping (lowerCamelCase names, 64-bit ints as strings). */
export function toJson<T>(type: MessageType<T>, message: T): Record<string, unknown> {
  return type.toObject(message, JSON_OPTIONS);
}

/**
 * Decodes a proto3 JSON object. Unknown field names are rejected (as the proto3 JSON mapping
 * does by default), so a typo in a client is an error rather than a silently ignored field.
 */
export function fromJson<T>(type: MessageType<T>, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'body must be a JSON object');
  }
  const object = camelKeys(value as Record<string, unknown>);
  // Generated classes declare every field (oneof members included) on the prototype.
  const prototype = (type as unknown as { prototype: Record<string, unknown> }).prototype;
  for (const [key, v] of Object.entries(object)) {
    if (!Object.prototype.hasOwnProperty.call(prototype, key)) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, `unknown field "${key}"`, {
        field: key,
      });
    }
    checkShape(key, prototype[key], v);
  }
  try {
    return type.fromObject(object);
  } catch (err) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `invalid body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Decodes binary protobuf, turning decoder failures into a typed BAD_REQUEST. */
export function fromBinary<T>(type: MessageType<T>, bytes: Uint8Array): T {
  try {
    return type.decode(bytes);
  } catch (err) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `malformed protobuf body: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** proto3 JSON accepts the original snake_case field names as well as lowerCamelCase. */
function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = camelValue(v);
  }
  return out;
}

function camelValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelValue);
  if (typeof v === 'object' && v !== null) return camelKeys(v as Record<string, unknown>);
  return v;
}

/**
 * protobufjs's fromObject coerces anything (an object into "[object Object]"), so check the
 * JSON value's shape against the field's default: scalars must be scalars, repeated fields
 * arrays, message fields objects. Nested messages get the same check from fromObject's
 * recursion only partly; top-level fields are what HTTP bodies carry.
 */
function checkShape(key: string, fieldDefault: unknown, value: unknown): void {
  if (value === null || value === undefined) return;
  const bad = (expected: string) =>
    new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, `field "${key}" must be ${expected}`, {
      field: key,
    });
  if (Array.isArray(fieldDefault)) {
    if (!Array.isArray(value)) throw bad('an array');
  } else if (fieldDefault instanceof Uint8Array) {
    if (typeof value !== 'string') throw bad('a base64 string');
  } else if (fieldDefault === null) {
    if (typeof value !== 'object' || Array.isArray(value)) throw bad('an object');
  } else if (typeof fieldDefault === 'string') {
    if (typeof value !== 'string') throw bad('a string');
  } else if (typeof fieldDefault === 'boolean') {
    if (typeof value !== 'boolean') throw bad('a boolean');
  } else if (typeof fieldDefault === 'number') {
    // Numbers, 64-bit integers as decimal strings, or enum value names.
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw bad('a finite number');
    } else if (typeof value !== 'string') {
      throw bad('a number or a string');
    }
  }
}
