import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OffsetConverter } from '../../core/codepoints.js';
import type { PtcCorpus, PtcSpan } from '../ptc.js';
import { readPtc } from '../ptc.js';
import { scoreSI, scoreTC } from '../score.js';
import { classifyFragment, loadModel, predictSpans, rankTechniques, saveModel } from './model.js';
import { trainTechniqueModel } from './train.js';

// Invented articles: "[[Technique|words]]" marks a labelled span. Neutral sentences surround the
// marked ones so the tagger has to tell them apart.
const NEUTRAL = [
  'The council met on Tuesday to discuss the budget for the coming year.',
  'Officials said the new bridge would open to traffic in early spring.',
  'The report was published by the regional statistics office last week.',
  'Several schools in the district will change their timetables in September.',
  'The weather service expects light rain over the weekend.',
  'A spokesperson confirmed that the meeting had been moved to Thursday.',
  'The museum will extend its opening hours during the summer months.',
  'Farmers in the valley reported an average harvest this season.',
];
const MARKED = [
  'Only [[Name_Calling|spineless cowards]] would sign such an agreement.',
  'The minister and his [[Name_Calling|spineless cowards]] in the cabinet stayed silent.',
  'This [[Loaded_Language|disastrous catastrophe]] was caused by the new rules.',
  'Critics called the plan a [[Loaded_Language|disastrous catastrophe]] for the region.',
  'We must defend [[Flag_Waving|our sacred homeland]] against every threat.',
  'Every citizen should stand up for [[Flag_Waving|our sacred homeland]] today.',
  '[[Doubt|Can anyone really trust these numbers?]]',
  'The agency released its figures, but [[Doubt|can anyone really trust these numbers?]]',
];

function article(markup: string, id: string): { text: string; spans: PtcSpan[] } {
  let text = '';
  const spans: PtcSpan[] = [];
  const re = /\[\[([^|\]]+)\|([^\]]+)\]\]/g;
  let last = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    text += markup.slice(last, m.index);
    const start = new OffsetConverter(text).toCp(text.length);
    text += m[2] ?? '';
    spans.push({ articleId: id, technique: m[1] ?? null, start, end: start + [...(m[2] ?? '')].length });
    last = m.index + m[0].length;
  }
  text += markup.slice(last);
  return { text, spans };
}

/** A corpus of `n` articles: a title, then neutral and marked sentences, one per line. */
function syntheticCorpus(n: number, prefix = ''): PtcCorpus {
  const corpus: PtcCorpus = { articles: [], si: [], tc: [] };
  for (let a = 0; a < n; a++) {
    const lines = [`${prefix}Weekly bulletin number ${a + 1}`, ''];
    for (let k = 0; k < 6; k++) {
      lines.push(NEUTRAL[(a + k * 3) % NEUTRAL.length] ?? '');
      if (k % 2 === a % 2) lines.push(MARKED[(a * 3 + k) % MARKED.length] ?? '');
    }
    const { text, spans } = article(lines.join('\n') + '\n', String(100 + a));
    corpus.articles.push({ id: String(100 + a), text });
    corpus.tc.push(...spans);
    corpus.si.push(...spans.map((s) => ({ ...s, technique: null })));
  }
  return corpus;
}

const small = { si: 16, tc: 12 };
const dir = mkdtempSync(join(tmpdir(), 'narrascope-technique-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('technique model on an invented corpus', () => {
  const model = trainTechniqueModel(syntheticCorpus(30), { lang: 'en', seed: 3, epochs: 20, hashBits: small });

  it('finds the labelled phrases in a new article and names their techniques', () => {
    const text = [
      'Harbour news',
      '',
      'The ferry timetable changes next month.',
      'Residents say the closure is a disastrous catastrophe for local shops.',
      'The mayor thanked volunteers who cleaned the beach.',
      'Only spineless cowards would vote for the harbour tax.',
      '',
    ].join('\n');
    const spans = predictSpans(model, text);
    const found = spans.map((s) => ({ technique: s.technique, text: text.slice(s.start, s.end) }));
    expect(found.some((f) => f.text.includes('disastrous catastrophe') && f.technique === 'Loaded_Language')).toBe(true);
    expect(found.some((f) => f.text.includes('spineless cowards') && f.technique === 'Name_Calling')).toBe(true);
    // Neutral sentences stay unmarked.
    for (const f of found) expect(f.text).not.toMatch(/ferry|volunteers/);
    for (const s of spans) {
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('classifies a given fragment, and ranks every technique', () => {
    const text = 'Speakers at the rally promised to protect our sacred homeland from outsiders.';
    const start = text.indexOf('our sacred homeland');
    const best = classifyFragment(model, text, start, start + 'our sacred homeland'.length);
    expect(best.technique).toBe('Flag_Waving');
    const ranked = rankTechniques(model, text, start, start + 'our sacred homeland'.length);
    expect(ranked.map((r) => r.technique).sort()).toEqual(['Doubt', 'Flag_Waving', 'Loaded_Language', 'Name_Calling']);
    expect(ranked.reduce((n, r) => n + r.confidence, 0)).toBeCloseTo(1, 5);
  });

  it('returns UTF-16 offsets when the text holds characters outside the BMP', () => {
    const corpus = syntheticCorpus(30, '🔥 ');
    // Code point offsets in the corpus: the emoji shifts UTF-16 offsets by one against them.
    const first = corpus.tc[0];
    const a = corpus.articles[0];
    if (!first || !a) throw new Error('fixture has no spans');
    const conv = new OffsetConverter(a.text);
    expect(a.text.slice(conv.toUtf16(first.start), conv.toUtf16(first.end))).toMatch(/^[a-z]/i);
    const m = trainTechniqueModel(corpus, { lang: 'en', seed: 3, epochs: 20, hashBits: small });
    const text = '🔥 Alert\n\nThey called it a disastrous catastrophe for everyone.\n';
    const spans = predictSpans(m, text);
    const texts = spans.map((s) => text.slice(s.start, s.end));
    expect(texts.some((t) => t.includes('disastrous catastrophe'))).toBe(true);
    // Offsets shifted by one code unit would cut words in half.
    for (const t of texts) expect(t).toMatch(/^\w.*\w$/);
  });

  it('survives a save and load round trip unchanged', () => {
    const path = join(dir, 'model.json');
    saveModel(model, path);
    const saved = readFileSync(path, 'utf8');
    // Weights only: no sentence of the training corpus ends up in the file.
    expect(saved).not.toContain('spineless');
    expect(saved).not.toContain('council');
    const loaded = loadModel(path);
    const text = 'The agency released its figures, but can anyone really trust these numbers?\n';
    expect(predictSpans(loaded, text)).toEqual(predictSpans(model, text));
    expect(loaded.si.decoding).toEqual(model.si.decoding);
    expect(loaded.techniques).toEqual(model.techniques);
  });

  it('fails with an error naming the path when the file is not a model', () => {
    const notJson = join(dir, 'notes.txt');
    writeFileSync(notJson, 'just some notes\n');
    expect(() => loadModel(notJson)).toThrow(`${notJson} is not a narrascope technique model: not JSON`);
    const otherJson = join(dir, 'other.json');
    writeFileSync(otherJson, JSON.stringify({ name: 'something else' }));
    expect(() => loadModel(otherJson)).toThrow(`${otherJson} is not a narrascope technique model`);
    const broken = join(dir, 'broken.json');
    const m = JSON.parse(JSON.stringify(model)) as typeof model;
    m.si.weights.count += 1;
    writeFileSync(broken, JSON.stringify(m));
    expect(() => loadModel(broken)).toThrow(`${broken} is not a narrascope technique model: SI weights hold`);
    const missing = join(dir, 'absent.json');
    expect(() => loadModel(missing)).toThrow(missing);
  });

  it('trains the same model twice from the same seed', () => {
    const again = trainTechniqueModel(syntheticCorpus(30), { lang: 'en', seed: 3, epochs: 20, hashBits: small });
    expect(again.si.weights).toEqual(model.si.weights);
    expect(again.tc.weights).toEqual(model.tc.weights);
  });

  it('refuses a corpus without technique labels', () => {
    const corpus = syntheticCorpus(2);
    expect(() => trainTechniqueModel({ ...corpus, tc: [] }, { lang: 'en' })).toThrow(/technique labels/);
    expect(() => trainTechniqueModel({ articles: [], si: [], tc: [] }, { lang: 'en' })).toThrow(/without articles/);
  });
});

describe('technique model on a Russian invented corpus', () => {
  it('learns spans whose ends stop a character short of the word end', () => {
    const neutral = ['Совет обсудил бюджет на следующий год.', 'Новый мост откроют весной.', 'Музей продлит часы работы летом.'];
    const corpus: PtcCorpus = { articles: [], si: [], tc: [] };
    for (let a = 0; a < 10; a++) {
      const lines = [`Выпуск ${a + 1}`, '', neutral[a % 3] ?? '', 'Эти [[Loaded_Language|грязные провокаторы]] снова лгут.', neutral[(a + 1) % 3] ?? ''];
      const { text, spans } = article(lines.join('\n'), String(a));
      corpus.articles.push({ id: String(a), text });
      // As in the SemEval-2023 files: the end stops one character short.
      corpus.tc.push(...spans.map((s) => ({ ...s, end: s.end - 1 })));
    }
    const m = trainTechniqueModel(corpus, { lang: 'ru', seed: 1, hashBits: small });
    const text = 'Новости\n\nВчера грязные провокаторы устроили шествие.\n';
    const spans = predictSpans(m, text);
    // Spans snap to whole words.
    expect(spans.map((s) => text.slice(s.start, s.end))).toContain('грязные провокаторы');
  });
});

const PTC = new URL('../../../../shared/data/ptc2020-train', import.meta.url).pathname;

describe.skipIf(!existsSync(PTC))('technique model on the SemEval-2020 training articles (../shared/data)', () => {
  it('learns from 100 articles well above chance on 25 others', () => {
    const corpus = readPtc(PTC);
    const ids = corpus.articles.map((a) => a.id).sort();
    const trainIds = new Set(ids.slice(0, 100));
    const testIds = new Set(ids.slice(ids.length - 25));
    const pick = (s: PtcSpan, set: Set<string>): boolean => set.has(s.articleId);
    const model = trainTechniqueModel(
      { articles: corpus.articles.filter((a) => trainIds.has(a.id)), si: corpus.si.filter((s) => pick(s, trainIds)), tc: corpus.tc.filter((s) => pick(s, trainIds)) },
      { lang: 'en', seed: 1, epochs: 4, hashBits: { si: 20, tc: 18 } },
    );
    const siPred: PtcSpan[] = [];
    const tcPred: PtcSpan[] = [];
    const tcGold = corpus.tc.filter((s) => pick(s, testIds));
    for (const a of corpus.articles.filter((x) => testIds.has(x.id))) {
      const conv = new OffsetConverter(a.text);
      for (const p of predictSpans(model, a.text)) siPred.push({ articleId: a.id, technique: null, start: conv.toCp(p.start), end: conv.toCp(p.end) });
      for (const g of tcGold) {
        if (g.articleId !== a.id) continue;
        const best = classifyFragment(model, a.text, conv.toUtf16(g.start), conv.toUtf16(g.end));
        tcPred.push({ ...g, technique: best.technique });
      }
    }
    const si = scoreSI(corpus.si.filter((s) => pick(s, testIds)), siPred);
    const tc = scoreTC(tcGold, tcPred);
    // Trained on a quarter of the data: below the full model, well above predicting nothing
    // (SI) or always the most frequent technique (TC).
    const majority = tcGold.filter((g) => g.technique === 'Loaded_Language').length / tcGold.length;
    expect(si.f1).toBeGreaterThan(0.25);
    expect(tc.microF1).toBeGreaterThan(majority + 0.05);
  });
});
