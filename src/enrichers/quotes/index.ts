// Public API of the quotes enricher.
export { quotesEnricher } from './enricher.js';
export type { QuotesOptions } from './enricher.js';
export { findQuotes } from './extract.js';
export type { Quote, QuoteOptions } from './extract.js';
export { pairQuoteMarks, MAX_QUOTE_CHARS } from './marks.js';
export type { MarkPair } from './marks.js';
export { attributionAfter, attributionBefore } from './speaker.js';
export type { Attribution } from './speaker.js';
