// Container health check: GET /health on this server's port (every Parley server has it).
// PARLEY_APP names the server; its usual port variable (or HEALTH_PORT) says where it listens.
/* global fetch, AbortSignal -- Node 22 globals */
const ports = {
  'login-server': process.env.LOGIN_PORT ?? '3001',
  'msg-server': process.env.MSG_PORT ?? '3002',
  'file-server': process.env.FILE_PORT ?? '3003',
};
const port = process.env.HEALTH_PORT ?? ports[process.env.PARLEY_APP ?? ''];
if (!port) {
  console.error(`healthcheck: unknown PARLEY_APP ${process.env.PARLEY_APP}`);
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, {
    signal: AbortSignal.timeout(4000),
  });
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${error}`);
  process.exit(1);
}
