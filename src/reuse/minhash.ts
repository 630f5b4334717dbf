// MinHash over word shingles, for near-duplicate detection. Words come from `wordHashes` (the
// same folded words the passage finder uses), so case, ё/е, quote styles, dashes and punctuation
// never change a signature. A shingle is five consecutive words hashed to 32 bits; each of the
// 128 hash functions is (a·h + b) mod (2^31 − 1) with coefficients drawn once from a fixed seed,
// so signatures are identical across runs, processes and machines and can be stored.
import { fmix32, wordHashes } from './tokens.js';

/** Number of hash functions in a signature. */
export const NUM_HASHES = 128;
/** Words per shingle; texts with fewer words use single words instead. */
export const SHINGLE_SIZE = 5;
/** Signature value of a text without words; real values are below 2^31 − 1, so it never collides. */
export const EMPTY_VALUE = 0xffffffff;

const PRIME = 2147483647; // 2^31 − 1: a Mersenne prime, so reduction needs no division
const TWO_POW_31 = 2147483648;
const INV_TWO_POW_31 = 1 / TWO_POW_31;

// Coefficients split in 16-bit halves: every partial product then stays below 2^32, exact in a
// double, and the whole (a·h + b) mod p needs no 64-bit arithmetic (see `signatureOfShingles`).
const COEFF_A_HI = new Int32Array(NUM_HASHES);
const COEFF_A_LO = new Int32Array(NUM_HASHES);
const COEFF_B = new Int32Array(NUM_HASHES);
{
  // mulberry32 from a fixed seed: changing the seed or the order would change every stored signature.
  let state = 0x6e617272; // 'narr'
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  for (let i = 0; i < NUM_HASHES; i++) {
    const a = 1 + (next() % (PRIME - 1));
    COEFF_A_HI[i] = a >>> 16;
    COEFF_A_LO[i] = a & 0xffff;
    COEFF_B[i] = next() % PRIME;
  }
}

/** murmur3_32 over `count` word hashes starting at `from`: order matters, so "a b" ≠ "b a". */
function hashWords(words: Uint32Array, from: number, count: number): number {
  let h = 0x9747b28c ^ count;
  for (let i = from; i < from + count; i++) {
    let k = Math.imul(words[i] ?? 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (count * 4));
}

/**
 * Shingle hashes of a text, sorted ascending and without repeats: the compact form of the set
 * that `jaccardSorted` compares and `signatureOfShingles` hashes.
 */
export function shingleArray(text: string): Uint32Array {
  const words = wordHashes(text).hashes;
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const k = n < SHINGLE_SIZE ? 1 : SHINGLE_SIZE;
  const out = new Uint32Array(n - k + 1);
  for (let i = 0; i + k <= n; i++) out[i] = hashWords(words, i, k);
  out.sort();
  let m = 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i] ?? 0;
    if (m === 0 || out[m - 1] !== v) out[m++] = v;
  }
  return out.subarray(0, m);
}

/** Set of the shingle hashes of a text (5-word shingles; single words for texts under 5 words). */
export function shingles(text: string): Set<number> {
  return new Set(shingleArray(text));
}

/** MinHash signature of shingle hashes: NUM_HASHES minima, all EMPTY_VALUE when there are none. */
export function signatureOfShingles(hashes: ArrayLike<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY_VALUE);
  const n = hashes.length;
  for (let k = 0; k < n; k++) {
    let h = (hashes[k] ?? 0) >>> 0;
    h = (h & PRIME) + (h >>> 31);
    if (h >= PRIME) h -= PRIME;
    const hHi = h >>> 16;
    const hLo = h & 0xffff;
    for (let i = 0; i < NUM_HASHES; i++) {
      const aHi = COEFF_A_HI[i] ?? 0;
      const aLo = COEFF_A_LO[i] ?? 0;
      // a·h = aHi·hHi·2^32 + (aHi·hLo + aLo·hHi)·2^16 + aLo·hLo, and 2^31 ≡ 1 (mod p):
      // every piece below is exact in a double and the sum stays under 2^34.
      const mid = aHi * hLo + aLo * hHi;
      const lo = aLo * hLo;
      const t = 2 * (aHi * hHi) + (mid >>> 15) + (mid & 0x7fff) * 65536 + (lo >>> 31) + (lo & PRIME) + (COEFF_B[i] ?? 0);
      const q = Math.floor(t * INV_TWO_POW_31);
      let v = t - q * TWO_POW_31 + q;
      if (v >= PRIME) v -= PRIME;
      if (v < (sig[i] ?? 0)) sig[i] = v;
    }
  }
  return sig;
}

/**
 * MinHash signature of a text: equal for texts that differ only in case, quotes, dashes or punctuation.
 * @example estimateJaccard(signature('«Да» — сказал он'), signature('"да" - сказал ОН')) // 1
 */
export function signature(text: string): Uint32Array {
  return signatureOfShingles(shingleArray(text));
}

/** True when a signature comes from a text without words. */
export function isEmptySignature(sig: Uint32Array): boolean {
  return sig[0] === EMPTY_VALUE;
}

/** Estimated Jaccard similarity of two texts from their signatures (0 when either has no words). */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`signatures differ in length: ${a.length} and ${b.length}`);
  if (a.length === 0 || isEmptySignature(a) || isEmptySignature(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Exact Jaccard similarity of two shingle sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const v of small) if (large.has(v)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Exact Jaccard similarity of two sorted, repeat-free shingle arrays (as `shingleArray` gives). */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = na + nb - inter;
  return union === 0 ? 0 : inter / union;
}

/** A signature as little-endian bytes (NUM_HASHES × 4), for storing it. */
export function encodeSignature(sig: Uint32Array): Uint8Array {
  const out = new Uint8Array(sig.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < sig.length; i++) view.setUint32(i * 4, sig[i] ?? 0, true);
  return out;
}

/** A signature back from `encodeSignature`'s bytes; throws when the length is not NUM_HASHES × 4. */
export function decodeSignature(bytes: Uint8Array): Uint32Array {
  if (bytes.length !== NUM_HASHES * 4) {
    throw new RangeError(`a signature takes ${NUM_HASHES * 4} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}
