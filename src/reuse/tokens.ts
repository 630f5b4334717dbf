// Word tokens for reuse detection. Words are runs of letters, marks and digits in the text folded
// for matching (case, ё→е, quotes, dashes), so punctuation, quote styles and case never decide
// whether two stretches of text match. Offsets are UTF-16 offsets in the original text: folding
// keeps the length, so they are shared.
import { foldForMatching } from '../text/normalise.js';

/** Words of a text with their UTF-16 offsets (end exclusive) in the original text. */
export interface WordTokens {
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
}

/** Word hashes of a text with their UTF-16 offsets; the compact form the reuse index keeps. */
export interface WordHashes {
  hashes: Uint32Array;
  starts: Int32Array;
  ends: Int32Array;
}

let wordTable: Uint8Array | null = null;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;
// Table values: a letter or digit starts or continues a word; a mark (accent, variation
// selector) only continues one, so the selector after an emoji is not a word.
const LETTER = 1;
const MARK_ONLY = 2;

// One regex test per BMP code unit, once: the scan then costs a table look-up per character.
function buildWordTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (WORD_CHAR.test(ch)) t[c] = LETTER;
    else if (MARK.test(ch)) t[c] = MARK_ONLY;
  }
  return t;
}

/**
 * Length in UTF-16 units of the word character at `i` (1 or 2), or 0 when it is not one;
 * `inWord` says whether a mark may count.
 */
function wordCharAt(s: string, i: number, t: Uint8Array, inWord: boolean): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    const v = t[c] ?? 0;
    return v === LETTER || (v === MARK_ONLY && inWord) ? 1 : 0;
  }
  // Astral letters and digits (historic scripts, mathematical letters) are rare; emoji are not words.
  if (c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  return 0;
}

// FNV-1a over code units, then murmur3's finaliser so that short words spread over all 32 bits.
/** murmur3's 32-bit finaliser: spreads a hash over all 32 bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Fast 32-bit hash of a word (already folded: use the words `wordTokens` returns). */
export function hashWord(word: string): number {
  return hashRange(word, 0, word.length);
}

function scan(text: string, onWord: (folded: string, start: number, end: number) => void): void {
  const t = (wordTable ??= buildWordTable());
  const folded = foldForMatching(text);
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(folded, i, t, false);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    while (w > 0) {
      i += w;
      w = i < n ? wordCharAt(folded, i, t, true) : 0;
    }
    onWord(folded, start, i);
  }
}

/**
 * Splits text into folded words with their UTF-16 offsets in `text`.
 * @example wordTokens('«Ёлки» — ДА!').words // ['елки', 'да']
 */
export function wordTokens(text: string): WordTokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  scan(text, (folded, start, end) => {
    words.push(folded.slice(start, end));
    starts.push(start);
    ends.push(end);
  });
  return { words, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Hashes of the folded words of `text` (as `hashWord` gives them) with their UTF-16 offsets. */
export function wordHashes(text: string): WordHashes {
  // Words are at least one unit long, so text.length / 2 + 1 bounds the count for spaced text;
  // grow when a text has long runs without separators.
  let cap = Math.max(16, (text.length >> 2) + 1);
  let hashes = new Uint32Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  scan(text, (folded, start, end) => {
    if (n === cap) {
      cap *= 2;
      const h2 = new Uint32Array(cap);
      h2.set(hashes);
      hashes = h2;
      const s2 = new Int32Array(cap);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(cap);
      e2.set(ends);
      ends = e2;
    }
    hashes[n] = hashRange(folded, start, end);
    starts[n] = start;
    ends[n] = end;
    n++;
  });
  return { hashes: hashes.slice(0, n), starts: starts.slice(0, n), ends: ends.slice(0, n) };
}
