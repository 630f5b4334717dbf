// chrono-node for dates written with month names ("July 5, 2024", "3 апреля 1914 года",
// "з 3 по 5 квітня 2023"), always in strict mode: casual mode invents dates from "now",
// "Morning" and issue numbers.
import * as chrono from 'chrono-node';
import type { ParsedComponents } from 'chrono-node';
import { isoDay, isValidDay } from './calendar.js';
import type { MonthLocale } from './calendar.js';

let english: chrono.Chrono | null = null;

function parserFor(locale: MonthLocale): chrono.Chrono {
  if (locale === 'ru') return chrono.ru.strict;
  if (locale === 'uk') return chrono.uk.strict;
  // Day first: in strict English mode chrono otherwise reads 3.6.2023 as 6 March.
  english ??= new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true));
  return english;
}

// A fixed reference keeps results reproducible; we only accept components chrono did not guess.
const REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

/** A date or day range chrono found, with its offsets in the text it was given. */
export interface ChronoDate {
  index: number;
  text: string;
  start: string;
  /** ISO day of the range end, when chrono found a range. */
  end: string | null;
  /** True when chrono had to take the year from the reference date. */
  yearGuessed: boolean;
}

function isoOf(c: ParsedComponents): { iso: string; year: number } | null {
  const year = c.get('year');
  const month = c.get('month');
  const day = c.get('day');
  if (year === null || month === null || day === null || !isValidDay(year, month, day)) return null;
  return { iso: isoDay(year, month, day), year };
}

const LETTER = /\p{L}/u;

/**
 * Dates with a named month and a day that chrono finds in `text`, in the given language. Purely
 * numeric matches are left out: numeric dates depend on the source's day/month order.
 */
export function chronoDates(text: string, locale: MonthLocale, reference: Date = REFERENCE): ChronoDate[] {
  const out: ChronoDate[] = [];
  for (const r of parserFor(locale).parse(text, reference, { forwardDate: false })) {
    if (!LETTER.test(r.text)) continue;
    if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
    let start = isoOf(r.start);
    if (!start) continue;
    let end: string | null = null;
    let yearGuessed = !r.start.isCertain('year');
    if (r.end && r.end.isCertain('day') && r.end.isCertain('month')) {
      const e = isoOf(r.end);
      if (!e) continue;
      if (e.iso !== start.iso) end = e.iso;
      if (yearGuessed && r.end.isCertain('year')) {
        // "3 to 5 April 2023": the year written once belongs to both ends.
        const month = r.start.get('month') ?? 0;
        const day = r.start.get('day') ?? 0;
        if (!isValidDay(e.year, month, day)) continue;
        start = { iso: isoDay(e.year, month, day), year: e.year };
        end = e.iso !== start.iso ? e.iso : null;
        yearGuessed = false;
      }
      if (end !== null && end < start.iso) continue;
    }
    out.push({ index: r.index, text: r.text, start: start.iso, end, yearGuessed });
  }
  return out;
}
