// `narrascope eval techniques` and `narrascope train techniques`: the SemEval-2020 Task 11 measures
// over PTC-format folders, for the rule detector or a trained model, and training such a model.
import { writeFileSync } from 'node:fs';
import { OffsetConverter } from '../../core/codepoints.js';
import { createError, ERRORS } from '../../core/errors.js';
import { corpusLanguage, evaluateTechniques, type TechniquePredictor } from '../../techniques/evaluate.js';
import { loadModel, predictSpans, rankTechniques, saveModel, type TechniqueModel } from '../../techniques/model/model.js';
import { trainTechniqueModel } from '../../techniques/model/train.js';
import { formatPtcLabels, PTC2020_TECHNIQUES, readPtc, SEMEVAL2023_TECHNIQUES, type PtcArticle, type PtcSpan } from '../../techniques/ptc.js';
import { rulePredictor } from '../../techniques/rules/index.js';
import { out } from '../common.js';

interface EvalFlags {
  gold: string;
  model?: string;
  lang?: 'en' | 'ru';
  json?: boolean;
  writePredictions?: string;
}

/**
 * A trained model as a predictor; offsets are converted between code points and UTF-16. A gold
 * fragment listed k times (several techniques on one span) gets the model's k best techniques, as
 * the TC scorer pairs labels of one span.
 */
export function modelPredictor(m: TechniqueModel): TechniquePredictor {
  const asked = new Map<string, number>();
  return {
    spans(article: PtcArticle): PtcSpan[] {
      const conv = new OffsetConverter(article.text);
      return predictSpans(m, article.text).map((s) => ({ articleId: article.id, technique: s.technique, start: conv.toCp(s.start), end: conv.toCp(s.end) }));
    },
    classify(article: PtcArticle, span: PtcSpan): string {
      const key = `${article.id}:${span.start}:${span.end}`;
      const k = asked.get(key) ?? 0;
      asked.set(key, k + 1);
      const conv = new OffsetConverter(article.text);
      const ranked = rankTechniques(m, article.text, conv.toUtf16(span.start), conv.toUtf16(span.end));
      return ranked[Math.min(k, ranked.length - 1)]?.technique ?? m.techniques[0] ?? '';
    },
  };
}

const pct = (x: number): string => x.toFixed(4);

export async function runEvalTechniques(flags: EvalFlags): Promise<number> {
  const corpus = readPtc(flags.gold);
  const model = flags.model ? loadModel(flags.model) : null;
  const lang = flags.lang ?? model?.lang ?? corpusLanguage(corpus);
  if (model && model.lang !== lang) {
    throw createError(ERRORS.USAGE, `the model ${flags.model ?? ''} was trained for ${model.lang}, the gold corpus is ${lang}`, flags.model);
  }
  const predictor = model ? modelPredictor(model) : rulePredictor(lang);
  const techniques = lang === 'en' ? PTC2020_TECHNIQUES : SEMEVAL2023_TECHNIQUES;
  const t0 = Date.now();
  const res = evaluateTechniques(corpus, predictor, { techniques });
  const seconds = (Date.now() - t0) / 1000;
  if (flags.writePredictions) {
    const tcFile = flags.writePredictions.endsWith('.labels') ? flags.writePredictions.replace(/\.labels$/, '.tc.labels') : `${flags.writePredictions}.tc`;
    writeFileSync(flags.writePredictions, formatPtcLabels(res.predictions.si, 'si'));
    writeFileSync(tcFile, formatPtcLabels(res.predictions.tc, 'tc'));
    process.stderr.write(`SI predictions written to ${flags.writePredictions}, TC predictions to ${tcFile}\n`);
  }
  const detector = model ? `model ${flags.model ?? ''}` : `rules (${lang})`;
  if (flags.json) {
    await out(`${JSON.stringify({ detector, language: lang, articles: corpus.articles.length, si: res.si, tc: res.tc, seconds })}\n`);
    return 0;
  }
  await out(
    `${detector} on ${corpus.articles.length} articles, ${corpus.si.length} SI spans, ${corpus.tc.length} TC spans (${seconds.toFixed(1)} s)\n` +
      `SI  precision ${pct(res.si.precision)}  recall ${pct(res.si.recall)}  F1 ${pct(res.si.f1)}  (${res.predictions.si.length} spans predicted)\n` +
      `TC  micro-F1 ${pct(res.tc.microF1)}\n`,
  );
  const rows = Object.entries(res.tc.perTechnique).sort((a, b) => b[1].support - a[1].support);
  for (const [name, s] of rows) {
    await out(`  ${name.padEnd(40)} F1 ${pct(s.f1)}  P ${pct(s.precision)}  R ${pct(s.recall)}  gold ${s.support}\n`);
  }
  return 0;
}

interface TrainFlags {
  data: string;
  lang: 'en' | 'ru';
  out: string;
  epochs?: number;
  seed?: number;
}

export async function runTrainTechniques(flags: TrainFlags): Promise<number> {
  const corpus = readPtc(flags.data);
  if (corpus.tc.length === 0 && corpus.si.length === 0) {
    throw createError(ERRORS.INPUT_MALFORMED, `${flags.data}: no labelled spans to learn from`, flags.data);
  }
  const found = corpusLanguage(corpus);
  if (found !== flags.lang) process.stderr.write(`warning: --lang ${flags.lang}, but the articles in ${flags.data} look ${found}\n`);
  const t0 = Date.now();
  const model = trainTechniqueModel(corpus, {
    lang: flags.lang,
    ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    onProgress: (msg) => process.stderr.write(`  ${msg}\n`),
  });
  saveModel(model, flags.out);
  await out(
    `Trained a ${flags.lang} technique model on ${corpus.articles.length} articles (${corpus.si.length} SI, ${corpus.tc.length} TC spans) in ${((Date.now() - t0) / 1000).toFixed(1)} s; saved to ${flags.out}\n`,
  );
  return 0;
}
