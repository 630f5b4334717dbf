import { describe, expect, it } from 'vitest';
import type { EnrichContext, EnrichInput } from '../types.js';
import { languageEnricher } from './index.js';

const ctx: EnrichContext = { dateOrder: null, languages: ['en', 'ru', 'uk', 'de', 'fr', 'es', 'it', 'pl'] };

function input(text: string): EnrichInput {
  return { text, title: null, rawDate: null, publishedAt: null, datePrecision: null, language: null };
}

const defaults = languageEnricher.options.parse({});

describe('languageEnricher', () => {
  it('declares itself and parses default options', () => {
    expect(languageEnricher).toMatchObject({ id: 'language', version: '1.0.0', writes: 'language', requires: [] });
    expect(defaults).toEqual({ languages: [], minLetters: 3 });
    expect(languageEnricher.options.safeParse({ languages: ['english'] }).success).toBe(false);
  });

  it('sets the language of a single-language item and writes no spans', () => {
    const r = languageEnricher.run(
      input('Депутати міської ради Верхньодольська знову відклали голосування щодо бюджету.'),
      defaults,
      ctx,
    );
    expect(r.patch).toMatchObject({ language: 'uk' });
    expect(r.patch?.languageConfidence).toBeGreaterThan(0.7);
    expect(r.spans).toEqual([]);
  });

  it('marks each run of a mixed item and picks the language with the most letters', () => {
    const text =
      'Harlow Free Press readers keep sending us screenshots from the channel run by councillor Oleg Streltsov. Here is the latest one:\n\nГородской совет предал жителей. Каждый, кто голосовал за этот бюджет, ответит перед людьми.';
    const r = languageEnricher.run(input(text), defaults, ctx);
    expect(r.patch?.language).toBe('en');
    expect(r.spans.map((s) => s.label)).toEqual(['en', 'ru']);
    const ru = r.spans[1];
    expect(ru).toMatchObject({ layer: 'language', value: null, producer: { id: 'language', version: '1.0.0' } });
    expect(text.slice(ru?.start, ru?.end).startsWith('Городской совет')).toBe(true);
    for (const s of r.spans) {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeLessThanOrEqual(text.length);
      expect(s.confidence).toBeGreaterThan(0);
    }
  });

  it('gives und to items that are too short', () => {
    expect(languageEnricher.run(input('12:30'), defaults, ctx).patch).toEqual({ language: 'und', languageConfidence: 0 });
    const strict = languageEnricher.options.parse({ minLetters: 50 });
    expect(languageEnricher.run(input('The council met again on Thursday.'), strict, ctx).patch?.language).toBe('und');
  });

  it('prefers its own candidate languages, then the run context', () => {
    const text = 'Der Stadtrat hat die Abstimmung über den Haushalt erneut verschoben.';
    expect(languageEnricher.run(input(text), defaults, ctx).patch?.language).toBe('de');
    expect(languageEnricher.run(input(text), defaults, { ...ctx, languages: ['en', 'ru'] }).patch?.language).not.toBe('de');
    const own = languageEnricher.options.parse({ languages: ['de', 'en'] });
    expect(languageEnricher.run(input(text), own, { ...ctx, languages: ['en', 'ru'] }).patch?.language).toBe('de');
  });
});
