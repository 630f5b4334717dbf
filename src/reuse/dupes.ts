// An incremental near-duplicate index. Exact duplicates (same contentHash) join at once; other
// items are found through banded LSH over MinHash signatures and verified by the signature
// estimate, with exact Jaccard on shingles when the estimate is close to the threshold. Clusters
// are a union-find forest, so an item that links two clusters merges them and adding an item
// never revisits the rest of the corpus.
import { createError, ERRORS } from '../core/errors.js';
import {
  EMPTY_VALUE,
  NUM_HASHES,
  isEmptySignature,
  jaccardSorted,
  shingleArray,
  signatureOfShingles,
} from './minhash.js';
import { fmix32 } from './tokens.js';

/** What the index needs of an item. */
export interface DuplicateItem {
  id: string;
  /** Hash of the folded text: equal hashes are exact duplicates whatever the text says. */
  contentHash: string;
  text: string;
  /** ISO date text (YYYY-MM-DD, YYYY-MM or YYYY) or null when unknown. */
  publishedAt: string | null;
  /** ISO timestamp of the capture. */
  capturedAt: string;
  /** A signature stored earlier for this text (as `signature(text)` gives it): skips hashing. */
  signature?: Uint32Array;
}

/** What `add` found for the new item. */
export interface AddResult {
  /** Id of the first-seen member of the item's cluster (the item's own id when it has none). */
  clusterId: string;
  /** True when the item has the same contentHash as one added before. */
  exact: boolean;
  /** The most similar earlier item it was linked to, or null. */
  similarTo: string | null;
  /** Jaccard similarity to `similarTo` (exact or estimated), 0 when there is none. */
  similarity: number;
}

/** One member of a duplicate cluster. */
export interface DuplicateMember {
  id: string;
  publishedAt: string | null;
  capturedAt: string;
  /** Jaccard similarity to the first-seen member: exact when shingles are at hand, else estimated. */
  similarity: number;
  /** Same contentHash as the first-seen member. */
  exact: boolean;
}

/** Items that are the same or nearly the same text, first seen first. */
export interface DuplicateCluster {
  /** The first-seen member's id. */
  id: string;
  firstSeen: string;
  /** Every member in first-seen order (publishedAt, or capturedAt when it is unknown; then capturedAt; then id). */
  members: DuplicateMember[];
  /** Ids of the members after the first, in order. */
  reposts: string[];
}

export interface DuplicateIndexOptions {
  /** Minimum Jaccard similarity over 5-word shingles, in (0, 1]; default 0.8. */
  threshold?: number;
  /** LSH bands; derived from the threshold when neither bands nor rows is given. */
  bands?: number;
  /** Signature rows per band; bands × rows must not exceed NUM_HASHES. */
  rows?: number;
  /**
   * Gives an earlier item's text for exact verification near the threshold. When it is given the
   * index keeps no shingles (signatures only, ~512 bytes an item); without it the index keeps
   * every item's shingles in memory (~4 bytes a word) so that it can verify on its own.
   */
  textOf?: (id: string) => string | undefined;
}

/** Share of pairs at exactly the threshold that `chooseBanding` makes LSH candidates. */
export const TARGET_CANDIDATE_RECALL = 0.995;
/** Estimates this close to the threshold are checked with exact Jaccard when shingles are at hand. */
export const VERIFY_MARGIN = 0.1;

/** Probability that a pair with Jaccard `s` shares at least one band: 1 − (1 − s^rows)^bands. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/**
 * Bands and rows for a threshold: the most rows per band (fewest chance candidates) that still
 * makes a pair at the threshold a candidate with probability TARGET_CANDIDATE_RECALL.
 * @example chooseBanding(0.8) // { bands: 21, rows: 6 }
 */
export function chooseBanding(threshold: number, hashes = NUM_HASHES): { bands: number; rows: number } {
  checkThreshold(threshold);
  for (let rows = hashes; rows >= 1; rows--) {
    const bands = Math.floor(hashes / rows);
    if (candidateProbability(threshold, bands, rows) >= TARGET_CANDIDATE_RECALL) return { bands, rows };
  }
  return { bands: hashes, rows: 1 };
}

function checkThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 1) {
    throw createError(ERRORS.USAGE, `similarity threshold must be a number above 0 and at most 1, got ${threshold}`, String(threshold));
  }
}

function resolveBanding(opts: DuplicateIndexOptions, threshold: number): { bands: number; rows: number } {
  const { bands, rows } = opts;
  if (bands === undefined && rows === undefined) return chooseBanding(threshold);
  const b = bands ?? Math.floor(NUM_HASHES / (rows ?? 1));
  const r = rows ?? Math.floor(NUM_HASHES / b);
  if (!Number.isInteger(b) || !Number.isInteger(r) || b < 1 || r < 1 || b * r > NUM_HASHES) {
    throw createError(
      ERRORS.USAGE,
      `LSH bands × rows must be positive integers with a product of at most ${NUM_HASHES}, got ${String(bands)} × ${String(rows)}`,
    );
  }
  return { bands: b, rows: r };
}

/** Orders items by first seen: a missing publication date falls back to the capture time. */
function compareSeen(
  aPub: string | null,
  aCap: string,
  aId: string,
  bPub: string | null,
  bCap: string,
  bId: string,
): number {
  // Both date forms start with YYYY-MM-DD, so plain string order is time order; a coarser date
  // ("2024-03") sorts before the days it covers, which is the earliest it can have appeared.
  const a = aPub ?? aCap;
  const b = bPub ?? bCap;
  if (a !== b) return a < b ? -1 : 1;
  if (aCap !== bCap) return aCap < bCap ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

const MAGIC = 0x4e534458; // 'NSDX'
const FORMAT_VERSION = 1;
const NULL_STRING = 0xffffffff;

/** Near-duplicate index: add items one by one, read clusters at any time. */
export class DuplicateIndex {
  readonly threshold: number;
  readonly bands: number;
  readonly rows: number;
  private readonly textOf: ((id: string) => string | undefined) | undefined;

  // Items, by insertion index.
  private ids: string[] = [];
  private hashes: string[] = [];
  private published: Array<string | null> = [];
  private captured: string[] = [];
  private byId = new Map<string, number>();
  private firstByHash = new Map<string, number>();
  private itemSlot = new Int32Array(1024);
  private parent = new Int32Array(1024);
  private rank = new Uint8Array(1024);
  /** For each union-find root: the first-seen item of its cluster. */
  private firstOf = new Int32Array(1024);
  private linkTo = new Int32Array(1024);
  private linkSim = new Float32Array(1024);

  // Signature slots: one per distinct contentHash.
  private slotCount = 0;
  private sigs = new Uint32Array(1024 * NUM_HASHES);
  private slotItem = new Int32Array(1024);
  private slotShingles: Array<Uint32Array | null> = [];
  private stamp = new Uint32Array(1024);
  private stampNow = 0;

  // LSH: open-addressed table from band key to the newest slot in that bucket; older slots
  // follow through `chain` (one link per slot and band).
  private tableKeys = new Uint32Array(1 << 12);
  private tableHeads = new Int32Array(1 << 12).fill(-1);
  private tableUsed = 0;
  private chain = new Int32Array(1024);

  constructor(opts: DuplicateIndexOptions = {}) {
    const threshold = opts.threshold ?? 0.8;
    checkThreshold(threshold);
    this.threshold = threshold;
    const { bands, rows } = resolveBanding(opts, threshold);
    this.bands = bands;
    this.rows = rows;
    this.textOf = opts.textOf;
    this.chain = new Int32Array(1024 * bands);
  }

  /** Number of items added. */
  get size(): number {
    return this.ids.length;
  }

  /** True when an item with this id was added. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Id of the first-seen member of the cluster holding `id`, or undefined for an unknown id. */
  clusterOf(id: string): string | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.ids[this.firstOf[this.find(i)] ?? i];
  }

  /** Adds an item and links it to earlier exact and near duplicates; adding a known id changes nothing. */
  add(item: DuplicateItem): AddResult {
    const known = this.byId.get(item.id);
    if (known !== undefined) return this.resultFor(known);

    const i = this.pushItem(item.id, item.contentHash, item.publishedAt, item.capturedAt);
    const same = this.firstByHash.get(item.contentHash);
    if (same !== undefined) {
      this.itemSlot[i] = this.itemSlot[same] ?? 0;
      this.union(i, same);
      this.linkTo[i] = same;
      this.linkSim[i] = 1;
      return this.resultFor(i);
    }
    this.firstByHash.set(item.contentHash, i);

    // Shingles are needed to hash the text, and kept for exact verification when no `textOf` can
    // give texts back later; a stored signature with no text (a re-link on load) has none.
    const keep = this.textOf === undefined;
    const given = item.signature;
    const sh = given === undefined || (keep && item.text.length > 0) ? shingleArray(item.text) : null;
    const sig = given ?? signatureOfShingles(sh ?? new Uint32Array(0));
    if (sig.length !== NUM_HASHES) {
      throw createError(ERRORS.INPUT_MALFORMED, `signature of item ${item.id} has ${sig.length} values, expected ${NUM_HASHES}`, item.id);
    }
    const slot = this.pushSlot(i, sig, keep ? sh : null);
    this.itemSlot[i] = slot;
    // A text without words is nobody's near duplicate; only its exact copies join it.
    if (isEmptySignature(sig)) return this.resultFor(i);
    this.linkSlot(i, slot, sh, item.text);
    return this.resultFor(i);
  }

  /** Clusters of at least `minSize` items (2 by default), largest first, then by first-seen id. */
  clusters(minSize = 2): DuplicateCluster[] {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.ids.length; i++) {
      const r = this.find(i);
      let g = groups.get(r);
      if (g === undefined) groups.set(r, (g = []));
      g.push(i);
    }
    const out: DuplicateCluster[] = [];
    for (const members of groups.values()) {
      if (members.length < minSize) continue;
      members.sort((a, b) => this.compareItems(a, b));
      const first = members[0] ?? 0;
      const firstSlot = this.itemSlot[first] ?? 0;
      const firstHash = this.hashes[first];
      const list: DuplicateMember[] = members.map((m) => ({
        id: this.ids[m] ?? '',
        publishedAt: this.published[m] ?? null,
        capturedAt: this.captured[m] ?? '',
        similarity: this.slotSimilarity(firstSlot, this.itemSlot[m] ?? 0),
        exact: this.hashes[m] === firstHash,
      }));
      const firstId = this.ids[first] ?? '';
      out.push({ id: firstId, firstSeen: firstId, members: list, reposts: list.slice(1).map((m) => m.id) });
    }
    out.sort((a, b) => b.members.length - a.members.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
  }

  /** The signature kept for an item (shared by its exact duplicates), or undefined for an unknown id. */
  signatureOf(id: string): Uint32Array | undefined {
    const i = this.byId.get(id);
    if (i === undefined) return undefined;
    const s = this.itemSlot[i] ?? 0;
    return this.sigs.slice(s * NUM_HASHES, (s + 1) * NUM_HASHES);
  }

  /**
   * The whole index as bytes: settings, items, signatures and cluster links. Shingles are not
   * kept; give `textOf` to `load` to verify near the threshold against stored texts afterwards.
   */
  serialise(): Uint8Array {
    const enc = new TextEncoder();
    const strings: Uint8Array[] = [];
    let stringBytes = 0;
    const addString = (s: string | null): void => {
      const b = s === null ? null : enc.encode(s);
      const head = new Uint8Array(4);
      new DataView(head.buffer).setUint32(0, b === null ? NULL_STRING : b.length, true);
      strings.push(head);
      stringBytes += 4;
      if (b !== null) {
        strings.push(b);
        stringBytes += b.length;
      }
    };
    const n = this.ids.length;
    for (let i = 0; i < n; i++) {
      addString(this.ids[i] ?? '');
      addString(this.hashes[i] ?? '');
      addString(this.published[i] ?? null);
      addString(this.captured[i] ?? '');
    }
    const headerBytes = 4 * 7 + 8;
    const perItem = 4 * 4;
    const total = headerBytes + this.slotCount * NUM_HASHES * 4 + n * perItem + stringBytes;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    let p = 0;
    const u32 = (v: number): void => {
      view.setUint32(p, v >>> 0, true);
      p += 4;
    };
    u32(MAGIC);
    u32(FORMAT_VERSION);
    view.setFloat64(p, this.threshold, true);
    p += 8;
    u32(this.bands);
    u32(this.rows);
    u32(NUM_HASHES);
    u32(n);
    u32(this.slotCount);
    for (let k = 0; k < this.slotCount * NUM_HASHES; k++) u32(this.sigs[k] ?? 0);
    for (let i = 0; i < n; i++) {
      u32(this.find(i));
      u32(this.itemSlot[i] ?? 0);
      view.setInt32(p, this.linkTo[i] ?? -1, true);
      p += 4;
      view.setFloat32(p, this.linkSim[i] ?? 0, true);
      p += 4;
    }
    for (const s of strings) {
      out.set(s, p);
      p += s.length;
    }
    return out;
  }

  /**
   * Restores an index from `serialise` bytes. Clusters come back as they were; the LSH tables are
   * rebuilt from the signatures. A different `threshold` (or banding) re-links every item from its
   * signature, in the original order.
   */
  static load(bytes: Uint8Array, opts: DuplicateIndexOptions = {}): DuplicateIndex {
    const bad = (why: string): Error => createError(ERRORS.INPUT_MALFORMED, `not a duplicate index: ${why}`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let p = 0;
    const need = (k: number): void => {
      if (p + k > bytes.length) throw bad(`truncated at byte ${p}`);
    };
    const u32 = (): number => {
      need(4);
      const v = view.getUint32(p, true);
      p += 4;
      return v;
    };
    if (u32() !== MAGIC) throw bad('wrong magic number');
    const version = u32();
    if (version !== FORMAT_VERSION) throw bad(`format version ${version}, this build reads ${FORMAT_VERSION}`);
    need(8);
    const threshold = view.getFloat64(p, true);
    p += 8;
    const bands = u32();
    const rows = u32();
    const hashes = u32();
    if (hashes !== NUM_HASHES) throw bad(`signatures of ${hashes} hashes, this build uses ${NUM_HASHES}`);
    const n = u32();
    const slots = u32();
    need(slots * NUM_HASHES * 4 + n * 16);
    const sigs = new Uint32Array(slots * NUM_HASHES);
    for (let k = 0; k < sigs.length; k++) sigs[k] = view.getUint32(p + k * 4, true);
    p += sigs.length * 4;
    const roots = new Int32Array(n);
    const itemSlots = new Int32Array(n);
    const links = new Int32Array(n);
    const linkSims = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      roots[i] = view.getUint32(p, true);
      itemSlots[i] = view.getUint32(p + 4, true);
      links[i] = view.getInt32(p + 8, true);
      linkSims[i] = view.getFloat32(p + 12, true);
      p += 16;
      if ((roots[i] ?? 0) >= n || (itemSlots[i] ?? 0) >= slots || (links[i] ?? 0) >= n) throw bad(`item ${i} points outside the index`);
    }
    const dec = new TextDecoder('utf-8', { fatal: true });
    const str = (): string | null => {
      const len = u32();
      if (len === NULL_STRING) return null;
      need(len);
      const s = dec.decode(bytes.subarray(p, p + len));
      p += len;
      return s;
    };
    const items: Array<{ id: string; hash: string; pub: string | null; cap: string }> = [];
    for (let i = 0; i < n; i++) {
      const id = str();
      const hash = str();
      const pub = str();
      const cap = str();
      if (id === null || hash === null || cap === null) throw bad(`item ${i} lacks an id, hash or capture time`);
      items.push({ id, hash, pub, cap });
    }
    if (p !== bytes.length) throw bad(`${bytes.length - p} bytes left over`);

    const sameSettings =
      (opts.threshold === undefined || opts.threshold === threshold) && opts.bands === undefined && opts.rows === undefined;
    const index = new DuplicateIndex(sameSettings ? { threshold, bands, rows, textOf: opts.textOf } : opts);
    if (!sameSettings) {
      // New settings: link again from the stored signatures, in the original order.
      for (let i = 0; i < n; i++) {
        const it = items[i];
        const s = itemSlots[i] ?? 0;
        if (it === undefined) continue;
        index.add({
          id: it.id,
          contentHash: it.hash,
          text: '',
          publishedAt: it.pub,
          capturedAt: it.cap,
          signature: sigs.slice(s * NUM_HASHES, (s + 1) * NUM_HASHES),
        });
      }
      return index;
    }
    const slotOf = new Int32Array(slots).fill(-1);
    for (let i = 0; i < n; i++) {
      const it = items[i];
      if (it === undefined) continue;
      const idx = index.pushItem(it.id, it.hash, it.pub, it.cap);
      if (!index.firstByHash.has(it.hash)) index.firstByHash.set(it.hash, idx);
      const s = itemSlots[i] ?? 0;
      let slot = slotOf[s] ?? -1;
      if (slot < 0) {
        slot = index.pushSlot(idx, sigs.subarray(s * NUM_HASHES, (s + 1) * NUM_HASHES), null);
        slotOf[s] = slot;
        if (!isEmptySignature(sigs.subarray(s * NUM_HASHES, (s + 1) * NUM_HASHES))) index.insertSlot(slot);
      }
      index.itemSlot[idx] = slot;
      index.linkTo[idx] = links[i] ?? -1;
      index.linkSim[idx] = linkSims[i] ?? 0;
    }
    for (let i = 0; i < n; i++) index.union(i, roots[i] ?? i);
    return index;
  }

  // ------------------------------------------------------------------------------------------
  // Internals

  private resultFor(i: number): AddResult {
    const link = this.linkTo[i] ?? -1;
    const linkHash = link >= 0 ? this.hashes[link] : undefined;
    return {
      clusterId: this.ids[this.firstOf[this.find(i)] ?? i] ?? '',
      exact: link >= 0 && linkHash === this.hashes[i],
      similarTo: link >= 0 ? (this.ids[link] ?? null) : null,
      similarity: link >= 0 ? (this.linkSim[i] ?? 0) : 0,
    };
  }

  private pushItem(id: string, hash: string, pub: string | null, cap: string): number {
    const i = this.ids.length;
    if (i === this.parent.length) this.growItems();
    this.ids.push(id);
    this.hashes.push(hash);
    this.published.push(pub);
    this.captured.push(cap);
    this.byId.set(id, i);
    this.parent[i] = i;
    this.rank[i] = 0;
    this.firstOf[i] = i;
    this.linkTo[i] = -1;
    this.linkSim[i] = 0;
    return i;
  }

  private growItems(): void {
    const cap = this.parent.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.itemSlot = grow(this.itemSlot, (k) => new Int32Array(k));
    this.parent = grow(this.parent, (k) => new Int32Array(k));
    this.rank = grow(this.rank, (k) => new Uint8Array(k));
    this.firstOf = grow(this.firstOf, (k) => new Int32Array(k));
    this.linkTo = grow(this.linkTo, (k) => new Int32Array(k));
    this.linkSim = grow(this.linkSim, (k) => new Float32Array(k));
  }

  private pushSlot(item: number, sig: Uint32Array, sh: Uint32Array | null): number {
    const s = this.slotCount;
    if (s === this.slotItem.length) {
      const cap = s * 2;
      const sigs = new Uint32Array(cap * NUM_HASHES);
      sigs.set(this.sigs);
      this.sigs = sigs;
      const si = new Int32Array(cap);
      si.set(this.slotItem);
      this.slotItem = si;
      const st = new Uint32Array(cap);
      st.set(this.stamp);
      this.stamp = st;
      const ch = new Int32Array(cap * this.bands);
      ch.set(this.chain);
      this.chain = ch;
    }
    this.sigs.set(sig, s * NUM_HASHES);
    this.slotItem[s] = item;
    this.slotShingles.push(sh);
    this.slotCount++;
    return s;
  }

  private find(i: number): number {
    let x = i;
    for (;;) {
      const p = this.parent[x] ?? x;
      if (p === x) return x;
      const gp = this.parent[p] ?? p;
      this.parent[x] = gp; // path halving
      x = gp;
    }
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.rank[ra] ?? 0) < (this.rank[rb] ?? 0)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra] = (this.rank[ra] ?? 0) + 1;
    const fa = this.firstOf[ra] ?? ra;
    const fb = this.firstOf[rb] ?? rb;
    this.firstOf[ra] = this.compareItems(fa, fb) <= 0 ? fa : fb;
  }

  private compareItems(a: number, b: number): number {
    return compareSeen(
      this.published[a] ?? null,
      this.captured[a] ?? '',
      this.ids[a] ?? '',
      this.published[b] ?? null,
      this.captured[b] ?? '',
      this.ids[b] ?? '',
    );
  }

  private bandKey(slot: number, band: number): number {
    const base = slot * NUM_HASHES + band * this.rows;
    let h = 0x5bd1e995 ^ band;
    for (let r = 0; r < this.rows; r++) {
      let k = Math.imul(this.sigs[base + r] ?? 0, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      h ^= Math.imul(k, 0x1b873593);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    return fmix32(h);
  }

  /** Position of `key` in the table, or of the empty cell where it would go. */
  private probe(key: number): number {
    const mask = this.tableKeys.length - 1;
    let pos = key & mask;
    while ((this.tableHeads[pos] ?? -1) >= 0 && this.tableKeys[pos] !== key) pos = (pos + 1) & mask;
    return pos;
  }

  private insertSlot(slot: number): void {
    for (let b = 0; b < this.bands; b++) {
      // Linear probing stays short up to 70% full; 1M items × 21 bands then fit in 32M cells (256 MB).
      if ((this.tableUsed + 1) * 10 > this.tableKeys.length * 7) this.growTable();
      const key = this.bandKey(slot, b);
      const pos = this.probe(key);
      const head = this.tableHeads[pos] ?? -1;
      if (head < 0) {
        this.tableKeys[pos] = key;
        this.tableUsed++;
      }
      this.chain[slot * this.bands + b] = head;
      this.tableHeads[pos] = slot;
    }
  }

  private growTable(): void {
    const oldKeys = this.tableKeys;
    const oldHeads = this.tableHeads;
    this.tableKeys = new Uint32Array(oldKeys.length * 2);
    this.tableHeads = new Int32Array(oldKeys.length * 2).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      const head = oldHeads[i] ?? -1;
      if (head < 0) continue;
      const pos = this.probe(oldKeys[i] ?? 0);
      this.tableKeys[pos] = oldKeys[i] ?? 0;
      this.tableHeads[pos] = head;
    }
  }

  /** Finds the new slot's candidates, verifies them, merges clusters, then files the slot. */
  private linkSlot(item: number, slot: number, sh: Uint32Array | null, text: string): void {
    const stampNow = ++this.stampNow;
    if (stampNow === 0xffffffff) {
      this.stamp.fill(0);
      this.stampNow = 1;
    }
    const st = this.stampNow;
    this.stamp[slot] = st;
    let best = -1;
    let bestSim = 0;
    let ownShingles = sh;
    const base = slot * NUM_HASHES;
    const t = this.threshold;
    // Mismatches beyond this leave the estimate below the verification band: stop counting early.
    const maxMismatch = Math.floor(NUM_HASHES * (1 - (t - VERIFY_MARGIN)));
    for (let b = 0; b < this.bands; b++) {
      const key = this.bandKey(slot, b);
      const pos = this.probe(key);
      let c = this.tableHeads[pos] ?? -1;
      while (c >= 0) {
        const next = this.chain[c * this.bands + b] ?? -1;
        if (this.stamp[c] !== st) {
          this.stamp[c] = st;
          const cBase = c * NUM_HASHES;
          let mismatch = 0;
          for (let k = 0; k < NUM_HASHES && mismatch <= maxMismatch; k++) {
            if (this.sigs[base + k] !== this.sigs[cBase + k]) mismatch++;
          }
          if (mismatch <= maxMismatch) {
            const est = 1 - mismatch / NUM_HASHES;
            const other = this.slotItem[c] ?? 0;
            let sim = est;
            let verdict = est >= t;
            const sameCluster = this.find(other) === this.find(item);
            if (Math.abs(est - t) <= VERIFY_MARGIN && !(sameCluster && best >= 0 && bestSim >= est)) {
              const exact = this.exactSimilarity(c, other, ownShingles, text);
              if (exact !== null) {
                ownShingles = exact.own;
                sim = exact.sim;
                verdict = sim >= t;
              }
            }
            if (verdict) {
              this.union(item, other);
              if (sim > bestSim || best < 0) {
                best = other;
                bestSim = sim;
              }
            }
          }
        }
        c = next;
      }
    }
    if (best >= 0) {
      this.linkTo[item] = best;
      this.linkSim[item] = bestSim;
    }
    this.insertSlot(slot);
  }

  private exactSimilarity(
    otherSlot: number,
    otherItem: number,
    own: Uint32Array | null,
    text: string,
  ): { sim: number; own: Uint32Array } | null {
    let theirs = this.slotShingles[otherSlot] ?? null;
    if (theirs === null && this.textOf !== undefined) {
      const t = this.textOf(this.ids[otherItem] ?? '');
      if (t !== undefined) theirs = shingleArray(t);
    }
    if (theirs === null) return null;
    const mine = own ?? (text.length > 0 ? shingleArray(text) : null);
    if (mine === null) return null;
    return { sim: jaccardSorted(mine, theirs), own: mine };
  }

  private slotSimilarity(a: number, b: number): number {
    if (a === b) return 1;
    const sa = this.slotShingles[a] ?? null;
    const sb = this.slotShingles[b] ?? null;
    if (sa !== null && sb !== null) return jaccardSorted(sa, sb);
    let same = 0;
    const ba = a * NUM_HASHES;
    const bb = b * NUM_HASHES;
    if (this.sigs[ba] === EMPTY_VALUE || this.sigs[bb] === EMPTY_VALUE) return 0;
    for (let k = 0; k < NUM_HASHES; k++) if (this.sigs[ba + k] === this.sigs[bb + k]) same++;
    return same / NUM_HASHES;
  }
}
