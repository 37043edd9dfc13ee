import { describe, expect, it } from 'vitest';
import { formatLocalTime } from './format';

describe('formatLocalTime', () => {
  it('shows the instant in the given (or the user’s) time zone with the zone’s name', () => {
    expect(formatLocalTime('2026-12-03T16:00:00Z', 'en-US', 'Asia/Shanghai')).toBe('Dec 4, 2026, 12:00 AM GMT+8');
    expect(formatLocalTime('2026-12-03T16:00:00Z', 'en-US', 'UTC')).toBe('Dec 3, 2026, 4:00 PM UTC');
    expect(formatLocalTime(null, 'en-US')).toBe('—');
  });
});
