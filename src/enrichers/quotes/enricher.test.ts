import { describe, expect, it } from 'vitest';
import type { EnrichContext, EnrichInput } from '../types.js';
import { quotesEnricher } from './index.js';

const ctx: EnrichContext = { dateOrder: null, languages: ['en', 'ru', 'uk'] };
const defaults = quotesEnricher.options.parse({});

function input(text: string, language: string | null = null): EnrichInput {
  return { text, title: null, rawDate: null, publishedAt: null, datePrecision: null, language };
}

describe('quotesEnricher', () => {
  it('declares itself and parses default options', () => {
    expect(quotesEnricher).toMatchObject({ id: 'quotes', version: '1.0.0', writes: 'quote', requires: ['language'] });
    expect(defaults).toEqual({ minWords: 3 });
    expect(quotesEnricher.options.safeParse({ minWords: 0 }).success).toBe(false);
  });

  it('writes quote spans with the speaker as value and its producer', () => {
    const text = 'The port reopened on Monday. "We will not retreat from these talks," the minister told reporters. Residents were less sure.\n\n«Мы не допустим этого», — заявил он.';
    const r = quotesEnricher.run(input(text, 'en'), defaults, ctx);
    expect(r.patch).toBeUndefined();
    expect(r.spans.map((s) => [s.label, text.slice(s.start, s.end), s.value, s.confidence])).toEqual([
      ['quote', 'We will not retreat from these talks', 'the minister', 0.9],
      ['quote', 'Мы не допустим этого', null, 0.85],
    ]);
    for (const s of r.spans) expect(s).toMatchObject({ layer: 'quote', producer: { id: 'quotes', version: '1.0.0' } });
  });

  it('uses UTF-16 offsets past astral characters', () => {
    const text = '😀😀 "Everything here is fine and calm," the mayor wrote.';
    const [span] = quotesEnricher.run(input(text), defaults, ctx).spans;
    expect(span && text.slice(span.start, span.end)).toBe('Everything here is fine and calm');
  });

  it('honours minWords for unattributed quotations', () => {
    const text = 'The crowd chanted "stop the war now" for an hour.';
    expect(quotesEnricher.run(input(text), defaults, ctx).spans).toHaveLength(1);
    expect(quotesEnricher.run(input(text), { minWords: 5 }, ctx).spans).toHaveLength(0);
  });

  it('returns nothing for text without marks or dialogue', () => {
    expect(quotesEnricher.run(input('Plain words only, no quotation at all.'), defaults, ctx).spans).toEqual([]);
    expect(quotesEnricher.run(input(''), defaults, ctx).spans).toEqual([]);
  });
});
