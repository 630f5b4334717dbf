// The entities enricher: people, organisations, places and other names (PER, ORG, LOC, MISC) in
// English, Russian and Ukrainian, each with the canonical key its spellings and case forms share.
import { z } from 'zod';
import type { SpanDraft } from '../../core/types.js';
import { canonicalKey } from '../../entities/canonical.js';
import { recogniseEntities } from '../../entities/recognise.js';
import type { Enricher } from '../types.js';

export interface EntitiesOptions {
  minConfidence: number;
}

const VERSION = '1.0.0';

const options = z.object({
  minConfidence: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Drop mentions below this confidence (names typed only by a fallback guess score 0.4)'),
});

/** Marks named people, organisations, places and other names with their canonical keys. */
export const entitiesEnricher: Enricher<EntitiesOptions> = {
  id: 'entities',
  version: VERSION,
  title: 'Entities',
  description:
    'Mark people (PER), organisations (ORG), places (LOC) and other names (MISC) in English, Russian and Ukrainian text as entity spans. Titles such as "President" are left out of the span; the value is a key shared by spellings, transliterations and Russian case forms of one name.',
  requires: ['language'],
  writes: 'entity',
  options,
  run(input, opts) {
    const lang = input.language ?? 'und';
    const spans: SpanDraft[] = [];
    for (const m of recogniseEntities(input.text, lang)) {
      if (m.confidence < opts.minConfidence) continue;
      spans.push({
        layer: 'entity',
        label: m.type,
        start: m.start,
        end: m.end,
        value: canonicalKey(m.canonical, m.type, lang) || m.canonical,
        confidence: m.confidence,
        producer: { id: 'entities', version: VERSION },
      });
    }
    return { spans };
  },
};
