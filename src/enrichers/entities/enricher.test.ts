import { describe, expect, it } from 'vitest';
import type { EnrichContext, EnrichInput } from '../types.js';
import { entitiesEnricher } from './index.js';

const ctx: EnrichContext = { dateOrder: null, languages: ['en', 'ru', 'uk'] };
const defaults = entitiesEnricher.options.parse({});

function input(text: string, language: string | null): EnrichInput {
  return { text, title: null, rawDate: null, publishedAt: null, datePrecision: null, language };
}

describe('entitiesEnricher', () => {
  it('declares itself and parses default options', () => {
    expect(entitiesEnricher).toMatchObject({ id: 'entities', version: '1.0.0', writes: 'entity', requires: ['language'] });
    expect(defaults).toEqual({ minConfidence: 0 });
    expect(entitiesEnricher.options.safeParse({ minConfidence: 2 }).success).toBe(false);
  });

  it('writes entity spans labelled by type with a shared canonical key', () => {
    const en = 'Ukrainian President Volodymyr Zelenskyy met Mr. Putin in Geneva.';
    const ru = 'Зеленский встретился с Путиным в Женеве.';
    const a = entitiesEnricher.run(input(en, 'en'), defaults, ctx).spans;
    const b = entitiesEnricher.run(input(ru, 'ru'), defaults, ctx).spans;
    expect(a.map((s) => [s.label, en.slice(s.start, s.end), s.value])).toEqual([
      ['MISC', 'Ukrainian', 'ukrainian'],
      ['PER', 'Volodymyr Zelenskyy', 'volodymyr zelensky'],
      ['PER', 'Putin', 'vladimir putin'],
      ['LOC', 'Geneva', 'geneva'],
    ]);
    expect(b.map((s) => [s.label, s.value])).toEqual([
      ['PER', 'volodymyr zelensky'],
      ['PER', 'vladimir putin'],
      ['LOC', 'geneva'],
    ]);
    for (const s of [...a, ...b]) {
      expect(s).toMatchObject({ layer: 'entity', producer: { id: 'entities', version: '1.0.0' } });
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('drops mentions under the minimum confidence', () => {
    const text = 'The Zarnovia deal was signed, Anna Kowalska said.';
    const all = entitiesEnricher.run(input(text, 'en'), defaults, ctx).spans;
    const sure = entitiesEnricher.run(input(text, 'en'), { minConfidence: 0.5 }, ctx).spans;
    expect(all.map((s) => s.label)).toEqual(['ORG', 'PER']);
    expect(sure.map((s) => s.label)).toEqual(['PER']);
  });
});
