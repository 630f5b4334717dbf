// An enricher is data plus one function (STYLE.md, example 4): the options schema drives CLI
// flags, API and UI forms; every span it writes carries its id and version as producer.
import type { z } from 'zod';
import type { DateOrder, DatePrecision, Layer, SpanDraft } from '../core/types.js';

/** What an enricher sees of an item. */
export interface EnrichInput {
  text: string;
  title: string | null;
  /** Publication date text from the format's metadata, unparsed (feed pubDate, meta tag, CSV field). */
  rawDate: string | null;
  publishedAt: string | null;
  datePrecision: DatePrecision | null;
  language: string | null;
}

export interface EnrichContext {
  /** Day/month order of the item's source, when known (inferred or set with --date-order). */
  dateOrder: DateOrder | null;
  /** Candidate languages (ISO 639-1). */
  languages: string[];
}

/** Item fields an enricher may set, beside the spans it writes. */
export interface ItemPatch {
  language?: string;
  languageConfidence?: number;
  publishedAt?: string | null;
  datePrecision?: DatePrecision | null;
}

export interface EnrichResult {
  spans: SpanDraft[];
  patch?: ItemPatch;
}

export interface Enricher<O = unknown> {
  id: string;
  version: string;
  title: string;
  description: string;
  requires: Layer[];
  writes: Layer;
  options: z.ZodType<O>;
  run(input: EnrichInput, options: O, ctx: EnrichContext): EnrichResult;
}
