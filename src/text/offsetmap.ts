// Maps offsets in a derived text (normalised, cleaned) back to the text it came from, so every
// span can be traced to the exact characters of the capture. The map is a list of pieces: a
// stretch of the derived text and the stretch of the source it came from. Pieces of equal length
// map character by character; pieces of unequal length (an NFC composition, a collapsed run of
// spaces) map as a whole. Source text between pieces was removed. Plain arrays keep it JSON-ready
// for document metadata.

/** Offsets (UTF-16 code units) in a derived text mapped back to its source text. */
export interface OffsetMap {
  /** Start of each piece in the derived text, ascending; pieces are contiguous. */
  start: number[];
  /** Start of each piece in the source text, non-decreasing. */
  srcStart: number[];
  /** End of each piece in the source text (exclusive). */
  srcEnd: number[];
  /**
   * Indices (ascending) of pieces that map as a whole although both sides have the same length
   * (a composition that happens to keep the length). Pieces of unequal length always map as a whole.
   */
  whole: number[];
  /** Length of the derived text. */
  length: number;
  /** Length of the source text. */
  srcLength: number;
}

/** Builds an OffsetMap piece by piece, in derived-text order, merging where the delta stays. */
export class OffsetMapBuilder {
  private readonly start: number[] = [];
  private readonly srcStart: number[] = [];
  private readonly srcEnd: number[] = [];
  private readonly whole: number[] = [];
  private pos = 0;
  private lastIdentity = false;

  /** Derived-text length emitted so far. */
  get length(): number {
    return this.pos;
  }

  /** `len` characters copied (or replaced one for one) from `src` onward. */
  copy(src: number, len: number): void {
    if (len <= 0) return;
    const k = this.start.length - 1;
    if (this.lastIdentity && k >= 0 && this.srcEnd[k] === src) {
      this.srcEnd[k] = src + len;
    } else {
      this.start.push(this.pos);
      this.srcStart.push(src);
      this.srcEnd.push(src + len);
      this.lastIdentity = true;
    }
    this.pos += len;
  }

  /** `len` derived characters standing for source `[src, srcEnd)` as a whole. */
  replace(src: number, srcEnd: number, len: number): void {
    if (len <= 0) return;
    if (len === 1 && srcEnd - src === 1) {
      this.copy(src, 1);
      return;
    }
    if (srcEnd - src === len) this.whole.push(this.start.length);
    this.start.push(this.pos);
    this.srcStart.push(src);
    this.srcEnd.push(srcEnd);
    this.lastIdentity = false;
    this.pos += len;
  }

  finish(srcLength: number): OffsetMap {
    return { start: this.start, srcStart: this.srcStart, srcEnd: this.srcEnd, whole: this.whole, length: this.pos, srcLength };
  }
}

/** The map of a text to itself. */
export function identityMap(length: number): OffsetMap {
  const b = new OffsetMapBuilder();
  b.copy(0, length);
  return b.finish(length);
}

/** True when the map changes no offset. */
export function isIdentity(map: OffsetMap): boolean {
  if (map.length !== map.srcLength) return false;
  if (map.start.length === 0) return map.length === 0;
  return map.start.length === 1 && map.whole.length === 0 && map.srcStart[0] === 0 && map.srcEnd[0] === map.length;
}

/** True when piece k maps character by character. */
function charwise(map: OffsetMap, k: number): boolean {
  if ((map.srcEnd[k] ?? 0) - (map.srcStart[k] ?? 0) !== pieceLength(map, k)) return false;
  const w = map.whole;
  if (w.length === 0) return true;
  let lo = 0;
  let hi = w.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((w[mid] ?? 0) < k) lo = mid + 1;
    else hi = mid;
  }
  return w[lo] !== k;
}

/** Index of the last piece whose start is ≤ offset, or -1. */
function pieceAt(map: OffsetMap, offset: number): number {
  const s = map.start;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((s[mid] ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function pieceLength(map: OffsetMap, k: number): number {
  return (map.start[k + 1] ?? map.length) - (map.start[k] ?? 0);
}

/**
 * Source offset of the derived character at `offset` (a span's start). Exact for every character
 * copied or replaced one for one; characters of a merged piece map to the piece's start.
 * `offset === map.length` maps to the end of the last kept source character.
 */
export function toOriginal(map: OffsetMap, offset: number): number {
  if (map.start.length === 0) return 0;
  if (offset >= map.length) return map.srcEnd[map.srcEnd.length - 1] ?? 0;
  const k = Math.max(0, pieceAt(map, offset));
  const start = map.start[k] ?? 0;
  const src = map.srcStart[k] ?? 0;
  if (charwise(map, k)) return src + Math.max(0, offset - start);
  return src;
}

/**
 * Source offset that ends a span ending (exclusive) at derived `offset`: right after the source
 * of the last derived character, so removed text after it is not included.
 */
export function toOriginalEnd(map: OffsetMap, offset: number): number {
  if (map.start.length === 0 || offset <= 0) return toOriginal(map, 0);
  if (offset > map.length) offset = map.length;
  const k = Math.max(0, pieceAt(map, offset - 1));
  const start = map.start[k] ?? 0;
  const src = map.srcStart[k] ?? 0;
  if (charwise(map, k)) return src + (offset - start);
  return map.srcEnd[k] ?? 0;
}

/**
 * Map from C to A given `outer` (C back to B) and `inner` (B back to A): the pipeline composes
 * the cleaning map with the normalising map to reach the decoded text.
 */
export function composeMaps(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  if (isIdentity(inner) && inner.length === outer.srcLength) return outer;
  if (isIdentity(outer) && outer.length === inner.length) return inner;
  const b = new OffsetMapBuilder();
  let j = 0;
  const innerCount = inner.start.length;
  for (let k = 0; k < outer.start.length; k++) {
    const bStart = outer.srcStart[k] ?? 0;
    const bEnd = outer.srcEnd[k] ?? 0;
    const cLen = pieceLength(outer, k);
    if (!charwise(outer, k)) {
      b.replace(toOriginal(inner, bStart), toOriginalEnd(inner, bEnd), cLen);
      continue;
    }
    // Character-for-character piece: walk the inner pieces it overlaps.
    while (j + 1 < innerCount && (inner.start[j + 1] ?? 0) <= bStart) j++;
    let x = bStart;
    let jj = j;
    while (x < bEnd && jj < innerCount) {
      const iStart = inner.start[jj] ?? 0;
      const iLen = pieceLength(inner, jj);
      const iSrc = inner.srcStart[jj] ?? 0;
      const iSrcEnd = inner.srcEnd[jj] ?? 0;
      const y = Math.min(bEnd, iStart + iLen);
      if (y <= x) {
        jj++;
        continue;
      }
      if (charwise(inner, jj)) b.copy(iSrc + (x - iStart), y - x);
      else b.replace(iSrc, iSrcEnd, y - x);
      x = y;
      if (y === iStart + iLen) jj++;
    }
  }
  return b.finish(inner.srcLength);
}
