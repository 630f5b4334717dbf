// The rule detector as a TechniquePredictor for evaluateTechniques: converts between the code point
// offsets of PTC files and the UTF-16 offsets the detector works in.
import { OffsetConverter } from '../../core/codepoints.js';
import type { TechniquePredictor } from '../evaluate.js';
import type { PtcArticle, PtcSpan } from '../ptc.js';
import type { DetectOptions, TechniqueLanguage } from './detect.js';
import { classifyFragment, DEFAULT_MIN_CONFIDENCE, detectTechniques } from './detect.js';

/** A predictor backed by the hand-written rules of `lang`. */
export function rulePredictor(lang: TechniqueLanguage, opts: DetectOptions = { minConfidence: DEFAULT_MIN_CONFIDENCE }): TechniquePredictor {
  return {
    spans(article: PtcArticle): PtcSpan[] {
      const conv = new OffsetConverter(article.text);
      return detectTechniques(article.text, lang, opts).map((d) => ({
        articleId: article.id,
        technique: d.technique,
        start: conv.toCp(d.start),
        end: conv.toCp(d.end),
      }));
    },
    classify(article: PtcArticle, span: PtcSpan): string {
      const conv = new OffsetConverter(article.text);
      return classifyFragment(article.text, conv.toUtf16(span.start), conv.toUtf16(span.end), lang).technique;
    },
  };
}
