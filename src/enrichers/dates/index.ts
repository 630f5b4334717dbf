// Public API of the dates enricher.
export { isValidDay, isValidYear, monthOf, resolveNumeric } from './calendar.js';
export type { MonthLocale, MonthName } from './calendar.js';
export { numericDatePairs, inferDateOrder } from './order.js';
export { parseDate, headlineDate, datelineDate } from './parse.js';
export type { ParsedDate, LocatedDate, ParseDateOptions } from './parse.js';
export { extractDates } from './extract.js';
export type { DateMention, DateLabel, MentionPrecision, ExtractOptions } from './extract.js';
export { datesEnricher } from './enricher.js';
export type { DatesOptions } from './enricher.js';
