import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusLanguage, evaluateTechniques } from './evaluate.js';
import type { PtcCorpus } from './ptc.js';
import { formatPtcLabels, readPtc } from './ptc.js';
import { rulePredictor } from './rules/index.js';

// Offsets are code points: the emoji before "shameful" is one code point, two UTF-16 units.
const TEXT = '🔥 A shameful decision by corrupt officials.\nEither we act now or we lose everything.\n';
const corpus: PtcCorpus = {
  articles: [{ id: '42', text: TEXT }],
  si: [
    { articleId: '42', technique: null, start: 4, end: 12 },
    { articleId: '42', technique: null, start: 44, end: 83 },
  ],
  tc: [
    { articleId: '42', technique: 'Loaded_Language', start: 4, end: 12 },
    { articleId: '42', technique: 'Black-and-White_Fallacy', start: 44, end: 83 },
  ],
};

describe('evaluateTechniques', () => {
  it('scores the rule predictor in code points and returns its predictions', () => {
    const r = evaluateTechniques(corpus, rulePredictor('en'));
    expect([...TEXT].slice(4, 12).join('')).toBe('shameful');
    expect(r.predictions.si).toContainEqual({ articleId: '42', technique: 'Loaded_Language', start: 4, end: 12 });
    expect(r.si.recall).toBeCloseTo(1);
    expect(r.tc.microF1).toBe(1);
    expect(r.predictions.tc.map((s) => s.technique)).toEqual(['Loaded_Language', 'Black-and-White_Fallacy']);
    expect(formatPtcLabels(r.predictions.tc, 'tc')).toBe('42\tLoaded_Language\t4\t12\n42\tBlack-and-White_Fallacy\t44\t83\n');
  });

  it('clips predictions to the article and drops empty ones', () => {
    const r = evaluateTechniques(corpus, {
      spans: (a) => [
        { articleId: a.id, technique: null, start: 80, end: 500 },
        { articleId: a.id, technique: null, start: 7, end: 7 },
      ],
      classify: () => 'Doubt',
    });
    expect(r.predictions.si).toEqual([{ articleId: '42', technique: null, start: 80, end: [...TEXT].length }]);
    expect(r.tc.microF1).toBe(0);
  });

  it('tells English from Russian corpora', () => {
    expect(corpusLanguage(corpus)).toBe('en');
    expect(corpusLanguage({ articles: [{ id: '1', text: 'Это просто текст на русском языке.' }], si: [], tc: [] })).toBe('ru');
  });
});

const DATA = join(import.meta.dirname, '../../../shared/data/ptc2020-train');
describe.skipIf(!existsSync(DATA))('rule detector on the shared PTC data (skipped when ../shared/data is absent)', () => {
  it('meets the English targets on held-out articles (ids ending 0-2)', () => {
    const all = readPtc(DATA);
    const held = (id: string): boolean => /[012]$/.test(id);
    const dev: PtcCorpus = {
      articles: all.articles.filter((a) => held(a.id)),
      si: all.si.filter((s) => held(s.articleId)),
      tc: all.tc.filter((s) => held(s.articleId)),
    };
    const r = evaluateTechniques(dev, rulePredictor('en'));
    expect(r.si.f1).toBeGreaterThanOrEqual(0.15);
    expect(r.tc.microF1).toBeGreaterThanOrEqual(0.35);
  }, 60_000);
});
