import { pb } from '@parley/proto';
import type { FastifyInstance } from 'fastify';

import { sendMessage } from './content.js';

/** GET /health: pb.HealthResponse { service, status: 'ok', version } for probes and tests. */
export function registerHealth(app: FastifyInstance, info: { service: string; version: string }) {
  app.get('/health', async (request, reply) =>
    sendMessage(
      request,
      reply,
      pb.HealthResponse,
      pb.HealthResponse.create({ service: info.service, status: 'ok', version: info.version }),
    ),
  );
}
