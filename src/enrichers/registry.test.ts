// One contract test over every registered enricher (STYLE.md, example 6): declared fields, default
// options, a run on fixture items, spans inside the text and stable across runs.
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../core/types.js';
import { ENRICHERS, getEnricher } from './registry.js';
import type { EnrichInput } from './types.js';

const FIXTURES: EnrichInput[] = [
  {
    text: 'The harbour commission met on 12 March 2024 and again in 1991-1993 archives were cited. "We will publish everything," the chair told reporters.',
    title: 'Harbour Commission Meets (12.3.2024)',
    rawDate: null,
    publishedAt: null,
    datePrecision: null,
    language: null,
  },
  {
    text: 'Комиссия собралась 5 мая 2024 г. В 1956 г. здесь уже спорили о порту.\n\nThe English summary of the meeting was posted later that evening by the press office.',
    title: null,
    rawDate: '2024-05-05T10:00:00+03:00',
    publishedAt: null,
    datePrecision: null,
    language: null,
  },
  { text: '', title: null, rawDate: null, publishedAt: null, datePrecision: null, language: null },
  { text: '😀 12:30 — ok', title: null, rawDate: null, publishedAt: null, datePrecision: null, language: null },
];

describe.each(ENRICHERS.map((e) => [e.id, e] as const))('enricher %s', (_id, e) => {
  it('declares what it is and what it writes', () => {
    expect(e.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(e.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(e.title.length).toBeGreaterThan(0);
    expect(e.description.length).toBeGreaterThan(20);
    expect(LAYERS).toContain(e.writes);
    for (const layer of e.requires) expect(LAYERS).toContain(layer);
    expect(e.options.safeParse({}).success).toBe(true);
  });

  it('writes spans inside the text, on its own layer, the same on every run', () => {
    const run = e.bind();
    for (const input of FIXTURES) {
      const a = run({ ...input }, { dateOrder: 'dmy', languages: ['en', 'ru', 'uk'] });
      const b = run({ ...input }, { dateOrder: 'dmy', languages: ['en', 'ru', 'uk'] });
      expect(b).toEqual(a);
      for (const span of a.spans) {
        expect(span.layer).toBe(e.writes);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeGreaterThan(span.start);
        expect(span.end).toBeLessThanOrEqual(input.text.length);
        expect(span.confidence).toBeGreaterThanOrEqual(0);
        expect(span.confidence).toBeLessThanOrEqual(1);
        expect(span.producer).toEqual({ id: e.id, version: e.version });
      }
    }
  });
});

describe('registry', () => {
  it('rejects unknown ids listing the valid ones', () => {
    expect(() => getEnricher('sentiment')).toThrow(/valid ids: language, dates/);
  });

  it('orders enrichers after the layers they require', () => {
    const written = new Set<string>();
    for (const e of ENRICHERS) {
      for (const layer of e.requires) expect(written.has(layer)).toBe(true);
      written.add(e.writes);
    }
  });
});
