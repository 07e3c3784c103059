import { describe, expect, it } from 'vitest';

import { ConfigError, parseCorsOrigins, port, readEnv, z } from './env.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('readEnv', () => {
  const schema = z.object({ PORT: port().default(3001), NAME: z.string().min(1) });

  it('coerces and defaults', () => {
    expect(readEnv(schema, { NAME: 'x' })).toEqual({ PORT: 3001, NAME: 'x' });
    expect(readEnv(schema, { NAME: 'x', PORT: '0' }).PORT).toBe(0);
  });

  it('lists every problem at once', () => {
    expect(() => readEnv(schema, { PORT: '99999' })).toThrowError(ConfigError);
    try {
      readEnv(schema, { PORT: 'abc' });
    } catch (err) {
      expect(String(err)).toMatch(/PORT/);
      expect(String(err)).toMatch(/NAME/);
    }
  });
});

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});

describe('parseCorsOrigins', () => {
  it('reads * as any origin and a list as a list', () => {
    expect(parseCorsOrigins(' * ')).toBe(true);
    expect(parseCorsOrigins('https://a.example, https://b.example,')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
