import { describe, expect, it } from 'vitest';
import { jaccard, shingles } from '../../src/reuse/minhash.js';
import { wordTokens } from '../../src/reuse/tokens.js';
import { REUSE_SOURCES, generateReuseCorpus } from './generate.js';

const corpus = generateReuseCorpus({ items: 1500, seed: 11 });
const byId = new Map(corpus.items.map((i) => [i.id, i]));
const textOf = (id: string): string => byId.get(id)?.text ?? '';
const words = (s: string): string[] => wordTokens(s).words;

describe('generateReuseCorpus', () => {
  it('is deterministic per seed', () => {
    const again = generateReuseCorpus({ items: 1500, seed: 11 });
    expect(again.items.map((i) => [i.id, i.source, i.publishedAt, i.text])).toEqual(
      corpus.items.map((i) => [i.id, i.source, i.publishedAt, i.text]),
    );
    expect([...again.truth.duplicateOf]).toEqual([...corpus.truth.duplicateOf]);
    expect(again.truth.passages).toEqual(corpus.truth.passages);
    const other = generateReuseCorpus({ items: 50, seed: 12 });
    expect(other.items[0]?.text).not.toBe(corpus.items[0]?.text);
  });

  it('writes English and Russian items of roughly 80–600 words', () => {
    let ru = 0;
    for (const item of corpus.items) {
      const n = words(item.text).length;
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThanOrEqual(640);
      if (/[а-я]/.test(item.text)) ru++;
    }
    expect(ru / corpus.items.length).toBeGreaterThan(0.35);
    expect(ru / corpus.items.length).toBeLessThan(0.65);
  });

  it('ends every item with its source footer', () => {
    for (const item of corpus.items) {
      const source = REUSE_SOURCES.find((s) => s.id === item.source);
      expect(source).toBeDefined();
      expect(item.text.endsWith(`\n\n${source?.footer ?? ''}`)).toBe(true);
    }
  });

  it('plants copies of earlier items in other sources with a spread of similarity', () => {
    const sims: number[] = [];
    expect(corpus.truth.duplicateOf.size).toBeGreaterThan(150);
    for (const [copy, orig] of corpus.truth.duplicateOf) {
      const c = byId.get(copy);
      const o = byId.get(orig);
      expect(c && o).toBeTruthy();
      if (!c || !o) continue;
      expect(c.publishedAt >= o.publishedAt).toBe(true);
      if (c.source === o.source) expect(c.text).toBe(o.text);
      sims.push(jaccard(shingles(c.text), shingles(o.text)));
    }
    const high = sims.filter((s) => s >= 0.8).length / sims.length;
    const low = sims.filter((s) => s < 0.5).length / sims.length;
    expect(high).toBeGreaterThan(0.2);
    expect(low).toBeGreaterThan(0.2);
  });

  it('plants passages of 20–200 words at the offsets it reports, lightly edited', () => {
    expect(corpus.truth.passages.length).toBeGreaterThan(20);
    const copies = new Set([...corpus.truth.duplicateOf].flat());
    for (const p of corpus.truth.passages) {
      const canonical = words(p.text);
      expect(canonical.length).toBeGreaterThanOrEqual(20);
      expect(canonical.length).toBeLessThanOrEqual(200);
      expect(p.occurrences.length).toBeGreaterThanOrEqual(2);
      expect(p.occurrences.length).toBeLessThanOrEqual(8);
      const dates = p.occurrences.map((o) => byId.get(o.itemId)?.publishedAt ?? '');
      expect([...dates].sort()).toEqual(dates);
      for (const o of p.occurrences) {
        expect(copies.has(o.itemId)).toBe(false);
        const got = words(textOf(o.itemId).slice(o.start, o.end));
        // A replaced hyphenated word ("so-called") counts as two words before and one after.
        expect(Math.abs(got.length - canonical.length)).toBeLessThanOrEqual(2);
        const left = new Map<string, number>();
        for (const w of got) left.set(w, (left.get(w) ?? 0) + 1);
        let missing = 0;
        for (const w of canonical) {
          const k = left.get(w) ?? 0;
          if (k > 0) left.set(w, k - 1);
          else missing++;
        }
        expect(missing).toBeLessThanOrEqual(4);
      }
      expect(new Set(p.occurrences.map((o) => o.itemId)).size).toBe(p.occurrences.length);
    }
  });

  it('keeps occurrences of a passage in unrelated items across sources', () => {
    let multiSource = 0;
    for (const p of corpus.truth.passages) {
      const sources = new Set(p.occurrences.map((o) => byId.get(o.itemId)?.source));
      if (sources.size > 1) multiSource++;
      const [a, b] = p.occurrences;
      if (a && b) expect(jaccard(shingles(textOf(a.itemId)), shingles(textOf(b.itemId)))).toBeLessThan(0.8);
    }
    expect(multiSource).toBe(corpus.truth.passages.length);
  });
});

// Unrelated items: neither copies nor copied, nor hosts of a planted passage.
function unrelatedRuns(c: ReturnType<typeof generateReuseCorpus>, runWords: number): number {
  const related = new Set([...c.truth.duplicateOf].flat());
  for (const p of c.truth.passages) for (const o of p.occurrences) related.add(o.itemId);
  const seen = new Map<string, string>();
  const pairs = new Set<string>();
  for (const it of c.items) {
    if (related.has(it.id)) continue;
    // The footer is the source's boilerplate, shared on purpose.
    const w = words(it.text.slice(0, it.text.lastIndexOf('\n\n')));
    for (let i = 0; i + runWords <= w.length; i++) {
      const key = w.slice(i, i + runWords).join(' ');
      const other = seen.get(key);
      if (other === undefined) seen.set(key, it.id);
      else if (other !== it.id) pairs.add(`${other} ${it.id}`);
    }
  }
  return pairs.size;
}

describe('generateReuseCorpus with varied filler', () => {
  const varied = generateReuseCorpus({ items: 1500, seed: 11, filler: 'varied' });
  const text = new Map(varied.items.map((i) => [i.id, i.text]));

  it('is deterministic and differs from the template filler', () => {
    const again = generateReuseCorpus({ items: 1500, seed: 11, filler: 'varied' });
    expect(again.items.map((i) => i.text)).toEqual(varied.items.map((i) => i.text));
    expect(varied.items[0]?.text).not.toBe(corpus.items[0]?.text);
    expect([...varied.truth.duplicateOf]).toEqual([...corpus.truth.duplicateOf]);
  });

  it('makes unrelated items share no 20-word stretch, unlike the templates', () => {
    // The templates repeat whole sentences with the same slot values; real unrelated prose does not.
    expect(unrelatedRuns(corpus, 20)).toBeGreaterThan(20);
    expect(unrelatedRuns(varied, 20)).toBe(0);
  });

  it('plants passages at the offsets it reports, lightly edited', () => {
    expect(varied.truth.passages.length).toBeGreaterThan(20);
    for (const p of varied.truth.passages) {
      const canonical = words(p.text);
      expect(canonical.length).toBeGreaterThanOrEqual(20);
      expect(canonical.length).toBeLessThanOrEqual(200);
      for (const o of p.occurrences) {
        const got = words((text.get(o.itemId) ?? '').slice(o.start, o.end));
        expect(Math.abs(got.length - canonical.length)).toBeLessThanOrEqual(2);
        const same = got.filter((w, i) => w === canonical[i]).length;
        expect(same).toBeGreaterThanOrEqual(Math.min(got.length, canonical.length) - 4);
      }
    }
  });

  it('writes items of roughly 80–600 words in both languages', () => {
    let ru = 0;
    for (const item of varied.items) {
      const n = words(item.text).length;
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThanOrEqual(640);
      if (/[а-я]/.test(item.text)) ru++;
    }
    expect(ru / varied.items.length).toBeGreaterThan(0.35);
    expect(ru / varied.items.length).toBeLessThan(0.65);
  });
});
