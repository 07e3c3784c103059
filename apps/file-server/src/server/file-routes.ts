import { pb } from '@parley/proto';
import { claimsOf, readBody, sendMessage, type TokenVerifier } from '@parley/server-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';

import { createFileLink } from '../downloads/create-file-link.js';
import type { FileVariant } from '../downloads/link-signature.js';
import { openDownload } from '../downloads/open-download.js';
import { checkFile } from '../files/check-file.js';
import { getUsage } from '../files/get-usage.js';
import type { FileContext } from './file-context.js';
import { accessOf, pathIdOf, type SignedLinkQuery } from './request-access.js';

type IdParams = { Params: { id: string } };
type DownloadQuery = IdParams & SignedLinkQuery;

/**
 * The file-server's own endpoints besides tus: the dedupe pre-check, usage, short-lived links
 * and the downloads they open (GET or HEAD, with Range).
 */
export function fileRoutes(
  ctx: FileContext,
  auth: preHandlerHookHandler,
  verifier: TokenVerifier,
  publicUrl: string | undefined,
) {
  return async (app: FastifyInstance) => {
    app.post('/v1/files/check', { preHandler: auth }, async (request, reply) =>
      sendMessage(
        request,
        reply,
        pb.CheckFileResponse,
        await checkFile(ctx, claimsOf(request).userId, readBody(request, pb.CheckFileRequest)),
      ),
    );

    app.get('/v1/files/usage', { preHandler: auth }, async (request, reply) =>
      sendMessage(request, reply, pb.FileUsage, await getUsage(ctx, claimsOf(request).userId)),
    );

    app.post<IdParams>('/v1/files/:id/link', { preHandler: auth }, async (request, reply) => {
      const baseUrl = publicUrl ?? `${request.protocol}://${request.host}`;
      const link = await createFileLink(
        ctx,
        claimsOf(request).userId,
        pathIdOf(request.params.id, 'attachment'),
        baseUrl,
      );
      return sendMessage(request, reply, pb.FileLink, link);
    });

    const download = (variant: FileVariant) => {
      return async (request: FastifyRequest<DownloadQuery>, reply: FastifyReply) => {
        const result = await openDownload(ctx, {
          attachmentId: pathIdOf(request.params.id, 'attachment'),
          variant,
          access: await accessOf(request, verifier),
          range: request.headers.range,
          ifRange: headerString(request.headers['if-range']),
          headOnly: request.method === 'HEAD',
        });
        if (result.kind === 'redirect') return reply.redirect(result.url, 302);
        reply.code(result.status).headers(result.headers);
        return reply.send(result.body ?? undefined);
      };
    };
    // HEAD declared explicitly: fastify's generated HEAD route would report Content-Length 0.
    for (const [path, variant] of [
      ['/v1/files/:id', 'original'],
      ['/v1/files/:id/thumbnail', 'thumbnail'],
    ] as const) {
      app.get<DownloadQuery>(path, { exposeHeadRoute: false }, download(variant));
      app.head<DownloadQuery>(path, download(variant));
    }
  };
}

function headerString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
