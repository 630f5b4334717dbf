// Runs a technique predictor over a PTC corpus and scores it as SemEval-2020 Task 11 defines the
// tasks: SI on the spans it finds in each article, TC on the gold fragments it is given to label.
import { OffsetConverter } from '../core/codepoints.js';
import type { PtcArticle, PtcCorpus, PtcSpan } from './ptc.js';
import type { PrecisionRecallF1, TcScore } from './score.js';
import { scoreSI, scoreTC } from './score.js';

/** What an evaluation needs of a detector; offsets are code points into `article.text`. */
export interface TechniquePredictor {
  /** Propaganda fragments found in the article (technique may be set; SI ignores it). */
  spans(article: PtcArticle): PtcSpan[];
  /** The technique of one gold fragment of the article. */
  classify(article: PtcArticle, span: PtcSpan): string;
}

export interface TechniqueEvaluation {
  si: PrecisionRecallF1;
  tc: TcScore;
  /** What the predictor said, ready for `formatPtcLabels` and the official scorers. */
  predictions: { si: PtcSpan[]; tc: PtcSpan[] };
}

export interface EvaluateOptions {
  /** Techniques to list in per-technique scores even when absent from gold and predictions. */
  techniques?: readonly string[];
}

/** Scores a predictor on a corpus: SI over its spans, TC over its labels for the gold fragments. */
export function evaluateTechniques(corpus: PtcCorpus, predictor: TechniquePredictor, opts: EvaluateOptions = {}): TechniqueEvaluation {
  const byId = new Map(corpus.articles.map((a) => [a.id, a]));
  const si: PtcSpan[] = [];
  for (const article of corpus.articles) {
    const len = new OffsetConverter(article.text).toCp(article.text.length);
    for (const s of predictor.spans(article)) {
      // Clip to the article and drop empty spans: the scorer refuses them.
      const start = Math.max(0, Math.min(s.start, len));
      const end = Math.max(0, Math.min(s.end, len));
      if (end > start) si.push({ articleId: article.id, technique: s.technique, start, end });
    }
  }
  const tc: PtcSpan[] = corpus.tc.map((g) => {
    const article = byId.get(g.articleId);
    if (!article) throw new Error(`TC span of article ${g.articleId}, which the corpus lacks`);
    return { ...g, technique: predictor.classify(article, g) };
  });
  return {
    si: scoreSI(corpus.si, si),
    tc: scoreTC(corpus.tc, tc, opts.techniques ?? []),
    predictions: { si, tc },
  };
}

/** The corpus language for the rule detector: Russian when most letters are Cyrillic. */
export function corpusLanguage(corpus: PtcCorpus): 'en' | 'ru' {
  let cyr = 0;
  let lat = 0;
  for (const a of corpus.articles.slice(0, 50)) {
    for (const m of a.text.matchAll(/[\u0400-\u04ff]|[a-z]/gi)) {
      if (m[0] >= '\u0400') cyr++;
      else lat++;
    }
  }
  return cyr > lat ? 'ru' : 'en';
}
