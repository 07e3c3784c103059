import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger, createRootLogger } from './logger.js';

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('loggers', () => {
  it('writes the component once per line and redacts secrets', () => {
    const out = capture();
    createLogger('msg-server', { destination: out.stream }).info({ token: 'secret' }, 'hello');
    const [line] = out.lines();
    expect(line?.match(/"component"/g)).toHaveLength(1);
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      component: 'msg-server',
      msg: 'hello',
      token: '[Redacted]',
    });
  });

  it("gives each component of a shared process its own component key, once (a root logger's children)", () => {
    const out = capture();
    const root = createRootLogger({ destination: out.stream });
    root.child({ component: 'msg-server' }).warn('a');
    root.child({ component: 'file-server' }).info('b');
    root.child({ component: 'embedded' }).debug('filtered by the default level');
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.match(/"component"/g)).toHaveLength(1);
    expect(lines.map((l) => (JSON.parse(l) as { component: string }).component)).toEqual([
      'msg-server',
      'file-server',
    ]);
  });
});
