import { describe, expect, it } from 'vitest';

import { FakeEmitter } from '../testing/fakes.js';
import { forwardResume } from './forward-resume.js';

describe('forwardResume', () => {
  it('reports each wake-up once, whether it comes as resume, unlock or both', () => {
    const power = new FakeEmitter();
    let now = 1_000;
    let resumes = 0;
    forwardResume(power, { onResume: () => (resumes += 1), debounceMs: 3_000, now: () => now });
    power.emit('resume');
    now += 500;
    power.emit('unlock-screen');
    expect(resumes).toBe(1);
    now += 60_000;
    power.emit('unlock-screen');
    expect(resumes).toBe(2);
    now += 10_000;
    power.emit('resume');
    expect(resumes).toBe(3);
  });
});
