// Shared passages (text reuse): stretches of at least `minWords` words that occur in two or more
// items even when the rest of the items differ. Word 5-grams are hashed and winnowed into
// fingerprints; an index maps each fingerprint to the items and word positions holding it. A new
// item looks up its fingerprints, seeds alignments with the earlier items it shares one with (the
// latest few per fingerprint; a common fingerprint only where another shared one backs it up, so
// the work per item stays flat as the corpus grows) and extends them to maximal aligned stretches that bridge small edits (a changed, inserted or
// deleted word or short phrase, at most about one per ten words). Pairwise alignments are grouped
// into passages when `passages()` is asked, so adding an item never recomputes the corpus, and
// boilerplate (a source's footer, phrases in too many items) is judged with the counts of the
// whole corpus at that moment. A passage must also hold some fingerprint that is rare for its
// number of items: formulaic sentences that differ in a slot or two coincide by chance.
import { OffsetConverter } from '../core/codepoints.js';
import { createError, ERRORS } from '../core/errors.js';
import { stableId } from '../core/hash.js';
import { wordHashes } from './tokens.js';

/** An item as the reuse index sees it. */
export interface ReuseItem {
  id: string;
  source: string;
  /** ISO date (YYYY-MM-DD, YYYY-MM, YYYY, or a full timestamp); null when unknown. */
  publishedAt: string | null;
  text: string;
}

/** Options of the passage index; every field has a default. */
export interface PassageOptions {
  /** Shortest passage reported, in words (20). */
  minWords?: number;
  /** Words per hashed n-gram (5). */
  ngram?: number;
  /** An exact shared run of this many words is always found, even inside an edited passage (10). */
  seedWords?: number;
  /** Largest edit bridged inside a passage, in words on either side (4). */
  maxGapWords?: number;
  /** A fingerprint in more than this share of one source's items is that source's boilerplate (0.5). */
  maxSourceShare?: number;
  /** ... once it occurs in at least this many of the source's items (4). */
  minSourceItems?: number;
  /** A fingerprint in more than this share of all items is ignored (0.01) ... */
  maxItemShare?: number;
  /** ... when it is also in more than this many items (50). */
  maxItems?: number;
  /**
   * Through one fingerprint a new item is aligned with at most this many of the latest items
   * holding it (16), so the work per item does not grow with the corpus; a passage copied more
   * often still joins up through its latest copies.
   */
  maxSeedItems?: number;
  /** Report passages whose occurrences all come from one source (false). */
  sameSource?: boolean;
}

/** Options of one `passages()` query. */
export interface PassageQuery {
  /** Shortest passage reported, in words; below the index's `minWords` nothing more is found. */
  minWords?: number;
  /** Only passages with at least one occurrence in this source. */
  source?: string;
}

/** One occurrence of a passage: where it lies in one item. */
export interface PassageOccurrence {
  itemId: string;
  source: string;
  publishedAt: string | null;
  /** UTF-16 offsets in the item text, end exclusive. */
  start: number;
  end: number;
  /** Code point offsets in the item text, end exclusive (what leaves the library). */
  cpStart: number;
  cpEnd: number;
  words: number;
  /** True for the first appearance (earliest date, then earliest added). */
  first: boolean;
}

/** A stretch of text that occurs in several items, its occurrences in time order. */
export interface Passage {
  /** Stable id: the first appearance's item and code point span. */
  id: string;
  /** Canonical text: the first appearance as written there. */
  text: string;
  words: number;
  /** Number of distinct sources among the occurrences. */
  sources: number;
  occurrences: PassageOccurrence[];
}

interface ResolvedOptions {
  minWords: number;
  ngram: number;
  window: number;
  maxGapWords: number;
  maxSourceShare: number;
  minSourceItems: number;
  maxItemShare: number;
  maxItems: number;
  maxSeedItems: number;
  sameSource: boolean;
}

interface StoredItem {
  id: string;
  source: number;
  publishedAt: string | null;
  text: string;
  words: Uint32Array;
  fpHashes: Uint32Array;
  fpPositions: Int32Array;
}

const DEFAULTS = {
  minWords: 20,
  ngram: 5,
  seedWords: 10,
  maxGapWords: 4,
  maxSourceShare: 0.5,
  minSourceItems: 4,
  maxItemShare: 0.01,
  maxItems: 50,
  maxSeedItems: 16,
  sameSource: false,
};

function resolve(opts: PassageOptions): ResolvedOptions {
  const o = { ...DEFAULTS, ...stripUndefined(opts) };
  const int = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) {
      throw createError(ERRORS.CONFIG, `reuse option ${name} must be an integer of at least ${min}, got ${String(v)}`, name);
    }
  };
  const share = (name: string, v: number): void => {
    if (!(v > 0 && v <= 1)) throw createError(ERRORS.CONFIG, `reuse option ${name} must be in (0, 1], got ${String(v)}`, name);
  };
  int('ngram', o.ngram, 1);
  int('seedWords', o.seedWords, o.ngram);
  int('minWords', o.minWords, o.ngram);
  int('maxGapWords', o.maxGapWords, 0);
  int('minSourceItems', o.minSourceItems, 2);
  int('maxItems', o.maxItems, 1);
  int('maxSeedItems', o.maxSeedItems, 1);
  share('maxSourceShare', o.maxSourceShare);
  share('maxItemShare', o.maxItemShare);
  return {
    minWords: o.minWords,
    ngram: o.ngram,
    // Winnowing keeps the minimum of every window of `window` n-grams, so any exact shared run of
    // window + ngram - 1 words holds a fingerprint both items kept.
    window: Math.max(1, Math.min(o.seedWords, o.minWords) - o.ngram + 1),
    maxGapWords: o.maxGapWords,
    maxSourceShare: o.maxSourceShare,
    minSourceItems: o.minSourceItems,
    maxItemShare: o.maxItemShare,
    maxItems: o.maxItems,
    maxSeedItems: o.maxSeedItems,
    sameSource: o.sameSource,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** Hashes of every word n-gram of `words`. */
function ngramHashes(words: Uint32Array, k: number): Uint32Array {
  const m = words.length - k + 1;
  if (m <= 0) return new Uint32Array(0);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = 0x9e3779b9 ^ k;
    for (let j = 0; j < k; j++) {
      h = Math.imul(h ^ (words[i + j] ?? 0), 0x01000193);
      h = (h << 13) | (h >>> 19);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[i] = h >>> 0;
  }
  return out;
}

/** Winnowing: the rightmost minimum of every window of `w` n-gram hashes, each position once. */
function winnow(grams: Uint32Array, w: number): { hashes: Uint32Array; positions: Int32Array } {
  const m = grams.length;
  const pos: number[] = [];
  if (m > 0) {
    const win = Math.min(w, m);
    // Monotone deque of positions whose hashes increase strictly from front to back.
    const dq = new Int32Array(m);
    let head = 0;
    let tail = 0;
    let last = -1;
    for (let i = 0; i < m; i++) {
      const h = grams[i] ?? 0;
      while (tail > head && (grams[dq[tail - 1] ?? 0] ?? 0) >= h) tail--;
      dq[tail++] = i;
      if ((dq[head] ?? 0) <= i - win) head++;
      if (i >= win - 1) {
        const p = dq[head] ?? 0;
        if (p !== last) {
          pos.push(p);
          last = p;
        }
      }
    }
  }
  const hashes = new Uint32Array(pos.length);
  for (let i = 0; i < pos.length; i++) hashes[i] = grams[pos[i] ?? 0] ?? 0;
  return { hashes, positions: Int32Array.from(pos) };
}

// Scoring of the edit-tolerant extension: a matched word gains 1, an edit (a run of changed,
// inserted or deleted words) loses GAP_OPEN plus GAP_EXTEND per word after its first, and
// extension stops once the score falls XDROP below its best; the passage ends at the best score.
// A changed word or phrase inside a long agreeing stretch is bridged; formulaic sentences that
// differ in every other slot ("the third time ... the fifth time ...") never gain enough to be.
const GAP_OPEN = 5;
const GAP_EXTEND = 1;
const XDROP = 8;
// Words that must agree after an edit before it is bridged: agreement on one word is chance.
const RESUME_SHORT = 2;
const RESUME_LONG = 3;
const RUN_CAP = 8;
// At most one bridged edit per this many agreeing words: template-like sentences that agree
// except in a slot or two ("about 3700 people gathered in Saltmarsh" / "about 3000 people
// gathered in Brenholt") are common by chance; a pasted passage with an edit is longer.
const WORDS_PER_EDIT = 10;
// A passage must hold a fingerprint found in at most max(RARE_FLOOR, RARE_FACTOR × its items) items.
const RARE_FLOOR = 4;
const RARE_FACTOR = 2;
// A pair of items sharing a single fingerprint is aligned only when at most this many earlier
// items hold it.
const LONE_SEED_MAX = 8;

/** Words consumed on side a and side b, words matched and edits bridged, up to the best score. */
const extendOut = new Int32Array(4);

/**
 * Extends an alignment from a[ia], b[ib] (step 1) or from just before them (step -1), and writes
 * what it consumed up to the best score into `extendOut`.
 */
function extend(a: Uint32Array, ia: number, b: Uint32Array, ib: number, step: 1 | -1, maxGap: number): void {
  const lenA = step > 0 ? a.length - ia : ia;
  const lenB = step > 0 ? b.length - ib : ib;
  const at = (arr: Uint32Array, base: number, t: number): number => (step > 0 ? (arr[base + t] ?? 0) : (arr[base - 1 - t] ?? 0));
  // Agreement after an edit: words equal on the diagonal among the next RUN_CAP, the first one
  // included, so that a second small edit close to the first does not stop the extension.
  const run = (ta: number, tb: number): number => {
    if (at(a, ia, ta) !== at(b, ib, tb)) return 0;
    let r = 1;
    for (let d = 1; d < RUN_CAP && ta + d < lenA && tb + d < lenB; d++) if (at(a, ia, ta + d) === at(b, ib, tb + d)) r++;
    return r;
  };
  let ta = 0;
  let tb = 0;
  let score = 0;
  let matched = 0;
  let gaps = 0;
  let lastGapEnd = -100;
  let bestGaps = 0;
  let best = 0;
  let bestA = 0;
  let bestB = 0;
  let bestMatched = 0;
  for (;;) {
    while (ta < lenA && tb < lenB && at(a, ia, ta) === at(b, ib, tb)) {
      ta++;
      tb++;
      score++;
      matched++;
    }
    if (score > best) {
      best = score;
      bestA = ta;
      bestB = tb;
      bestMatched = matched;
      bestGaps = gaps;
    }
    if (ta >= lenA || tb >= lenB) break;
    // The cheapest edit after which the texts agree again; among equal costs the longest agreement.
    let pickA = -1;
    let pickB = -1;
    let pickCost = 0;
    // Two or three words agreeing between edits do not end the edit: "the port authority has no
    // plans" for "the harbour board has no intention" is one changed phrase.
    const sinceGap = ta - lastGapEnd;
    const joins = sinceGap <= 2;
    for (let len = 1; len <= maxGap && pickA < 0; len++) {
      const cost = joins ? GAP_EXTEND * len + sinceGap : GAP_OPEN + GAP_EXTEND * (len - 1);
      if (score - cost < best - XDROP) break;
      const need = len <= 1 ? RESUME_SHORT : RESUME_LONG;
      let bestRun = need - 1;
      // Balanced edits (substitutions) first, so a tie prefers them.
      for (let k = len; k >= 0; k--) {
        const pairs: Array<[number, number]> = k === len ? [[len, len]] : [[len, k], [k, len]];
        for (const [da, db] of pairs) {
          if (ta + da >= lenA || tb + db >= lenB) continue;
          const r = run(ta + da, tb + db);
          if (r > bestRun) {
            bestRun = r;
            pickA = da;
            pickB = db;
            pickCost = cost;
          }
        }
      }
    }
    if (pickA < 0) break;
    score -= pickCost;
    if (!joins) gaps++;
    ta += pickA;
    tb += pickB;
    lastGapEnd = ta;
  }
  extendOut[0] = bestA;
  extendOut[1] = bestB;
  extendOut[2] = bestMatched;
  extendOut[3] = bestGaps;
}

/** Open-addressing table from fingerprint hash to its postings and counts. */
class FingerprintTable {
  private cap = 1 << 16;
  private size = 0;
  private keys = new Uint32Array(this.cap);
  heads = new Int32Array(this.cap).fill(-1);
  /** Distinct items holding the fingerprint. */
  counts = new Int32Array(this.cap);
  /** The item that added the latest posting, so an item is counted once. */
  lastItem = new Int32Array(this.cap).fill(-1);
  /** Majority vote of sources (Boyer–Moore): exact for a fingerprint only one source uses. */
  domSource = new Int32Array(this.cap).fill(-1);
  domCount = new Int32Array(this.cap);

  /** Slot of `key`, or -1. */
  find(key: number): number {
    const mask = this.cap - 1;
    let i = hashSlot(key) & mask;
    for (;;) {
      if (this.heads[i] === -1) return -1;
      if (this.keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  /** Slot of `key`, created when missing. */
  slot(key: number): number {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    let i = hashSlot(key) & mask;
    for (;;) {
      if (this.heads[i] === -1) {
        this.keys[i] = key;
        this.size++;
        return i;
      }
      if (this.keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = { keys: this.keys, heads: this.heads, counts: this.counts, lastItem: this.lastItem, domSource: this.domSource, domCount: this.domCount };
    const oldCap = this.cap;
    this.cap *= 2;
    this.keys = new Uint32Array(this.cap);
    this.heads = new Int32Array(this.cap).fill(-1);
    this.counts = new Int32Array(this.cap);
    this.lastItem = new Int32Array(this.cap).fill(-1);
    this.domSource = new Int32Array(this.cap).fill(-1);
    this.domCount = new Int32Array(this.cap);
    const mask = this.cap - 1;
    for (let j = 0; j < oldCap; j++) {
      if (old.heads[j] === -1) continue;
      const key = old.keys[j] ?? 0;
      let i = hashSlot(key) & mask;
      while (this.heads[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = key;
      this.heads[i] = old.heads[j] ?? -1;
      this.counts[i] = old.counts[j] ?? 0;
      this.lastItem[i] = old.lastItem[j] ?? -1;
      this.domSource[i] = old.domSource[j] ?? -1;
      this.domCount[i] = old.domCount[j] ?? 0;
    }
  }
}

function hashSlot(key: number): number {
  // Fingerprints are already mixed; one more multiply keeps clustered keys apart.
  return Math.imul(key, 0x9e3779b1) >>> 0;
}

/** Growable int32 column. */
class IntColumn {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
  get(i: number): number {
    return this.data[i] ?? 0;
  }
}

/** A pairwise alignment: words [sa, ea) of item a match words [sb, eb) of item b. */
interface Alignment {
  a: number;
  b: number;
  sa: number;
  ea: number;
  sb: number;
  eb: number;
  /** Words that agree exactly (after folding) inside the alignment. */
  matched: number;
  /** Edits bridged inside the alignment. */
  gaps: number;
}

/**
 * Incremental index of shared passages. `add` finds the new item's alignments with everything
 * indexed so far; `passages` groups all alignments into passages with the boilerplate rules
 * applied to the corpus as it stands.
 */
export class PassageIndex {
  private readonly o: ResolvedOptions;
  private readonly items: StoredItem[] = [];
  private readonly byId = new Map<string, number>();
  private readonly sourceIds = new Map<string, number>();
  private readonly sourceNames: string[] = [];
  private readonly sourceItems: number[] = [];
  private readonly table = new FingerprintTable();
  private readonly postNext = new IntColumn();
  private readonly postItem = new IntColumn();
  private readonly postPos = new IntColumn();
  private readonly alignments: Alignment[] = [];
  /** Scratch for `match`: seeds per earlier item, zero between calls. */
  private pairSeeds = new Int32Array(1024);

  constructor(opts: PassageOptions = {}) {
    this.o = resolve(opts);
  }

  /** Number of items indexed. */
  get size(): number {
    return this.items.length;
  }

  /** Indexes one item and aligns it with every indexed item it shares a fingerprint with; an id seen before is ignored. */
  add(item: ReuseItem): void {
    if (this.byId.has(item.id)) return;
    const o = this.o;
    let src = this.sourceIds.get(item.source);
    if (src === undefined) {
      src = this.sourceNames.length;
      this.sourceIds.set(item.source, src);
      this.sourceNames.push(item.source);
      this.sourceItems.push(0);
    }
    const words = wordHashes(item.text).hashes;
    const fp = winnow(ngramHashes(words, o.ngram), o.window);
    const idx = this.items.length;
    const stored: StoredItem = { id: item.id, source: src, publishedAt: item.publishedAt, text: item.text, words, fpHashes: fp.hashes, fpPositions: fp.positions };
    this.items.push(stored);
    this.byId.set(item.id, idx);
    this.sourceItems[src] = (this.sourceItems[src] ?? 0) + 1;

    this.match(idx, stored);

    const t = this.table;
    for (let f = 0; f < fp.hashes.length; f++) {
      const s = t.slot(fp.hashes[f] ?? 0);
      this.postNext.push(t.heads[s] ?? -1);
      this.postItem.push(idx);
      this.postPos.push(fp.positions[f] ?? 0);
      t.heads[s] = this.postItem.length - 1;
      if (t.lastItem[s] !== idx) {
        t.lastItem[s] = idx;
        t.counts[s] = (t.counts[s] ?? 0) + 1;
        if (t.domSource[s] === src) t.domCount[s] = (t.domCount[s] ?? 0) + 1;
        else if ((t.domCount[s] ?? 0) === 0) {
          t.domSource[s] = src;
          t.domCount[s] = 1;
        } else t.domCount[s] = (t.domCount[s] ?? 0) - 1;
      }
    }
  }

  private hotLimit(): number {
    return Math.max(this.o.maxItems, this.o.maxItemShare * this.items.length);
  }

  // Seeds: (earlier item, its position, our position) for every shared fingerprint that is not
  // plainly boilerplate yet; the exact rules run again in passages().
  private match(idx: number, item: StoredItem): void {
    const o = this.o;
    const t = this.table;
    const hot = this.hotLimit();
    const srcItems = this.sourceItems[item.source] ?? 0;
    const seedItem: number[] = [];
    const seedA: number[] = [];
    const seedB: number[] = [];
    // Items holding the seed's fingerprint before this one.
    const seedCount: number[] = [];
    // Fingerprints plainly boilerplate now: too common, or (by the majority vote, exact for a
    // fingerprint only this source uses) in too many of this source's items.
    const skip = new Uint8Array(item.fpHashes.length);
    for (let f = 0; f < item.fpHashes.length; f++) {
      const s = t.find(item.fpHashes[f] ?? 0);
      if (s < 0) continue;
      const count = t.counts[s] ?? 0;
      const dom = t.domCount[s] ?? 0;
      // The new item is not counted yet: it holds the fingerprint too.
      if (count + 1 > hot || (t.domSource[s] === item.source && dom === count && dom + 1 >= o.minSourceItems && dom + 1 > o.maxSourceShare * srcItems)) {
        skip[f] = 1;
        continue;
      }
      const posB = item.fpPositions[f] ?? 0;
      // Postings run from the newest; an item holding the fingerprint twice uses two of them.
      let walked = 0;
      for (let p = t.heads[s] ?? -1; p >= 0 && walked < o.maxSeedItems; p = this.postNext.get(p), walked++) {
        seedItem.push(this.postItem.get(p));
        seedA.push(this.postPos.get(p));
        seedB.push(posB);
        seedCount.push(count);
      }
    }
    if (seedItem.length === 0) return;
    // Most seeds are the only one their pair has, of a fingerprint many items hold: drop those
    // before sorting (see `supported`).
    if (this.pairSeeds.length < this.items.length) {
      const grown = new Int32Array(Math.max(1024, 2 * this.items.length));
      grown.set(this.pairSeeds);
      this.pairSeeds = grown;
    }
    const pairSeeds = this.pairSeeds;
    for (const it of seedItem) pairSeeds[it] = (pairSeeds[it] ?? 0) + 1;
    const order: number[] = [];
    for (let k = 0; k < seedItem.length; k++) if ((seedCount[k] ?? 0) <= LONE_SEED_MAX || (pairSeeds[seedItem[k] ?? 0] ?? 0) > 1) order.push(k);
    for (const it of seedItem) pairSeeds[it] = 0;
    order.sort((x, y) => (seedItem[x] ?? 0) - (seedItem[y] ?? 0) || (seedB[x] ?? 0) - (seedB[y] ?? 0) || (seedA[x] ?? 0) - (seedA[y] ?? 0));
    const b = item.words;
    let i = 0;
    while (i < order.length) {
      const other = seedItem[order[i] ?? 0] ?? 0;
      const a = this.items[other]?.words ?? new Uint32Array(0);
      const found: Alignment[] = [];
      let end = i;
      while (end < order.length && seedItem[order[end] ?? 0] === other) end++;
      const first = i;
      for (; i < end; i++) {
        const k = order[i] ?? 0;
        if ((seedCount[k] ?? 0) > LONE_SEED_MAX && !this.supported(order, first, end, i, seedA, seedB)) continue;
        const pa = seedA[k] ?? 0;
        const pb = seedB[k] ?? 0;
        if (found.some((al) => pa >= al.sa && pa < al.ea && pb >= al.sb && pb < al.eb)) continue;
        let same = true;
        for (let j = 0; j < o.ngram; j++) if (a[pa + j] !== b[pb + j]) same = false;
        if (!same) continue; // a hash collision
        extend(a, pa, b, pb, -1, o.maxGapWords);
        const sa = pa - (extendOut[0] ?? 0);
        const sb = pb - (extendOut[1] ?? 0);
        const left = extendOut[2] ?? 0;
        const leftGaps = extendOut[3] ?? 0;
        extend(a, pa + o.ngram, b, pb + o.ngram, 1, o.maxGapWords);
        const ea = pa + o.ngram + (extendOut[0] ?? 0);
        const eb = pb + o.ngram + (extendOut[1] ?? 0);
        found.push({ a: other, b: idx, sa, ea, sb, eb, matched: left + o.ngram + (extendOut[2] ?? 0), gaps: leftGaps + (extendOut[3] ?? 0) });
      }
      for (const al of chain(found, o.maxGapWords)) {
        // Edited words do not count towards the length: a short formulaic sentence with a slot
        // changed is not a 20-word passage.
        if (al.matched < o.minWords || al.gaps * WORDS_PER_EDIT > al.matched) continue;
        // A seed by chance at the edge of a footer (the same last word before it) would align the
        // footer: drop alignments that are mostly boilerplate already.
        if (this.mostlySkipped(item, skip, al.sb, al.eb)) continue;
        this.alignments.push(al);
      }
    }
  }

  // A shared fingerprint held by many items, with no other shared fingerprint near it on about
  // the same diagonal, is a stock phrase met by chance: most seeds are such, and extending them
  // is most of the work. A shared passage of minWords words holds two shared fingerprints unless
  // an edit splits it into short runs, and then their fingerprints are rare ones.
  private supported(order: number[], from: number, to: number, at: number, seedA: number[], seedB: number[]): boolean {
    const k = order[at] ?? 0;
    const pb = seedB[k] ?? 0;
    const diag = pb - (seedA[k] ?? 0);
    const tol = Math.max(2, 2 * this.o.maxGapWords);
    const near = (j: number): boolean => {
      const m = order[j] ?? 0;
      const mb = seedB[m] ?? 0;
      return mb !== pb && Math.abs(mb - (seedA[m] ?? 0) - diag) <= tol;
    };
    // Seeds of the pair are in (position in the new item, position in the other) order.
    for (let j = at - 1; j >= from && pb - (seedB[order[j] ?? 0] ?? 0) <= this.o.minWords; j--) if (near(j)) return true;
    for (let j = at + 1; j < to && (seedB[order[j] ?? 0] ?? 0) - pb <= this.o.minWords; j++) if (near(j)) return true;
    return false;
  }

  private mostlySkipped(item: StoredItem, skip: Uint8Array, start: number, end: number): boolean {
    return this.mostlyFlagged(item, start, end, (f) => (skip[f] ?? 0) > 0);
  }

  /** True when more than half of the item's fingerprints between `start` and `end` are flagged. */
  private mostlyFlagged(item: StoredItem, start: number, end: number, flagged: (f: number) => boolean): boolean {
    let total = 0;
    let bad = 0;
    const last = end - this.o.ngram;
    for (let f = 0; f < item.fpPositions.length; f++) {
      const p = item.fpPositions[f] ?? 0;
      if (p < start) continue;
      if (p > last) break;
      total++;
      if (flagged(f)) bad++;
    }
    return bad * 2 > total;
  }

  private boilerplateCache = new Map<number, boolean>();
  private cacheAt = -1;

  // True when fingerprint `h` is boilerplate for source `src` or too common in the corpus.
  private isBoilerplate(h: number, src: number): boolean {
    if (this.cacheAt !== this.items.length) {
      this.boilerplateCache.clear();
      this.cacheAt = this.items.length;
    }
    const key = h * 2097152 + src;
    const cached = this.boilerplateCache.get(key);
    if (cached !== undefined) return cached;
    const t = this.table;
    const s = t.find(h);
    let result = false;
    if (s >= 0) {
      if ((t.counts[s] ?? 0) > this.hotLimit()) result = true;
      else {
        let n = 0;
        let last = -1;
        for (let p = t.heads[s] ?? -1; p >= 0; p = this.postNext.get(p)) {
          const it = this.postItem.get(p);
          if (it !== last && this.items[it]?.source === src) n++;
          last = it;
        }
        result = n >= this.o.minSourceItems && n > this.o.maxSourceShare * (this.sourceItems[src] ?? 0);
      }
    }
    this.boilerplateCache.set(key, result);
    return result;
  }

  // An alignment is kept unless most fingerprints inside it are boilerplate on either side.
  private mostlyBoilerplate(item: StoredItem, start: number, end: number): boolean {
    return this.mostlyFlagged(item, start, end, (f) => this.isBoilerplate(item.fpHashes[f] ?? 0, item.source));
  }

  // Fewest items holding a fingerprint that both spans share (Infinity when they share none).
  private rarestShared(ia: StoredItem, sa: number, ea: number, ib: StoredItem, sb: number, eb: number): number {
    const k = this.o.ngram;
    const inB = new Set<number>();
    for (let f = 0; f < ib.fpPositions.length; f++) {
      const p = ib.fpPositions[f] ?? 0;
      if (p >= sb && p <= eb - k) inB.add(ib.fpHashes[f] ?? 0);
    }
    let min = Infinity;
    for (let f = 0; f < ia.fpPositions.length; f++) {
      const p = ia.fpPositions[f] ?? 0;
      if (p < sa || p > ea - k) continue;
      const h = ia.fpHashes[f] ?? 0;
      if (!inB.has(h)) continue;
      const s = this.table.find(h);
      if (s >= 0) min = Math.min(min, this.table.counts[s] ?? Infinity);
    }
    return min;
  }

  /** Groups the alignments found so far into passages, occurrences in time order. */
  passages(query: PassageQuery = {}): Passage[] {
    const minWords = Math.max(query.minWords ?? this.o.minWords, 1);
    const items = this.items;
    // Nodes are the two sides of every kept alignment; union-find joins the sides of an
    // alignment and spans of one item that are nearly the same stretch.
    const nItem: number[] = [];
    const nStart: number[] = [];
    const nEnd: number[] = [];
    // Per alignment: items holding its rarest shared fingerprint.
    const rarest: number[] = [];
    for (const al of this.alignments) {
      if (al.matched < minWords) continue;
      const ia = items[al.a];
      const ib = items[al.b];
      if (!ia || !ib) continue;
      if (this.mostlyBoilerplate(ia, al.sa, al.ea) || this.mostlyBoilerplate(ib, al.sb, al.eb)) continue;
      nItem.push(al.a, al.b);
      nStart.push(al.sa, al.sb);
      nEnd.push(al.ea, al.eb);
      rarest.push(this.rarestShared(ia, al.sa, al.ea, ib, al.sb, al.eb));
    }
    const n = nItem.length;
    const parent = new Int32Array(n);
    for (let i = 0; i < n; i++) parent[i] = i;
    const find = (x: number): number => {
      while (parent[x] !== x) {
        const px = parent[x] ?? x;
        parent[x] = parent[px] ?? px;
        x = parent[x] ?? x;
      }
      return x;
    };
    const union = (x: number, y: number): void => {
      const rx = find(x);
      const ry = find(y);
      if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
    };
    for (let i = 0; i < n; i += 2) union(i, i + 1);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((x, y) => (nItem[x] ?? 0) - (nItem[y] ?? 0) || (nStart[x] ?? 0) - (nStart[y] ?? 0));
    for (let i = 0; i < n; i++) {
      const x = order[i] ?? 0;
      const xs = nStart[x] ?? 0;
      const xe = nEnd[x] ?? 0;
      for (let j = i + 1; j < n; j++) {
        const y = order[j] ?? 0;
        if (nItem[y] !== nItem[x] || (nStart[y] ?? 0) >= xe) break;
        const ys = nStart[y] ?? 0;
        const ye = nEnd[y] ?? 0;
        const inter = Math.min(xe, ye) - Math.max(xs, ys);
        const uni = Math.max(xe, ye) - Math.min(xs, ys);
        if (inter > 0 && inter >= 0.6 * uni) union(x, y);
      }
    }
    const groups = new Map<number, number[]>();
    for (const x of order) {
      const r = find(x);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(x);
    }

    const sourceFilter = query.source === undefined ? -1 : (this.sourceIds.get(query.source) ?? -2);
    if (sourceFilter === -2) return [];
    const offsets = new Map<number, { starts: Int32Array; ends: Int32Array; conv: OffsetConverter }>();
    const offsetsOf = (it: number): { starts: Int32Array; ends: Int32Array; conv: OffsetConverter } => {
      let v = offsets.get(it);
      if (!v) {
        const text = items[it]?.text ?? '';
        const w = wordHashes(text);
        v = { starts: w.starts, ends: w.ends, conv: new OffsetConverter(text) };
        offsets.set(it, v);
      }
      return v;
    };

    const out: Array<{ passage: Passage; firstItem: number; firstStart: number }> = [];
    for (const members of groups.values()) {
      // Members are in (item, start) order: merge overlapping spans of one item into one occurrence.
      const occ: Array<{ item: number; s: number; e: number }> = [];
      for (const x of members) {
        const it = nItem[x] ?? 0;
        const s = nStart[x] ?? 0;
        const e = nEnd[x] ?? 0;
        const prev = occ[occ.length - 1];
        if (prev && prev.item === it && s < prev.e) prev.e = Math.max(prev.e, e);
        else occ.push({ item: it, s, e });
      }
      const srcs = new Set(occ.map((c) => items[c.item]?.source ?? -1));
      const itemCount = new Set(occ.map((c) => c.item)).size;
      if (itemCount < 2) continue;
      // Text that is common everywhere (formulaic sentences, stock phrases with a slot changed)
      // coincides by chance; a passage really copied holds some stretch found in few items more
      // than those that copied it.
      let rare = Infinity;
      for (const x of members) rare = Math.min(rare, rarest[x >> 1] ?? Infinity);
      if (rare > Math.max(RARE_FLOOR, RARE_FACTOR * itemCount)) continue;
      if (!this.o.sameSource && srcs.size < 2) continue;
      if (sourceFilter >= 0 && !srcs.has(sourceFilter)) continue;
      occ.sort((x, y) => compareTime(items[x.item]?.publishedAt ?? null, items[y.item]?.publishedAt ?? null) || x.item - y.item || x.s - y.s);
      const occurrences: PassageOccurrence[] = occ.map((c, k) => {
        const it = items[c.item];
        const off = offsetsOf(c.item);
        const start = off.starts[c.s] ?? 0;
        const end = off.ends[c.e - 1] ?? start;
        return {
          itemId: it?.id ?? '',
          source: this.sourceNames[it?.source ?? 0] ?? '',
          publishedAt: it?.publishedAt ?? null,
          start,
          end,
          cpStart: off.conv.toCp(start),
          cpEnd: off.conv.toCp(end),
          words: c.e - c.s,
          first: k === 0,
        };
      });
      const first = occurrences[0];
      const firstOcc = occ[0];
      if (!first || !firstOcc) continue;
      const text = items[firstOcc.item]?.text.slice(first.start, first.end) ?? '';
      out.push({
        passage: { id: stableId('passage', first.itemId, first.cpStart, first.cpEnd), text, words: first.words, sources: srcs.size, occurrences },
        firstItem: firstOcc.item,
        firstStart: firstOcc.s,
      });
    }
    out.sort((x, y) => compareTime(x.passage.occurrences[0]?.publishedAt ?? null, y.passage.occurrences[0]?.publishedAt ?? null) || x.firstItem - y.firstItem || x.firstStart - y.firstStart);
    return out.map((x) => x.passage);
  }
}

// Dated items come first in date order; an undated item cannot be shown to be first.
function compareTime(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Merges overlapping alignments of one pair that lie on nearly the same diagonal (seeded twice). */
function chain(found: Alignment[], maxShift: number): Alignment[] {
  if (found.length < 2) return found;
  found.sort((x, y) => x.sb - y.sb || x.sa - y.sa);
  const out: Alignment[] = [];
  for (const al of found) {
    const prev = out[out.length - 1];
    // A repeat of the passage elsewhere in one item sits on another diagonal and stays apart.
    const shift = prev ? al.sb - al.sa - (prev.sb - prev.sa) : 0;
    if (prev && al.sb < prev.eb && al.sa < prev.ea && Math.abs(shift) <= maxShift) {
      // The overlap was matched on both; count it once (an estimate when edits fall inside it).
      const overlap = Math.min(prev.eb, al.eb) - al.sb;
      prev.matched = Math.max(prev.matched, al.matched, prev.matched + al.matched - overlap);
      prev.gaps = Math.max(prev.gaps, al.gaps);
      prev.sa = Math.min(prev.sa, al.sa);
      prev.ea = Math.max(prev.ea, al.ea);
      prev.eb = Math.max(prev.eb, al.eb);
    } else out.push({ ...al });
  }
  return out;
}

/** Shared passages of a list of items, in one call (see `PassageIndex`). */
export function findPassages(items: Iterable<ReuseItem>, opts: PassageOptions & PassageQuery = {}): Passage[] {
  const index = new PassageIndex(opts);
  for (const item of items) index.add(item);
  return index.passages(opts.source === undefined ? {} : { source: opts.source });
}
