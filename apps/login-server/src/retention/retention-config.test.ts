import { describe, expect, it } from 'vitest';

import { loadLoginConfig } from '../config.js';

const base = { DATABASE_URL: 'postgres://db/parley', AUTH_PRIVATE_KEY: 'pem' };

describe('RETENTION_INTERVAL_SECONDS', () => {
  it('defaults to an hour, takes seconds, and 0 turns the job off', () => {
    expect(loadLoginConfig(base).server.retentionIntervalMs).toBe(3_600_000);
    expect(
      loadLoginConfig({ ...base, RETENTION_INTERVAL_SECONDS: '600' }).server.retentionIntervalMs,
    ).toBe(600_000);
    expect(
      loadLoginConfig({ ...base, RETENTION_INTERVAL_SECONDS: '0' }).server.retentionIntervalMs,
    ).toBe(0);
  });

  it('refuses negative, fractional and over-a-week values at start', () => {
    for (const bad of ['-1', '1.5', '604801', 'hourly']) {
      expect(() => loadLoginConfig({ ...base, RETENTION_INTERVAL_SECONDS: bad })).toThrow(
        /RETENTION_INTERVAL_SECONDS/,
      );
    }
  });
});
