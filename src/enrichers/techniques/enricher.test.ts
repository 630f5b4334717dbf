import { describe, expect, it } from 'vitest';
import type { EnrichContext, EnrichInput } from '../types.js';
import { techniqueLanguage, techniquesEnricher } from './index.js';

const ctx: EnrichContext = { dateOrder: null, languages: ['en', 'ru'] };
const defaults = techniquesEnricher.options.parse({});

function input(text: string, language: string | null): EnrichInput {
  return { text, title: null, rawDate: null, publishedAt: null, datePrecision: null, language };
}

describe('techniquesEnricher', () => {
  it('declares itself and parses default options', () => {
    expect(techniquesEnricher).toMatchObject({ id: 'techniques', version: '1.0.0', writes: 'technique', requires: ['language'] });
    expect(defaults).toEqual({ minConfidence: 0.35 });
    expect(techniquesEnricher.options.safeParse({ minConfidence: 2 }).success).toBe(false);
  });

  it('marks English items with SemEval-2020 techniques, the cue as value', () => {
    const text = 'The governor’s shameful decision will destroy our country. Everyone knows it.';
    const { spans } = techniquesEnricher.run(input(text, 'en'), defaults, ctx);
    const loaded = spans.find((s) => s.label === 'Loaded_Language' && text.slice(s.start, s.end) === 'shameful');
    expect(loaded).toMatchObject({ layer: 'technique', producer: { id: 'techniques', version: '1.0.0' } });
    expect(loaded?.value).toMatch(/charged word: “shameful”/);
    expect(spans.map((s) => s.label)).toContain('Bandwagon,Reductio_ad_hitlerum');
    for (const s of spans) {
      expect(s.confidence).toBeGreaterThanOrEqual(0.35);
      expect(s.end).toBeLessThanOrEqual(text.length);
    }
  });

  it('marks Russian items with SemEval-2023 techniques', () => {
    const text = 'Так называемые эксперты снова лгут, но кто им поверит?';
    const labels = techniquesEnricher.run(input(text, 'ru'), defaults, ctx).spans.map((s) => s.label);
    expect(labels).toContain('Doubt');
    expect(labels).not.toContain('Name_Calling,Labeling');
  });

  it('leaves items in other or unknown languages unmarked', () => {
    const text = 'The governor’s shameful decision will destroy our country.';
    expect(techniquesEnricher.run(input(text, 'de'), defaults, ctx).spans).toEqual([]);
    expect(techniquesEnricher.run(input(text, null), defaults, ctx).spans).toEqual([]);
    expect(techniqueLanguage('en-GB')).toBe('en');
    expect(techniqueLanguage('uk')).toBeNull();
  });

  it('raises the bar with minConfidence', () => {
    const text = 'The governor’s shameful decision will destroy our country. Everyone knows it.';
    const strict = techniquesEnricher.run(input(text, 'en'), { minConfidence: 0.9 }, ctx).spans;
    expect(strict).toEqual([]);
  });
});
