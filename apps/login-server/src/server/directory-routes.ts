import { pb } from '@parley/proto';
import { sendMessage, type HttpApp } from '@parley/server-kit';

import { getDirectory, parseDirectoryQuery } from '../directory/get-directory.js';
import { parseSearchQuery, searchDirectory } from '../directory/search-directory.js';
import { getDiscovery } from '../discovery/get-discovery.js';

import type { RouteDeps } from './routes.js';

type Query = { Querystring: Record<string, unknown> };

/** /v1/directory*, /v1/discovery: who is in the company, and where to connect. */
export function registerDirectoryRoutes(app: HttpApp, { ctx, authed }: RouteDeps): void {
  app.get<Query>('/v1/directory', { preHandler: authed }, async (request, reply) => {
    const query = parseDirectoryQuery(request.query);
    return sendMessage(request, reply, pb.DirectoryResponse, await getDirectory(ctx, query));
  });

  app.get<Query>('/v1/directory/search', { preHandler: authed }, async (request, reply) => {
    const query = parseSearchQuery(request.query);
    return sendMessage(
      request,
      reply,
      pb.DirectorySearchResponse,
      await searchDirectory(ctx, query),
    );
  });

  // Public: it only says where to connect, and clients need it before they can do anything.
  app.get('/v1/discovery', async (request, reply) =>
    sendMessage(request, reply, pb.DiscoveryResponse, await getDiscovery(ctx)),
  );
}
