import { describe, expect, it } from 'vitest';
import { inferDateOrder, numericDatePairs } from './index.js';

describe('numericDatePairs', () => {
  it('returns the first two components of numeric dates with any separator', () => {
    const text = 'Posted 25.3.2024, updated 03/17/2024; archive 4-3-2024. Times 14:05 and ISO 2024-03-04 are not pairs.';
    expect(numericDatePairs(text)).toEqual([
      [25, 3],
      [3, 17],
      [4, 3],
    ]);
  });

  it('ignores day.month without a year and version-like numbers', () => {
    expect(numericDatePairs('issue 213 – 13.12, build 1.2.3.2024, 12.12.12')).toEqual([]);
  });
});

describe('inferDateOrder', () => {
  it('reads a day-first source from its unambiguous dates', () => {
    expect(inferDateOrder(numericDatePairs('25.3.2024 … 17.3.2024 … 4.3.2024'))).toBe('dmy');
  });

  it('reads a month-first source', () => {
    expect(inferDateOrder([[3, 25], [3, 17], [4, 3]])).toBe('mdy');
  });

  it('returns null without evidence or without a clear margin', () => {
    expect(inferDateOrder([])).toBeNull();
    expect(inferDateOrder([[4, 3], [5, 6]])).toBeNull();
    expect(inferDateOrder([[25, 3], [3, 25]])).toBeNull();
    expect(inferDateOrder([[25, 3], [26, 3], [3, 25], [3, 26]])).toBeNull();
  });

  it('lets a clear majority outvote a stray date', () => {
    expect(inferDateOrder([[25, 3], [26, 3], [27, 3], [3, 25]])).toBe('dmy');
  });
});
