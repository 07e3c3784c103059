import { describe, expect, it } from 'vitest';

import { dayKey, dayLabel } from './day-label';

describe('day labels', () => {
  const now = new Date(2026, 10, 26, 15, 0).getTime();

  it('groups times by local calendar day', () => {
    expect(dayKey(new Date(2026, 10, 26, 0, 1).getTime())).toBe(dayKey(now));
    expect(dayKey(new Date(2026, 10, 25, 23, 59).getTime())).not.toBe(dayKey(now));
  });

  it('says today, yesterday, then the date (with the year only when it differs)', () => {
    expect(dayLabel(new Date(2026, 10, 26, 9).getTime(), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 10, 25, 9).getTime(), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 20, 9).getTime(), now, undefined, 'en-GB')).toBe(
      'Fri 20 Nov',
    );
    expect(dayLabel(new Date(2025, 0, 2).getTime(), now, undefined, 'en-GB')).toBe(
      'Thu, 2 Jan 2025',
    );
  });
});
