// The quotes enricher: direct quotations as `quote` spans whose value is the speaker's name.
import { z } from 'zod';
import type { SpanDraft } from '../../core/types.js';
import type { Enricher } from '../types.js';
import { findQuotes } from './extract.js';
import { hasQuoteMarks } from './marks.js';

export interface QuotesOptions {
  minWords: number;
}

const VERSION = '1.0.0';

const options = z.object({
  minWords: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe('Fewest words an unattributed quotation needs; shorter ones count only with a speaker ("No," he said)'),
});

// Dialogue lines open with a dash; any text without a quotation mark or such a line is skipped
// before any work is done.
const DIALOGUE_LINE = /^[ \t]*[—–-][ \t\u00a0]/m;

/** Marks direct quotations and names their speakers. */
export const quotesEnricher: Enricher<QuotesOptions> = {
  id: 'quotes',
  version: VERSION,
  title: 'Quotes',
  description:
    'Mark direct quotations in quotation marks ("…", “…”, ‘…’, «…», „…“) and Russian dialogue lines opened by a dash, in the quote layer. The value names the speaker when the text does ("…," the minister said; «…», — заявил Лавров); pronouns and unattributed quotations get no value. Scare quotes of one or two words and quoted titles are not marked.',
  requires: ['language'],
  writes: 'quote',
  options,
  run(input, opts) {
    const text = input.text;
    if (!hasQuoteMarks(text) && !DIALOGUE_LINE.test(text)) return { spans: [] };
    const spans: SpanDraft[] = findQuotes(text, opts).map((q) => ({
      layer: 'quote',
      label: 'quote',
      start: q.start,
      end: q.end,
      value: q.speaker,
      confidence: q.confidence,
      producer: { id: 'quotes', version: VERSION },
    }));
    return { spans };
  },
};
