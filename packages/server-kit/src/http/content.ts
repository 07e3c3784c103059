import { ProtocolError, fromBinary, fromJson, pb, toJson, type MessageType } from '@parley/proto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The media type of binary protobuf bodies. */
export const PROTOBUF_TYPE = 'application/x-protobuf';
const JSON_TYPE = 'application/json; charset=utf-8';
const EMPTY = new Uint8Array(0);

/** True when a Content-Type header names binary protobuf. */
export function isProtobufType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === PROTOBUF_TYPE;
}

/**
 * Whether to answer in binary: when the Accept header asks for protobuf, or, without a
 * specific Accept, when the request itself was protobuf. Everyone else gets proto3 JSON.
 */
export function wantsProtobuf(request: FastifyRequest): boolean {
  const accept = (request.headers.accept ?? '').toLowerCase();
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (type === PROTOBUF_TYPE) return !params.some((p) => /^q=0(\.0*)?$/.test(p));
  }
  const specific = accept.split(',').some((p) => {
    const type = p.split(';')[0]?.trim() ?? '';
    return type !== '' && type !== '*/*';
  });
  return !specific && isProtobufType(request.headers['content-type']);
}

/**
 * Decodes the request body as `type`: binary for application/x-protobuf, proto3 JSON
 * otherwise. An empty body is the empty message. Failures are typed BAD_REQUEST errors.
 *
 * @example
 * const req = readBody(request, pb.SignInRequest);
 */
export function readBody<T>(
  request: FastifyRequest,
  // Infer T from decode (the class), not from encode/fromObject (which take plain properties).
  type: MessageType<NoInfer<T>> & { decode(reader: Uint8Array): T },
): T {
  const body = request.body;
  const bytes = body instanceof Uint8Array ? body : EMPTY;
  if (isProtobufType(request.headers['content-type'])) return fromBinary(type, bytes);
  if (bytes.byteLength === 0) return fromJson(type, {});
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'), rejectPrototypeKeys);
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'malformed JSON body');
  }
  return fromJson(type, value);
}

/**
 * Sends `message` in the format the client asked for (see wantsProtobuf).
 *
 * @example
 * return sendMessage(request, reply, pb.MeResponse, pb.MeResponse.create({ user }));
 */
export function sendMessage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  type: MessageType<T>,
  message: T,
  status = 200,
): FastifyReply {
  reply.status(status).header('vary', 'Accept');
  if (wantsProtobuf(request)) {
    return reply.type(PROTOBUF_TYPE).send(Buffer.from(type.encode(message).finish()));
  }
  return reply.type(JSON_TYPE).send(JSON.stringify(toJson(type, message)));
}

/** `{"__proto__": ...}` would otherwise reach object spreads as a prototype, not a field. */
function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, `unknown field "${key}"`, {
      field: key,
    });
  }
  return value;
}
