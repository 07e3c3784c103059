import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { encodeFrame, pb } from './index.js';

const generated = new URL('./generated/', import.meta.url);
const lite = new URL('parley-lite.js', generated).pathname;

/**
 * Runs `body` in a Node process that loads only the browser module (protobufjs keeps one root
 * per name per process, so loading the full module beside it would replace its classes).
 * `body` sees the module's root as `root` and returns something JSON.
 */
function inBrowserModule(body: string, input: unknown = null): unknown {
  const script = `
    const { default: root } = await import(${JSON.stringify(lite)});
    const input = JSON.parse(process.argv[1]);
    const result = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(result));
  `;
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(input)],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as unknown;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the browser module (parley-lite.js)', () => {
  it('is what bundlers load for the browser', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      browser?: Record<string, string>;
    };
    expect(pkg.browser).toEqual({
      './dist/generated/parley.js': './dist/generated/parley-lite.js',
    });
    expect(statSync(lite).size).toBeLessThan(statSync(new URL('parley.js', generated)).size * 0.7);
  });

  it('encodes and decodes frames byte for byte like the full module', () => {
    const frames: pb.Frame.$Properties[] = [
      {
        rid: 9,
        send: {
          conversationId: 123456,
          clientMsgId: new Uint8Array(16).fill(7),
          text: 'hello 你好 👋',
          mentions: [2, 3],
        },
      },
      { rid: 0, presenceSnapshot: { onlineUserIds: [1, 2, 3] } },
      {
        rid: 4,
        syncResult: {
          cursor: 77,
          conversations: [
            {
              conversation: { id: 5, title: 'team' },
              readSeq: 12,
              unread: 3,
              latest: [{ id: 40, seq: 13, text: 'hi' }],
            },
          ],
        },
      },
      { rid: 2, error: { code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED, retryAfterMs: 500 } },
    ];
    const full = frames.map((f) => hex(encodeFrame(f)));
    const result = inBrowserModule(
      `const Frame = root.parley.v1.Frame;
       return input.map((h) => {
         const decoded = Frame.decode(Buffer.from(h, 'hex'));
         return [decoded.body, Buffer.from(Frame.encode(decoded).finish()).toString('hex')];
       });`,
      full,
    ) as Array<[string, string]>;
    expect(result.map(([body]) => body)).toEqual([
      'send',
      'presenceSnapshot',
      'syncResult',
      'error',
    ]);
    expect(result.map(([, bytes]) => bytes)).toEqual(full);
  });

  it('keeps the error converters the SDK uses and fails clearly on the others', () => {
    const result = inBrowserModule(`
      const v1 = root.parley.v1;
      const parsed = v1.ErrorResponse.fromObject({
        error: { code: 'ERROR_CODE_UNAVAILABLE', message: 'later', retryAfterMs: 250 },
      });
      const failures = [];
      for (const call of [() => v1.Frame.fromObject({}), () => v1.SyncResponse.toObject(new v1.SyncResponse())]) {
        try { call(); failures.push('no error'); } catch (err) { failures.push(err.message); }
      }
      return {
        code: parsed.error.code,
        retry: parsed.error.retryAfterMs,
        wireError: v1.Error.fromObject({ code: 3 }).code,
        failures,
        hasToJSON: typeof v1.Frame.prototype.toJSON,
      };
    `);
    expect(result).toEqual({
      code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
      retry: 250,
      wireError: 3,
      failures: [
        'Frame.fromObject is not in the browser build of @parley/proto',
        'SyncResponse.toObject is not in the browser build of @parley/proto',
      ],
      hasToJSON: 'undefined',
    });
  });
});
