import { describe, expect, it } from 'vitest';
import { stemmedText } from '../../src/search/analyze.js';
import { COLLOCATIONS, contentHashOf, generateSearchCorpus, SEARCH_SOURCES, vocabulary } from './generate.js';
import type { GeneratedItem } from './generate.js';

function items(n: number, seed: number): GeneratedItem[] {
  return [...generateSearchCorpus({ items: n, seed })].flatMap((c) => c.items);
}

const corpus = items(3000, 7);

describe('generateSearchCorpus', () => {
  it('yields the same captures for the same seed, and other text for another seed', () => {
    expect(JSON.stringify([...generateSearchCorpus({ items: 3000, seed: 7 })])).toBe(JSON.stringify([...generateSearchCorpus({ items: 3000, seed: 7 })]));
    expect(items(3000, 7)).toEqual(corpus);
    const other = items(50, 8);
    expect(other.map((i) => i.text)).not.toEqual(corpus.slice(0, 50).map((i) => i.text));
  });

  it('yields exactly the requested number of items, in dumps of one source each', () => {
    const captures = [...generateSearchCorpus({ items: 777, seed: 3 })];
    expect(captures.reduce((n, c) => n + c.items.length, 0)).toBe(777);
    for (const c of captures) {
      expect(c.items.length).toBeGreaterThanOrEqual(1);
      expect(c.items.length).toBeLessThanOrEqual(20);
      for (const it of c.items) expect(it.source).toBe(c.source);
    }
    expect(new Set(captures.map((c) => c.originKey)).size).toBe(captures.length);
  });

  it('writes items of 400–1500 characters in English, Russian and Ukrainian, dated over 2022–2024', () => {
    const langs: Record<string, number> = {};
    for (const it of corpus) {
      expect(it.text.length).toBeGreaterThanOrEqual(300);
      expect(it.text.length).toBeLessThanOrEqual(1500);
      expect(it.title.length).toBeGreaterThan(0);
      langs[it.language] = (langs[it.language] ?? 0) + 1;
      if (it.publishedAt !== null) expect(it.publishedAt >= '2022-01' && it.publishedAt <= '2024-12-31').toBe(true);
      if (it.language === 'uk') expect(it.text).toMatch(/[іїєґ]/i);
      if (it.language === 'ru') expect(it.text).not.toMatch(/[іїєґ]/i);
      if (it.language !== 'en') expect(it.text).toMatch(/[а-я]/i);
      if (it.language === 'en') expect(it.text).toMatch(/\b(the|of|and)\b/);
    }
    const share = (l: string): number => (langs[l] ?? 0) / corpus.length;
    expect(share('en')).toBeGreaterThan(0.4);
    expect(share('ru')).toBeGreaterThan(0.2);
    expect(share('uk')).toBeGreaterThan(0.08);
    expect(new Set(corpus.map((i) => i.source)).size).toBe(SEARCH_SOURCES.length);
  });

  it('spreads words like natural text: a few very common, a long tail seen once', () => {
    const df = new Map<string, number>();
    for (const it of corpus.filter((i) => i.language === 'ru')) {
      for (const w of new Set(stemmedText(it.text, 'ru').split(' '))) df.set(w, (df.get(w) ?? 0) + 1);
    }
    const counts = [...df.values()].sort((a, b) => b - a);
    const docs = corpus.filter((i) => i.language === 'ru').length;
    // The commonest stems are in most items, the median stem in very few.
    expect(counts[0] ?? 0).toBeGreaterThan(docs * 0.8);
    expect(counts[Math.floor(counts.length / 2)] ?? 0).toBeLessThanOrEqual(2);
    expect(counts.length).toBeGreaterThan(5000);
  });

  it('inflects Cyrillic words, so stemmed search has forms to join', () => {
    const ru = corpus.filter((i) => i.language === 'ru').map((i) => i.text).join(' ');
    const forms = (vocabulary('ru', 7).lexemes.find((l) => l[0] === 'выборы') ?? []).filter((f) => new RegExp(`(^|\\s)${f}[\\s.,!?]`).test(ru));
    expect(forms.length).toBeGreaterThanOrEqual(3);
  });

  it('plants collocations for phrase queries and reposts for duplicate collapsing', () => {
    const all = corpus.map((i) => i.text).join('\n');
    for (const lang of ['en', 'ru', 'uk'] as const) expect(COLLOCATIONS[lang].some((p) => all.includes(p))).toBe(true);
    const byHash = new Map<string, number>();
    for (const it of corpus) byHash.set(it.contentHash, (byHash.get(it.contentHash) ?? 0) + 1);
    const repeated = [...byHash.values()].filter((n) => n > 1).length;
    expect(repeated).toBeGreaterThan(10);
    for (const it of corpus.slice(0, 50)) expect(it.contentHash).toBe(contentHashOf(it.text));
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => [...generateSearchCorpus({ items: 0, seed: 1 })]).toThrow(/items/);
  });
});
