import { describe, expect, it } from 'vitest';

import { nextSetupStep } from './setup-flow.js';

describe('nextSetupStep', () => {
  it('shows why an address was refused', () => {
    expect(
      nextSetupStep({ ok: false, reason: 'not-parley', message: 'not a Parley server' }, false),
    ).toEqual({ kind: 'show-error', message: 'not a Parley server' });
  });

  it('asks before using a plain-http server, then uses it', () => {
    const result = {
      ok: true as const,
      origin: 'http://10.0.0.5',
      loginUrl: 'http://10.0.0.5',
      insecure: true,
    };
    expect(nextSetupStep(result, false)).toMatchObject({ kind: 'confirm-insecure' });
    expect(nextSetupStep(result, true)).toEqual({ kind: 'use' });
  });

  it('uses an https server at once', () => {
    const result = {
      ok: true as const,
      origin: 'https://c.example',
      loginUrl: 'https://c.example',
      insecure: false,
    };
    expect(nextSetupStep(result, false)).toEqual({ kind: 'use' });
  });
});
