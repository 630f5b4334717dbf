// The techniques enricher: marks fragments that use a propaganda technique, with the hand-written
// rule detector. English items get the 14 techniques of SemEval-2020 Task 11, Russian items the
// persuasion techniques of SemEval-2023 Task 3; items in other languages get nothing.
import { z } from 'zod';
import type { SpanDraft } from '../../core/types.js';
import { DEFAULT_MIN_CONFIDENCE, detectTechniques } from '../../techniques/rules/detect.js';
import type { TechniqueLanguage } from '../../techniques/rules/detect.js';
import { predictSpans, type TechniqueModel } from '../../techniques/model/model.js';
import type { Enricher } from '../types.js';

export interface TechniquesOptions {
  minConfidence: number;
  /** A model from `narrascope train techniques`, used instead of the rules for its language. */
  model?: TechniqueModel | undefined;
}

const VERSION = '1.0.0';

const options = z.object({
  minConfidence: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_MIN_CONFIDENCE)
    .describe('Leave out fragments whose cue is weaker than this (0 to 1)'),
  model: z
    .custom<TechniqueModel>((v) => typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'narrascope-technique-model', {
      message: 'expected a model loaded from `narrascope train techniques` output',
    })
    .optional()
    .describe('A trained technique model (loaded from the file given to --model); used for items in its language'),
});

/** The detector language of an item's ISO 639-1 code, or null when the detector has no rules for it. */
export function techniqueLanguage(language: string | null): TechniqueLanguage | null {
  const base = (language ?? '').toLowerCase().slice(0, 2);
  return base === 'en' || base === 'ru' ? base : null;
}

/** Marks propaganda techniques in English and Russian items. */
export const techniquesEnricher: Enricher<TechniquesOptions> = {
  id: 'techniques',
  version: VERSION,
  title: 'Propaganda techniques',
  description:
    'Mark fragments that use a propaganda technique (loaded language, name calling, doubt, appeals to fear, flag-waving and others) in English and Russian items, found by hand-written word lists and patterns; each mark names the technique and the cue that fired. Items in other languages are left unmarked. Writes the technique layer.',
  requires: ['language'],
  writes: 'technique',
  options,
  run(input, opts) {
    const lang = techniqueLanguage(input.language);
    if (!lang || input.text.length === 0) return { spans: [] };
    const model = opts.model;
    if (model && model.lang === lang) {
      const trained = `trained model (${model.training.articles} articles, ${model.training.createdAt.slice(0, 10)})`;
      const spans: SpanDraft[] = predictSpans(model, input.text)
        .filter((d) => d.confidence >= opts.minConfidence)
        .map((d) => ({
          layer: 'technique',
          label: d.technique,
          start: d.start,
          end: d.end,
          value: `${trained}, p=${d.confidence.toFixed(2)}`,
          confidence: d.confidence,
          producer: { id: 'techniques', version: VERSION },
        }));
      return { spans };
    }
    const spans: SpanDraft[] = detectTechniques(input.text, lang, { minConfidence: opts.minConfidence }).map((d) => ({
      layer: 'technique',
      label: d.technique,
      start: d.start,
      end: d.end,
      value: d.cue,
      confidence: d.confidence,
      producer: { id: 'techniques', version: VERSION },
    }));
    return { spans };
  },
};
