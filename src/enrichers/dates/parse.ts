// Publication dates: metadata fields (ISO 8601, RFC 822, unix time, local forms), a date at the
// end of a headline, or a dateline opening the body.
import type { DateOrder, DatePrecision } from '../../core/types.js';
import { isoDay, isoMonth, isValidDay, isValidYear, monthOf, resolveNumeric } from './calendar.js';
import type { MonthLocale } from './calendar.js';
import { chronoDates } from './chrono.js';
import { extractDates } from './extract.js';

/** A publication date as ISO text (YYYY-MM-DD, YYYY-MM or YYYY) with its precision. */
export interface ParsedDate {
  date: string;
  precision: DatePrecision;
}

/** A publication date found inside a title or body, with the span of its text (UTF-16). */
export interface LocatedDate extends ParsedDate {
  start: number;
  end: number;
}

export interface ParseDateOptions {
  order: DateOrder | null;
  /** Reference for dates written without a year ("5 July"); without it they are rejected. */
  now?: Date;
}

const UNIX = /^(\d{9,13})(?:\.\d+)?$/;
const ISO_DAY = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+|,\s*)\d{1,2}:\d{2}.*)?$/i;
const ISO_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const YEAR_ONLY = /^(\d{4})(?:\s*(?:г\.|год|року|рік|р\.))?$/;
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:T|\s+|,\s*)(?:\d{1,2}[:.]\d{2}|[ap]m).*)?\.?$/i;
const MONTH_YEAR = /^([A-Za-z\u0400-\u04ff]{3,10})(\.?),?\s+(\d{4})(?:\s*(?:г\.|года|року|р\.))?$/;
const CYRILLIC = /[\u0400-\u04ff]/;
const WEEKDAY_PREFIX = /^[A-Za-z\u0400-\u04ff]+,\s*/;

function day(year: number, month: number, d: number): ParsedDate | null {
  return isValidDay(year, month, d) ? { date: isoDay(year, month, d), precision: 'day' } : null;
}

/**
 * Parses a date field: ISO 8601 (the date in its stated zone), RFC 822, unix seconds or
 * milliseconds, "5.7.2024" / "05/07/2024" by `order` (day first when null), "July 5, 2024",
 * "5 июля 2024", "5 липня 2024 р.", "July 2024", "2024". Null for anything else or impossible dates.
 */
export function parseDate(raw: string, opts: ParseDateOptions): ParsedDate | null {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s.length < 4 || s.length > 120) return null;
  let m: RegExpExecArray | null;

  if ((m = UNIX.exec(s)) && m[1] !== undefined) {
    const n = Number(m[1]);
    const d = new Date(m[1].length >= 12 ? n : n * 1000);
    return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  // The date as written is the date in the stated zone, so the zone itself can be ignored.
  if ((m = ISO_DAY.exec(s))) return day(Number(m[1]), Number(m[3]), Number(m[4]));
  if ((m = ISO_COMPACT.exec(s))) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = ISO_MONTH.exec(s))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return isValidYear(year) && month >= 1 && month <= 12 ? { date: isoMonth(year, month), precision: 'month' } : null;
  }
  if ((m = YEAR_ONLY.exec(s))) {
    const year = Number(m[1]);
    return isValidYear(year) ? { date: String(year), precision: 'year' } : null;
  }
  if ((m = NUMERIC.exec(s)) && m[4] !== undefined) {
    let year = Number(m[4]);
    // Two-digit years appear in metadata only ("05.07.24"); pivot at 50.
    if (m[4].length === 2) year += year < 50 ? 2000 : 1900;
    const r = resolveNumeric(Number(m[1]), Number(m[3]), opts.order);
    return day(year, r.month, r.day);
  }
  if ((m = MONTH_YEAR.exec(s.replace(WEEKDAY_PREFIX, ''))) && m[1] !== undefined) {
    const name = monthOf(m[1], m[2] === '.');
    const year = Number(m[3]);
    if (name && isValidYear(year)) return { date: isoMonth(year, name.month), precision: 'month' };
  }
  return namedMonthDay(s, opts.now);
}

function namedMonthDay(s: string, now: Date | undefined): ParsedDate | null {
  const locales: MonthLocale[] = CYRILLIC.test(s) ? ['ru', 'uk'] : ['en'];
  for (const locale of locales) {
    for (const r of chronoDates(s, locale, now)) {
      if (r.end) continue;
      if (r.yearGuessed && !now) continue;
      return { date: r.start, precision: 'day' };
    }
  }
  return null;
}

const HEADLINE_PARENS = /[([]\s*([^()[\]]{4,40}?)\s*[)\]][\s.!?]*$/d;
const HEADLINE_NUMERIC = /(?:^|\s)(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})[\s.]*$/d;
const SEPARATORS = [' - ', ' – ', ' — ', ' | ', ' :: ', ' // '];

function located(text: string, start: number, end: number, order: DateOrder | null): LocatedDate | null {
  const parsed = parseDate(text.slice(start, end), { order });
  if (!parsed || parsed.precision === 'year') return null;
  return { ...parsed, start, end };
}

/**
 * A date ending a headline: "(5.7.2024)", "… - July 5, 2024", "… | 05.07.2024", or "5.7.2024"
 * alone at the end. Day or month precision only: "Victory - 1945" is a subject, not a date.
 */
export function headlineDate(title: string | null, order: DateOrder | null): LocatedDate | null {
  if (!title) return null;
  const parens = HEADLINE_PARENS.exec(title);
  if (parens?.indices?.[1]) {
    const [s, e] = parens.indices[1];
    const found = located(title, s, e, order);
    if (found) return found;
  }
  let cut = -1;
  let cutLength = 0;
  for (const sep of SEPARATORS) {
    const at = title.lastIndexOf(sep);
    if (at > cut) {
      cut = at;
      cutLength = sep.length;
    }
  }
  if (cut > 0) {
    const s = cut + cutLength;
    let e = title.length;
    while (e > s && /[\s.!?]/.test(title.charAt(e - 1))) e--;
    if (e - s >= 4 && e - s <= 40) {
      const found = located(title, s, e, order);
      if (found) return found;
    }
  }
  const numeric = HEADLINE_NUMERIC.exec(title);
  if (numeric?.indices?.[1]) {
    const [s, e] = numeric.indices[1];
    return located(title, s, e, order);
  }
  return null;
}

const DATELINE_PREFIX = new RegExp(
  '^(?:(?:posted|published|updated|last updated|written|dated?|опубликовано|опубликован|обновлено|' +
    'дата публикации|дата|опубліковано|оновлено|дата публікації)\\s*:?\\s*(?:on\\s+|в\\s+|о\\s+)?)?' +
    '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+|' +
    '(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|понеділок|вівторок|середа|четвер|' +
    "п['’ʼ]ятниця|субота|неділя),?\\s+)?",
  'i',
);
const CAPS_PLACE = /^(\p{Lu}[\p{Lu}\s.'’-]{1,40}?)(?:\s*\([^)\n]{1,30}\))?,\s+/u;
const MONTH_DAY = /^([A-Za-z\u0400-\u04ff]{3,10})(\.?)\s+(\d{1,2})(?!\d)/;
const DAY_MONTH = /^(\d{1,2})\s+([A-Za-z\u0400-\u04ff]{3,10})(\.?)(?![\p{L}])/u;

/**
 * A date opening the body: "5 July 2024", "Posted on July 5, 2024 by admin", "Опубликовано
 * 5 июля 2024", "12.03.2024 14:05", or a wire dateline "KYIV, March 5 (Reuters) -", which
 * needs `refYear` since it carries no year.
 */
export function datelineDate(body: string, order: DateOrder | null, refYear?: number): LocatedDate | null {
  let first = 0;
  while (first < body.length && /\s/.test(body.charAt(first))) first++;
  let lineEnd = body.indexOf('\n', first);
  if (lineEnd < 0 || lineEnd - first > 300) lineEnd = Math.min(body.length, first + 300);
  const line = body.slice(first, lineEnd);
  if (!/\d/.test(line)) return null;

  const place = CAPS_PLACE.exec(line);
  const afterPlace = place && place[1] !== undefined && !/\p{Ll}/u.test(place[1]) ? place[0].length : 0;
  const prefix = DATELINE_PREFIX.exec(line.slice(afterPlace));
  const at = afterPlace + (prefix ? prefix[0].length : 0);

  for (const d of extractDates(line, { order })) {
    if (d.start < at) continue;
    if (d.start > at) break;
    if (d.label === 'date' || d.label === 'month') {
      return { date: d.value, precision: d.label === 'date' ? 'day' : 'month', start: first + d.start, end: first + d.end };
    }
    break;
  }

  if (refYear === undefined || !isValidYear(refYear) || at === 0) return null;
  const rest = line.slice(at);
  const md = MONTH_DAY.exec(rest);
  const dm = md ? null : DAY_MONTH.exec(rest);
  const word = md ? md[1] : dm?.[2];
  const dot = md ? md[2] === '.' : dm?.[3] === '.';
  const dayText = md ? md[3] : dm?.[1];
  const matched = md?.[0] ?? dm?.[0];
  if (word === undefined || dayText === undefined || matched === undefined) return null;
  const name = monthOf(word, dot);
  if (!name) return null;
  const parsed = day(refYear, name.month, Number(dayText));
  if (!parsed) return null;
  return { ...parsed, start: first + at, end: first + at + matched.length };
}
