/**
 * A small fastify toolkit shared by the HTTP servers (login-server, file-server): protobuf /
 * proto3-JSON bodies, typed error responses, CORS, health and bearer authentication.
 */
export * from './content.js';
export * from './create-http-app.js';
export * from './errors.js';
export * from './health.js';
export * from './require-auth.js';
