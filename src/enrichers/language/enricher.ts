// The language enricher: the item's language, and `language` spans only where an item mixes
// languages (a post quoting a Russian paragraph), so single-language items stay uncluttered.
import { z } from 'zod';
import type { SpanDraft } from '../../core/types.js';
import type { Enricher } from '../types.js';
import { DEFAULT_LANGUAGES, UNDETERMINED } from './detect.js';
import { languageSpans } from './spans.js';
import type { LanguageSpan } from './spans.js';

export interface LanguageOptions {
  languages: string[];
  minLetters: number;
}

const VERSION = '1.0.0';

const options = z.object({
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "en"'))
    .default([])
    .describe('Candidate languages (ISO 639-1); empty means the languages configured for the run'),
  minLetters: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('Items with fewer letters get the language "und"'),
});

/** The item's language: the one with the most letters among its spans; `und` when too short. */
export function itemLanguage(spans: readonly LanguageSpan[], minLetters: number): { language: string; confidence: number } {
  const letters = new Map<string, { letters: number; weighted: number }>();
  let total = 0;
  for (const s of spans) {
    total += s.letters;
    if (s.language === UNDETERMINED) continue;
    const acc = letters.get(s.language) ?? { letters: 0, weighted: 0 };
    acc.letters += s.letters;
    acc.weighted += s.confidence * s.letters;
    letters.set(s.language, acc);
  }
  if (total < minLetters) return { language: UNDETERMINED, confidence: 0 };
  let best: string = UNDETERMINED;
  let bestLetters = 0;
  let bestWeighted = 0;
  for (const [language, acc] of letters) {
    if (acc.letters > bestLetters) {
      best = language;
      bestLetters = acc.letters;
      bestWeighted = acc.weighted;
    }
  }
  if (best === UNDETERMINED) return { language: UNDETERMINED, confidence: 0 };
  return { language: best, confidence: Math.round((bestWeighted / bestLetters) * 1000) / 1000 };
}

/** Detects the language of each item and marks the language runs of mixed-language items. */
export const languageEnricher: Enricher<LanguageOptions> = {
  id: 'language',
  version: VERSION,
  title: 'Language',
  description:
    'Identify the language of each item (ISO 639-1, "und" when too short or unclear), telling Russian from Ukrainian. Mark each paragraph or script run of items that mix languages.',
  requires: [],
  writes: 'language',
  options,
  run(input, opts, ctx) {
    const candidates =
      opts.languages.length > 0 ? opts.languages : ctx.languages.length > 0 ? ctx.languages : [...DEFAULT_LANGUAGES];
    const spans = languageSpans(input.text, candidates);
    const item = itemLanguage(spans, opts.minLetters);
    const known = spans.filter((s) => s.language !== UNDETERMINED);
    const mixed = new Set(known.map((s) => s.language)).size > 1;
    const drafts: SpanDraft[] = mixed
      ? known.map((s) => ({
          layer: 'language',
          label: s.language,
          start: s.start,
          end: s.end,
          value: null,
          confidence: s.confidence,
          producer: { id: 'language', version: VERSION },
        }))
      : [];
    return { spans: drafts, patch: { language: item.language, languageConfidence: item.confidence } };
  },
};
