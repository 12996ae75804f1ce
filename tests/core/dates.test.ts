import { describe, expect, it } from 'vitest';
import { resolveDate } from '../../src/core/answer/dates.ts';

// A short "when" answer shows the day it means beside the article's own words, as precise as they are.
describe('relative dates read against the article\'s publication day', () => {
  const thursday = new Date('2024-11-07T09:00:00Z');

  it('a bare weekday is the most recent one on or before publication', () => {
    expect(resolveDate('Wednesday', thursday)).toBe('6 Nov 2024');
    expect(resolveDate('on Thursday', thursday)).toBe('7 Nov 2024');
    expect(resolveDate('next Tuesday', thursday)).toBe('12 Nov 2024');
  });

  it('a month, a year or a week is not made into a day', () => {
    expect(resolveDate('next year', thursday)).toBe('2025');
    expect(resolveDate('last month', thursday)).toBe('Oct 2024');
    expect(resolveDate('last week', thursday)).toBe('week of 28 Oct 2024');
    expect(resolveDate('this week', thursday)).toBe('week of 4 Nov 2024');
  });

  it('an absolute date needs nothing added', () => {
    expect(resolveDate('in February 2022', thursday)).toBeUndefined();
  });
});
