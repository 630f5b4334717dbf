// Corpus-wide views the API serves from memory: duplicate clusters (computed from the stored MinHash
// signatures, as `narrascope dupes` does) and shared passages (read from the `reuse` spans that
// `narrascope reuse` stores). Each is computed on first use and kept until the store's totals change,
// so a new ingest or reuse run is seen on the next request.
import type { Item } from '../core/types.js';
import { DuplicateIndex } from '../reuse/dupes.js';
import { decodeSignature, encodeSignature, signature } from '../reuse/minhash.js';
import type { Store } from '../store/store.js';

export interface ClusterMember {
  id: string;
  sourceId: string | null;
  title: string | null;
  publishedAt: string | null;
  similarity: number;
  exact: boolean;
}

export interface Cluster {
  id: string;
  members: ClusterMember[];
}

export interface PassageOccurrenceRef {
  item: string;
  sourceId: string;
  publishedAt: string | null;
  start: number;
  end: number;
  words: number;
  first: boolean;
}

export interface PassageRef {
  id: string;
  words: number;
  sources: number;
  occurrences: PassageOccurrenceRef[];
}

/** What a `reuse` span's value holds (see cli/commands/reuse.ts, ReuseSpanValue). */
interface ReuseValue {
  passage: string;
  first: boolean;
  words: number;
}

function parseReuseValue(value: string | null): ReuseValue | null {
  if (value === null) return null;
  try {
    const v = JSON.parse(value) as Partial<ReuseValue>;
    if (typeof v.passage !== 'string') return null;
    return { passage: v.passage, first: v.first === true, words: typeof v.words === 'number' ? v.words : 0 };
  } catch {
    return null;
  }
}

/** The start of an untitled item's text, on one line, to name it in a listing. */
export function excerpt(text: string, n = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= n) return t;
  // Never end on half a surrogate pair.
  return `${t.slice(0, n - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

/** Undated occurrences last; among equal dates, the first appearance first. */
function compareOccurrences(a: PassageOccurrenceRef, b: PassageOccurrenceRef): number {
  if (a.first !== b.first) return a.first ? -1 : 1;
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? -1 : 1;
  }
  return a.item < b.item ? -1 : a.item > b.item ? 1 : a.start - b.start;
}

/** Cached corpus-wide views over one store. */
export class DerivedViews {
  private stamp: string | null = null;
  private clusters = new Map<number, Promise<Cluster[]>>();
  private passages: Promise<PassageRef[]> | null = null;

  constructor(private readonly store: Store) {}

  /** Forget everything when the store's totals moved since the last look. */
  private async fresh(): Promise<void> {
    const stamp = JSON.stringify(await this.store.stats());
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.clusters.clear();
      this.passages = null;
    }
  }

  /** Duplicate clusters at a similarity threshold, largest first (as DuplicateIndex orders them). */
  async duplicateClusters(threshold: number): Promise<Cluster[]> {
    await this.fresh();
    let p = this.clusters.get(threshold);
    if (!p) {
      p = this.computeClusters(threshold);
      // Concurrent requests share one computation; a failed one is not kept.
      p.catch(() => this.clusters.delete(threshold));
      this.clusters.set(threshold, p);
    }
    return p;
  }

  /** Shared passages, most widespread first. */
  async sharedPassages(): Promise<PassageRef[]> {
    await this.fresh();
    if (!this.passages) {
      const p = this.readPassages();
      p.catch(() => {
        if (this.passages === p) this.passages = null;
      });
      this.passages = p;
    }
    return this.passages;
  }

  private async computeClusters(threshold: number): Promise<Cluster[]> {
    const index = new DuplicateIndex({ threshold });
    const items = new Map<string, Pick<Item, 'sourceId' | 'title'>>();
    let fresh: Array<{ itemId: string; signature: Uint8Array }> = [];
    for await (const { item, capturedAt, signature: stored } of this.store.iterateSignatures()) {
      let sig = stored ? decodeSignature(stored) : null;
      if (!sig) {
        sig = signature(item.text);
        fresh.push({ itemId: item.id, signature: encodeSignature(sig) });
        if (fresh.length >= 1000) {
          await this.store.putSignatures(fresh);
          fresh = [];
        }
      }
      index.add({ id: item.id, contentHash: item.contentHash, text: item.text, publishedAt: item.publishedAt, capturedAt, signature: sig });
      // Titles only: texts stay in the store.
      items.set(item.id, { sourceId: item.sourceId, title: item.title ?? excerpt(item.text) });
    }
    if (fresh.length > 0) await this.store.putSignatures(fresh);
    return index.clusters().map((c) => ({
      id: c.id,
      members: c.members.map((m, i) => {
        const it = items.get(m.id);
        return {
          id: m.id,
          sourceId: it?.sourceId ?? null,
          title: it?.title ?? null,
          publishedAt: m.publishedAt,
          similarity: i === 0 ? 1 : Math.round(m.similarity * 1000) / 1000,
          exact: i === 0 ? true : m.exact,
        };
      }),
    }));
  }

  private async readPassages(): Promise<PassageRef[]> {
    const byId = new Map<string, { occurrences: PassageOccurrenceRef[]; words: number }>();
    for await (const row of this.store.iterateAnnotations({ layer: 'reuse' })) {
      const a = row.annotation;
      const v = parseReuseValue(a.value);
      if (!v) continue;
      let p = byId.get(v.passage);
      if (!p) {
        p = { occurrences: [], words: 0 };
        byId.set(v.passage, p);
      }
      p.occurrences.push({ item: a.itemId, sourceId: row.sourceId, publishedAt: row.publishedAt, start: a.start, end: a.end, words: v.words, first: v.first });
      if (v.first) p.words = v.words;
    }
    const out: PassageRef[] = [];
    for (const [id, p] of byId) {
      p.occurrences.sort(compareOccurrences);
      out.push({
        id,
        words: p.words || (p.occurrences[0]?.words ?? 0),
        sources: new Set(p.occurrences.map((o) => o.sourceId)).size,
        occurrences: p.occurrences,
      });
    }
    out.sort((a, b) => b.occurrences.length - a.occurrences.length || b.sources - a.sources || b.words - a.words || (a.id < b.id ? -1 : 1));
    return out;
  }
}
