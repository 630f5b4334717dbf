// Day/month order of a source, inferred from the numeric dates it writes: 25.3.2024 can only be
// day first, 3/25/2024 only month first; the ambiguous 4.3.2024 then follows the majority.
import type { DateOrder } from '../../core/types.js';

const NUMERIC_DATE = /(?<![\d./])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/g;

/** The first two components of every d.m.yyyy, m/d/yyyy or d-m-yyyy date in `text`. */
export function numericDatePairs(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(NUMERIC_DATE)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a >= 1 && b >= 1 && a <= 31 && b <= 31) out.push([a, b]);
  }
  return out;
}

/**
 * 'dmy' when dates with a first component over 12 clearly outnumber those with a second over 12,
 * 'mdy' in the opposite case, null without evidence or without a clear margin.
 */
export function inferDateOrder(pairs: ReadonlyArray<readonly [number, number]>): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const [a, b] of pairs) {
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  // Twice as many and at least one more: a stray typo must not flip a source.
  if (dmy > mdy && dmy >= 2 * mdy) return 'dmy';
  if (mdy > dmy && mdy >= 2 * dmy) return 'mdy';
  return null;
}
