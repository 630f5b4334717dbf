// The dates enricher: the item's publication date (metadata, then a dated headline, then a
// dateline) and every date mentioned in its text as a `date` span with its ISO value.
import { z } from 'zod';
import type { DateOrder, SpanDraft } from '../../core/types.js';
import type { Enricher, ItemPatch } from '../types.js';
import { extractDates } from './extract.js';
import { datelineDate, headlineDate, parseDate } from './parse.js';
import type { ParsedDate } from './parse.js';

export interface DatesOptions {
  order?: DateOrder;
}

const VERSION = '1.0.0';

const options = z.object({
  order: z
    .enum(['dmy', 'mdy'])
    .optional()
    .describe("Day/month order of numeric dates; by default the source's inferred order, day first when unknown"),
});

/** Dates the item's publication and marks the dates mentioned in its text. */
export const datesEnricher: Enricher<DatesOptions> = {
  id: 'dates',
  version: VERSION,
  title: 'Dates',
  description:
    'Date each item from its metadata, a date ending its headline, or a dateline opening its text. Mark full dates, months, years, ranges and decades mentioned in the text with ISO values.',
  requires: [],
  writes: 'date',
  options,
  run(input, opts, ctx) {
    const order = opts.order ?? ctx.dateOrder;
    const refYear = input.publishedAt ? Number(input.publishedAt.slice(0, 4)) : undefined;
    let published: ParsedDate | null = input.rawDate ? parseDate(input.rawDate, { order }) : null;
    published ??= headlineDate(input.title, order);
    published ??= datelineDate(input.text, order, refYear);
    const patch: ItemPatch = published
      ? { publishedAt: published.date, datePrecision: published.precision }
      : { publishedAt: input.publishedAt, datePrecision: input.datePrecision };
    const spans: SpanDraft[] = extractDates(input.text, { order }).map((d) => ({
      layer: 'date',
      label: d.label,
      start: d.start,
      end: d.end,
      value: d.value,
      confidence: d.confidence,
      producer: { id: 'dates', version: VERSION },
    }));
    return { spans, patch };
  },
};
