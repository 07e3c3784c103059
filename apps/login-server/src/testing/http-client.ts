import { fromJson, pb, toJson, type MessageType } from '@parley/proto';

export const PROTOBUF = 'application/x-protobuf';

/** Options of one test request. */
export interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  /** A JSON value (sent as application/json) or raw bytes (sent as protobuf). */
  json?: unknown;
  binary?: Uint8Array;
  token?: string;
  ip?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/** fetch with the headers Parley clients send. */
export function call(base: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
  } else if (options.binary) {
    headers['content-type'] = PROTOBUF;
    body = options.binary;
  }
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (options.accept) headers['accept'] = options.accept;
  return fetch(`${base}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

/** Decodes a successful response (binary or proto3 JSON, strictly) as `type`. */
export async function readMessage<T>(
  res: Response,
  type: MessageType<NoInfer<T>> & { decode(reader: Uint8Array): T },
): Promise<T> {
  if (res.headers.get('content-type') === PROTOBUF) {
    return type.decode(new Uint8Array(await res.arrayBuffer()));
  }
  return fromJson(type, await res.json());
}

/** The error of a failed response, in proto3 JSON form (code names, e.g. ERROR_CODE_BAD_REQUEST). */
export async function readError(
  res: Response,
): Promise<{ code?: string; message?: string; retryAfterMs?: number; field?: string }> {
  const body = await readMessage(res, pb.ErrorResponse);
  return (toJson(pb.ErrorResponse, body)['error'] ?? {}) as {
    code?: string;
    message?: string;
    retryAfterMs?: number;
    field?: string;
  };
}

/** Strings that must never appear in any response: secrets and internals. */
export const LEAK_PATTERNS: RegExp[] = [
  /\$argon2/i,
  /password_?hash/i,
  /"(old|new)?_?password"/i,
  /\bat .+\.(ts|js):\d+/, // stack frames
  /node_modules/,
  /prisma/i,
];

/** Reads a response's text and fails the test when it contains anything in LEAK_PATTERNS. */
export async function textWithoutLeaks(res: Response): Promise<string> {
  const text = Buffer.from(await res.arrayBuffer()).toString('latin1');
  for (const pattern of LEAK_PATTERNS) {
    if (pattern.test(text)) throw new Error(`response leaks ${pattern}: ${text.slice(0, 300)}`);
  }
  return text;
}
