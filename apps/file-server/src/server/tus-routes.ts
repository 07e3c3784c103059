import type { Readable } from 'node:stream';

import { ProtocolError, pb } from '@parley/proto';
import { claimsOf, sendMessage } from '@parley/server-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';

import { badRequest, notFound } from '../errors.js';
import { toPbAttachment } from '../files/to-pb-attachment.js';
import { appendChunk } from '../uploads/append-chunk.js';
import { createUpload } from '../uploads/create-upload.js';
import { getUploadAttachment } from '../uploads/get-upload-attachment.js';
import { requireUpload } from '../uploads/require-upload.js';
import { terminateUpload } from '../uploads/terminate-upload.js';
import { isUploadId } from '../uploads/upload-store.js';
import type { FileContext } from './file-context.js';
import {
  contentLength,
  integerHeader,
  OFFSET_OCTET_STREAM,
  parseMetadata,
  requireTusVersion,
  TUS_EXTENSIONS,
  TUS_VERSION,
  uploadHeaders,
} from './tus-headers.js';

/**
 * tus 1.0 at /v1/uploads (core, creation, creation-with-upload, termination, expiration).
 * Every request but OPTIONS carries `Tus-Resumable: 1.0.0` and a Bearer token; the final
 * PATCH (or the POST of an empty file) answers with `Parley-Attachment-Id`, and
 * GET /v1/uploads/:id/attachment returns the pb.Attachment.
 */
export function tusRoutes(ctx: FileContext, auth: preHandlerHookHandler) {
  return async (app: FastifyInstance) => {
    // PATCH bodies stay a stream: the service writes them to disk as they arrive.
    app.addContentTypeParser(OFFSET_OCTET_STREAM, (_request, payload, done) => done(null, payload));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('tus-resumable', TUS_VERSION);
    });
    const tus: preHandlerHookHandler = (request, _reply, done) => {
      try {
        requireTusVersion(request);
        done();
      } catch (err) {
        done(err as Error);
      }
    };
    const guarded = { preHandler: [tus, auth] };

    const describe = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(204)
        .headers({
          'tus-version': TUS_VERSION,
          'tus-extension': TUS_EXTENSIONS,
          'tus-max-size': String(ctx.settings.maxFileBytes),
        })
        .send();
    app.options('/v1/uploads', describe);
    app.options('/v1/uploads/:id', describe);

    app.post('/v1/uploads', guarded, async (request, reply) => {
      if (request.headers['upload-defer-length'] !== undefined) {
        throw badRequest('Upload-Defer-Length is not supported', 'upload_defer_length');
      }
      const metadata = parseMetadata(request.headers['upload-metadata'] as string | undefined);
      const created = await createUpload(ctx, {
        ownerId: claimsOf(request).userId,
        length: integerHeader(request, 'upload-length'),
        filename: metadata.get('filename') ?? metadata.get('name') ?? '',
        metadata: (request.headers['upload-metadata'] as string | undefined) ?? '',
      });
      let upload = created.upload;
      if (isOffsetStream(request) && upload.attachmentId === null) {
        upload = (
          await appendChunk(ctx, {
            uploadId: upload.id,
            userId: upload.ownerId,
            offset: 0,
            contentLength: contentLength(request),
            body: bodyOf(request),
          })
        ).upload;
      }
      return reply
        .code(201)
        .headers({ location: `/v1/uploads/${upload.id}`, ...uploadHeaders(upload) })
        .send();
    });

    app.head<{ Params: { id: string } }>('/v1/uploads/:id', guarded, async (request, reply) => {
      const upload = await requireUpload(ctx, request.params.id, claimsOf(request).userId);
      return reply
        .code(200)
        .headers({
          ...uploadHeaders(upload),
          'upload-length': String(upload.length),
          ...(upload.metadata ? { 'upload-metadata': upload.metadata } : {}),
          'cache-control': 'no-store',
        })
        .send();
    });

    app.patch<{ Params: { id: string } }>('/v1/uploads/:id', guarded, async (request, reply) => {
      if (!isOffsetStream(request)) {
        throw new ProtocolError(
          pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
          `PATCH bodies must be ${OFFSET_OCTET_STREAM}`,
        );
      }
      const { upload } = await appendChunk(ctx, {
        uploadId: request.params.id,
        userId: claimsOf(request).userId,
        offset: integerHeader(request, 'upload-offset'),
        contentLength: contentLength(request),
        body: bodyOf(request),
      });
      return reply.code(204).headers(uploadHeaders(upload)).send();
    });

    app.delete<{ Params: { id: string } }>('/v1/uploads/:id', guarded, async (request, reply) => {
      await terminateUpload(ctx, request.params.id, claimsOf(request).userId);
      return reply.code(204).send();
    });

    app.get<{ Params: { id: string } }>(
      '/v1/uploads/:id/attachment',
      { preHandler: auth },
      async (request, reply) => {
        if (!isUploadId(request.params.id)) throw notFound('no such upload');
        const attachment = await getUploadAttachment(
          ctx,
          request.params.id,
          claimsOf(request).userId,
        );
        return sendMessage(request, reply, pb.Attachment, toPbAttachment(attachment));
      },
    );
  };
}

function isOffsetStream(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === OFFSET_OCTET_STREAM;
}

function bodyOf(request: FastifyRequest): AsyncIterable<Uint8Array> {
  const body = request.body as Readable | undefined;
  return body ?? (async function* () {})();
}
