// JavaScript strings index UTF-16 code units; every external offset is a Unicode code point.
// These helpers convert between the two without allocating arrays of characters.

/** Number of code points in `s`. */
export function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** True when `s` has no surrogate pairs, so code unit and code point offsets agree. */
export function isBmpOnly(s: string): boolean {
  return !/[\ud800-\udfff]/.test(s);
}

/**
 * Converts UTF-16 offsets of one string to code point offsets, for many offsets at once.
 * Build once per string, then call `toCp` in any order.
 */
export class OffsetConverter {
  private readonly astralBefore: number[] | null;
  constructor(private readonly s: string) {
    if (isBmpOnly(s)) {
      this.astralBefore = null;
    } else {
      // Positions (UTF-16) of the second unit of every surrogate pair, ascending.
      const lows: number[] = [];
      for (let i = 0; i < s.length - 1; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) {
            lows.push(i + 1);
            i++;
          }
        }
      }
      this.astralBefore = lows;
    }
  }

  /** Code point offset of UTF-16 offset `u`. */
  toCp(u: number): number {
    const lows = this.astralBefore;
    if (!lows) return u;
    // Count pairs whose low unit sits before u.
    let lo = 0;
    let hi = lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((lows[mid] ?? 0) < u) lo = mid + 1;
      else hi = mid;
    }
    return u - lo;
  }

  /** UTF-16 offset of code point offset `cp`. */
  toUtf16(cp: number): number {
    const lows = this.astralBefore;
    if (!lows) return cp;
    // Each pair before the target shifts it by one unit.
    let u = cp;
    for (const low of lows) {
      if (low <= u) u++;
      else break;
    }
    return u;
  }
}

/** Slice `s` by code point offsets. */
export function cpSlice(s: string, start: number, end?: number): string {
  if (isBmpOnly(s)) return s.slice(start, end);
  const conv = new OffsetConverter(s);
  return s.slice(conv.toUtf16(start), end === undefined ? undefined : conv.toUtf16(end));
}
