// Dates mentioned in a text, normalised to ISO text. Cheap regular expressions find every
// candidate anchored on its digits; chrono only sees short windows around a year that follows a
// month name, so a paragraph without such a year never reaches it.
import type { DateOrder } from '../../core/types.js';
import { isoDay, isoMonth, isValidDay, isValidYear, monthOf, resolveNumeric } from './calendar.js';
import type { MonthLocale } from './calendar.js';
import { chronoDates } from './chrono.js';

export type DateLabel = 'date' | 'month' | 'year' | 'range' | 'decade';
export type MentionPrecision = 'day' | 'month' | 'year' | 'range';

/** A date mentioned in a text (UTF-16 offsets, end exclusive) with its ISO value. */
export interface DateMention {
  start: number;
  end: number;
  /** YYYY-MM-DD, YYYY-MM, YYYY, or an ISO interval "start/end" for ranges and decades. */
  value: string;
  precision: MentionPrecision;
  label: DateLabel;
  confidence: number;
}

export interface ExtractOptions {
  order: DateOrder | null;
}

/**
 * Spans already taken, disjoint. Each pass adds its spans left to right into its own sorted
 * layer, so adding is O(1) and checking is a binary search per layer, even on huge texts.
 */
class Claims {
  private readonly layers: Array<Array<[number, number]>> = [[]];

  /** Starts the layer the next pass adds to. */
  nextLayer(): void {
    this.layers.push([]);
  }

  overlaps(start: number, end: number): boolean {
    for (const spans of this.layers) {
      const s = spans[firstEndingAfter(spans, start)];
      if (s !== undefined && s[0] < end) return true;
    }
    return false;
  }

  add(start: number, end: number): void {
    const spans = this.layers[this.layers.length - 1] as Array<[number, number]>;
    const last = spans[spans.length - 1];
    if (!last || last[1] <= start) spans.push([start, end]);
    else spans.splice(firstEndingAfter(spans, start), 0, [start, end]);
  }

  /** End of the last span that ends at or before `pos`, or 0. */
  lastEndBefore(pos: number): number {
    let end = 0;
    for (const spans of this.layers) {
      const s = spans[firstEndingAfter(spans, pos) - 1];
      if (s !== undefined && s[1] > end) end = s[1];
    }
    return end;
  }
}

function firstEndingAfter(spans: Array<[number, number]>, pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as [number, number])[1] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HAS_DIGIT = /\d/;

/**
 * Dates mentioned in `text`: full dates, months, years in a dating context, ranges and decades,
 * in English, Russian and Ukrainian. Never from times, issue numbers or day.month without a year.
 * Example: extractDates('в 1956 г.', { order: null }) → [{ value: '1956', label: 'year', ... }].
 */
export function extractDates(text: string, opts: ExtractOptions): DateMention[] {
  if (!HAS_DIGIT.test(text)) return [];
  const claims = new Claims();
  const out: DateMention[] = [];
  const push = (m: DateMention): void => {
    claims.add(m.start, m.end);
    out.push(m);
  };
  numericDates(text, opts.order, claims, push);
  claims.nextLayer();
  yearMentions(text, claims, push);
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Numeric dates: 5.7.2024, 05/07/2024, 2024-07-05, and ranges of them.

const NUMERIC =
  /(?<![\d./])(?:(\d{1,2})([./-])(\d{1,2})\2(\d{4})|(\d{4})([./-])(\d{1,2})\6(\d{1,2}))(?!\d|[./]\d)/g;
const NUMERIC_AT =
  /(?:(\d{1,2})([./-])(\d{1,2})\2(\d{4})|(\d{4})([./-])(\d{1,2})\6(\d{1,2}))(?!\d|[./]\d)/y;
const RANGE_JOIN = /(?:\s*[-‐‑–—]\s*|\s+(?:to|until|till|through|по|до)\s+)/y;

interface Day {
  iso: string;
  confidence: number;
}

function numericDay(m: RegExpExecArray, order: DateOrder | null): Day | null {
  if (m[5] !== undefined) {
    const y = Number(m[5]);
    const mo = Number(m[7]);
    const d = Number(m[8]);
    return isValidDay(y, mo, d) ? { iso: isoDay(y, mo, d), confidence: 0.9 } : null;
  }
  const y = Number(m[4]);
  const r = resolveNumeric(Number(m[1]), Number(m[3]), order);
  if (!isValidDay(y, r.month, r.day)) return null;
  const confidence = r.settled === 'unambiguous' ? 0.9 : r.settled === 'order' ? 0.85 : 0.7;
  return { iso: isoDay(y, r.month, r.day), confidence };
}

function numericDates(text: string, order: DateOrder | null, claims: Claims, push: (m: DateMention) => void): void {
  NUMERIC.lastIndex = 0;
  for (let m = NUMERIC.exec(text); m; m = NUMERIC.exec(text)) {
    const first = numericDay(m, order);
    if (!first) continue;
    const start = m.index;
    let end = start + m[0].length;
    // "26.12.1944-13.2.1945" is one range, not a date followed by a time zone offset.
    RANGE_JOIN.lastIndex = end;
    if (RANGE_JOIN.exec(text)) {
      NUMERIC_AT.lastIndex = RANGE_JOIN.lastIndex;
      const m2 = NUMERIC_AT.exec(text);
      const second = m2 ? numericDay(m2, order) : null;
      if (m2 && second && second.iso >= first.iso) {
        end = m2.index + m2[0].length;
        NUMERIC.lastIndex = end;
        if (claims.overlaps(start, end)) continue;
        const confidence = Math.min(first.confidence, second.confidence) - 0.05;
        push({ start, end, value: `${first.iso}/${second.iso}`, precision: 'range', label: 'range', confidence });
        continue;
      }
    }
    if (claims.overlaps(start, end)) continue;
    push({ start, end, value: first.iso, precision: 'day', label: 'date', confidence: first.confidence });
  }
}

// ---------------------------------------------------------------------------------------------
// Dates with month names. The common forms are read by the patterns below; chrono reads a short
// window before the year only when a month name and a day number are there in some other form.

const DAY_NUMBER = /(?<!\d)\d{1,2}(?!\d)/;
const WORD = /[A-Za-z\u0400-\u04ff]{3,10}/g;
const WINDOW = 60;
const SPACE = /\s/;

/** Trailing year words: "г.", "года", "р.", "року". */
const DATE_SUFFIX = /\s?(?:гг?\.|рр?\.|года|году|год|року|рік|році)(?![\p{L}])/uy;

function monthLocaleIn(s: string): MonthLocale | null {
  let locale: MonthLocale | null = null;
  WORD.lastIndex = 0;
  for (let w = WORD.exec(s); w; w = WORD.exec(s)) {
    const found = monthOf(w[0], s.charAt(w.index + w[0].length) === '.');
    if (found) locale = found.locale;
  }
  return locale;
}

/** Where the window before offset `i` starts: the line start or a word boundary 60 characters back. */
function windowStart(text: string, i: number): number {
  // Scan back by hand: lastIndexOf would walk to the start of a long single-line text every time.
  let start = Math.max(0, i - WINDOW);
  let lineStart = start === 0;
  for (let j = i - 1; j >= start; j--) {
    if (text.charCodeAt(j) === 10) {
      start = j + 1;
      lineStart = true;
      break;
    }
  }
  // Start on a word boundary so no half number or half month name is read.
  if (!lineStart && !SPACE.test(text.charAt(start - 1))) {
    while (start < i && !SPACE.test(text.charAt(start))) start++;
  }
  return start;
}

/** chrono's reading of the window ending with the year at `i`, if it found a dated day there. */
function chronoBefore(text: string, i: number, claims: Claims): DateMention | null {
  // Only the text after the previous date counts: "5 мая 2023 года … до 2026 года" has no new day.
  const from = Math.max(windowStart(text, i), claims.lastEndBefore(i));
  const head = text.slice(from, i);
  if (!DAY_NUMBER.test(head)) return null;
  const locale = monthLocaleIn(head);
  if (!locale) return null;
  const found = chronoDates(text.slice(from, i + 4), locale).filter((r) => !r.yearGuessed && r.index + r.text.length >= i - from + 4);
  const r = found[found.length - 1];
  if (!r) return null;
  const start = from + r.index;
  let end = i + 4;
  DATE_SUFFIX.lastIndex = end;
  if (DATE_SUFFIX.exec(text)) end = DATE_SUFFIX.lastIndex;
  if (r.end) return { start, end, value: `${r.start}/${r.end}`, precision: 'range', label: 'range', confidence: 0.85 };
  return { start, end, value: r.start, precision: 'day', label: 'date', confidence: 0.9 };
}

// ---------------------------------------------------------------------------------------------
// Years, months ("March 2022"), year ranges and decades, anchored on a four-digit year.

const YEAR = /(?<![\d\p{L}_.,:/#№$€£₽])[12]\d{3}(?!\d)/gu;
const DECADE =
  /^(?:'?s|[-–]?(?:х|е|ые|ых|ті|ти|тих))(?![\p{L}])(?:\s+(?:годов|годах|годы|гг\.|років|роках|роки|рр\.))?/u;
const RANGE_DASH = /^\s*[-‐‑–—]\s*(\d{4}|\d{2})(?![\d\p{L}])/u;
const RANGE_WORDS = /^\s+(?:to|until|till|through|and|по|до|и|і|та)\s+(\d{4})(?!\d)/;
const RANGE_SUFFIX = /^\s?(?:гг\.|рр\.|годы|годах|годов|года|году|год|роки|років|роках|року|рік|році|г\.|р\.|years)(?![\p{L}])/u;
const STRONG_SUFFIX =
  /^(?:\s?(?:гг?\.|года|году|годом|год|року|рік|році|роком)(?![\p{L}])|-(?:м|го|й|му|ом)\s+(?:году|года|год|році|року|рік)(?![\p{L}]))/u;
/** "р" and "г" alone also abbreviate roubles and grams: they count only after a dating word. */
const WEAK_SUFFIX = /^\s?(?:р\.|г|р)(?![\p{L}])/u;
const UNIT_AFTER =
  /^\s*(?:%|\$|€|£|₽|руб|грн|uah|usd|eur|dollar|euro|rouble|ruble|hryvn|people|person|troops|soldier|men\b|women|votes|signatures|km\b|kilomet|mile|metre|meter|kg\b|ton|times|pages|words|units|copies|views|likes|человек|чел\.|раз\b|раза|км\b|тыс|млн|млрд|солдат|военн|рубл|доллар|евро|гривен|гривн|осіб|людей|людини|разів|голос|подпис|страниц|сторін|слов|штук|шт\b)/iu;
const LETTER_START = /^\p{L}/u;

const CONTEXT_WORDS = new Set(
  (
    'in since of by from until till before after around circa c. ca. year during early late mid spring summer ' +
    'autumn fall winter between through throughout ' +
    'в во с со до после к от по году года год между начале конце середине весной летом осенью зимой ' +
    'около примерно ' +
    'у з із від після року рік році між початку кінці середині навесні влітку восени взимку близько'
  ).split(' '),
);
const RANGE_OPENERS = new Set('from between с со от между з із від між'.split(' '));
const REJECT_BEFORE = new Set(
  'no. no nr. nr number issue page pages p. pp. стр. с. номер выпуск випуск вып. тел. tel. article статья стаття ст.'.split(
    ' ',
  ),
);
const REJECT_CHAR_BEFORE = /[№#$€£₽]/;

interface Before {
  word: string;
  /** Offset of the word. */
  start: number;
  /** The non-space character right before the number, if not a letter. */
  symbol: string;
}

/** The word before offset `i` (skipping spaces and a hyphen, as in "mid-1956"), lower-cased. */
function wordBefore(text: string, i: number): Before {
  let j = i - 1;
  while (j >= 0 && i - j <= 3 && (SPACE.test(text.charAt(j)) || text.charAt(j) === '-')) j--;
  const symbol = j >= 0 ? text.charAt(j) : '';
  let k = j;
  while (k >= 0 && j - k < 16 && (isLetter(text.charCodeAt(k)) || text.charAt(k) === '.')) k--;
  let word = text.slice(k + 1, j + 1).toLowerCase();
  // A full stop ending a sentence is not part of the word ("ended. 1956 was").
  if (word.endsWith('.') && !CONTEXT_WORDS.has(word) && !REJECT_BEFORE.has(word)) word = word.slice(0, -1);
  if (word.startsWith('.')) word = word.slice(1);
  return { word, start: k + 1, symbol: word ? '' : symbol };
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x400 && c <= 0x52f);
}

interface Named {
  /** Offset where the date text starts. */
  start: number;
  month: number;
  /** Day, or first day of a range. */
  day: number | null;
  /** Last day of a range, and its month when the range crosses months. */
  lastDay: number | null;
  lastMonth: number | null;
}

type NamedForm = { re: RegExp; day?: number; lastDay?: number; month: number; dot: number; lastMonth?: number; lastDot?: number };

// Each form ends right before the year; the group numbers say where day, month and full stop are.
const M = '([A-Za-z\\u0400-\\u04ff]{3,10})(\\.?)';
const D = '(\\d{1,2})(?:st|nd|rd|th|-?го|-?е)?';
const TO = '\\s*(?:[-‐‑–—]|\\s(?:to|until|till|through|and|по|до|і|и)\\s)\\s*';
const NAMED_FORMS: NamedForm[] = [
  // "30 March – 2 April 2023", "с 30 марта по 2 апреля 2023"
  { re: new RegExp(`(?:(?:from|between|с|со|з|із|від)\\s+)?${D}\\s+${M}${TO}${D}\\s+${M},?\\s+$`), day: 1, month: 2, dot: 3, lastDay: 4, lastMonth: 5, lastDot: 6 },
  // "March 30 – April 2, 2023"
  { re: new RegExp(`${M}\\s+${D}${TO}${M}\\s+${D},?\\s+$`), month: 1, dot: 2, day: 3, lastMonth: 4, lastDot: 5, lastDay: 6 },
  // "3-5 April 2023", "from 3 to 5 April 2023", "с 3 по 5 апреля 2023", "з 3 по 5 квітня 2023"
  { re: new RegExp(`(?:(?:from|between|с|со|з|із|від)\\s+)?${D}${TO}${D}\\s+(?:of\\s+)?${M},?\\s+$`), day: 1, lastDay: 2, month: 3, dot: 4 },
  // "April 3-5, 2023"
  { re: new RegExp(`${M}\\s+${D}${TO}${D},?\\s+$`), month: 1, dot: 2, day: 3, lastDay: 4 },
  // "5 July 2024", "5th of July, 2024", "5 мая 1920"
  { re: new RegExp(`${D}\\s+(?:of\\s+)?${M}(?:,?\\s+of)?,?\\s+$`), day: 1, month: 2, dot: 3 },
  // "July 5, 2024", "Jul. 5th 2024"
  { re: new RegExp(`${M}\\s+${D},?\\s+$`), month: 1, dot: 2, day: 3 },
  // "March 2022", "May of 2022", "в марте 2022"
  { re: new RegExp(`${M}(?:,?\\s+of)?,?\\s+$`), month: 1, dot: 2 },
];
const ENDS_LIKE_NAMED = /[\p{L}\d.][,.]?\s+$/u;
const DAY_TOKEN = /^\d{1,2}(?:st|nd|rd|th|-?го|-?е)?$/;

/**
 * Whether the token before the year is a month name, "of" or a day number: the cheap test that
 * keeps the patterns above away from most years ("in 1956", tables of numbers).
 */
function tokenBeforeMayBeNamed(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && SPACE.test(text.charAt(j))) j--;
  if (text.charAt(j) === ',') j--;
  const end = j + 1;
  while (j >= 0 && end - j <= 12) {
    const c = text.charCodeAt(j);
    if (!(isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e)) break;
    j--;
  }
  let token = text.slice(j + 1, end);
  const dot = token.endsWith('.');
  if (dot) token = token.slice(0, -1);
  if (token.length === 0) return false;
  return DAY_TOKEN.test(token) || token.toLowerCase() === 'of' || monthOf(token, dot) !== undefined;
}

/** A date written with a month name right before the year at `i`, if any. */
function namedBefore(text: string, i: number): Named | null {
  if (!tokenBeforeMayBeNamed(text, i)) return null;
  const from = windowStart(text, i);
  const head = text.slice(from, i);
  if (!ENDS_LIKE_NAMED.test(head)) return null;
  for (const form of NAMED_FORMS) {
    const m = form.re.exec(head);
    if (!m) continue;
    const word = m[form.month];
    if (word === undefined) continue;
    const name = monthOf(word, m[form.dot] === '.');
    if (!name) continue;
    let lastMonth: number | null = null;
    if (form.lastMonth !== undefined) {
      const second = monthOf(m[form.lastMonth] ?? '', m[form.lastDot ?? 0] === '.');
      if (!second || second.month <= name.month) continue;
      lastMonth = second.month;
    }
    const day = form.day !== undefined ? Number(m[form.day]) : null;
    const lastDay = form.lastDay !== undefined ? Number(m[form.lastDay]) : null;
    // "12 to 5 July" is no range: a shorter form ("5 July") may still read it.
    if (day !== null && (day < 1 || day > 31 || (lastDay !== null && lastMonth === null && lastDay <= day))) continue;
    // A range keeps its preposition in the span ("from 3 to 5 April"), as chrono's ranges do.
    return { start: from + m.index, month: name.month, day, lastDay, lastMonth };
  }
  return null;
}

function yearMentions(text: string, claims: Claims, push: (m: DateMention) => void): void {
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) {
    const i = m.index;
    const year = Number(m[0]);
    if (!isValidYear(year) || claims.overlaps(i, i + 4)) continue;
    const rest = text.slice(i + 4, i + 48);
    const before = wordBefore(text, i);
    if (REJECT_BEFORE.has(before.word) || REJECT_CHAR_BEFORE.test(before.symbol)) continue;

    const decade = DECADE.exec(rest);
    if (decade) {
      if (year % 10 !== 0) continue;
      const end = i + 4 + decade[0].length;
      if (!claims.overlaps(i, end)) {
        push({ start: i, end, value: `${year}/${year + 9}`, precision: 'range', label: 'decade', confidence: 0.75 });
      }
      continue;
    }

    const range = yearRange(rest, year, before.word);
    if (range) {
      let end = i + 4 + range.length;
      const suffix = RANGE_SUFFIX.exec(text.slice(end, end + 12));
      if (suffix) end += suffix[0].length;
      else if (UNIT_AFTER.test(text.slice(end, end + 16))) continue;
      if (claims.overlaps(i, end)) continue;
      YEAR.lastIndex = end;
      push({ start: i, end, value: `${year}/${range.end}`, precision: 'range', label: 'range', confidence: 0.85 });
      continue;
    }

    const named = namedBefore(text, i);
    if (named && named.day !== null) {
      // An impossible day ("30 February 2024") makes the whole mention doubtful: no date at all.
      const mention = namedMention(text, i, year, named);
      if (mention && !claims.overlaps(mention.start, mention.end)) push(mention);
      continue;
    }
    const viaChrono = chronoBefore(text, i, claims);
    if (viaChrono) {
      if (!claims.overlaps(viaChrono.start, viaChrono.end)) push(viaChrono);
      continue;
    }
    if (named) {
      let end = i + 4;
      DATE_SUFFIX.lastIndex = end;
      if (DATE_SUFFIX.exec(text)) end = DATE_SUFFIX.lastIndex;
      if (!claims.overlaps(named.start, end)) {
        push({ start: named.start, end, value: isoMonth(year, named.month), precision: 'month', label: 'month', confidence: 0.8 });
      }
      continue;
    }

    const strong = STRONG_SUFFIX.exec(rest);
    if (strong) {
      const end = i + 4 + strong[0].length;
      if (!claims.overlaps(i, end)) push({ start: i, end, value: String(year), precision: 'year', label: 'year', confidence: 0.8 });
      continue;
    }
    if (!CONTEXT_WORDS.has(before.word)) continue;
    const weak = WEAK_SUFFIX.exec(rest);
    if (!weak && (LETTER_START.test(rest) || UNIT_AFTER.test(rest))) continue;
    const end = i + 4 + (weak ? weak[0].length : 0);
    if (!claims.overlaps(i, end)) push({ start: i, end, value: String(year), precision: 'year', label: 'year', confidence: 0.6 });
  }
}

function namedMention(text: string, i: number, year: number, named: Named): DateMention | null {
  if (named.day === null || !isValidDay(year, named.month, named.day)) return null;
  let end = i + 4;
  DATE_SUFFIX.lastIndex = end;
  if (DATE_SUFFIX.exec(text)) end = DATE_SUFFIX.lastIndex;
  const first = isoDay(year, named.month, named.day);
  if (named.lastDay === null) return { start: named.start, end, value: first, precision: 'day', label: 'date', confidence: 0.9 };
  const lastMonth = named.lastMonth ?? named.month;
  if (!isValidDay(year, lastMonth, named.lastDay)) return null;
  const last = isoDay(year, lastMonth, named.lastDay);
  if (last <= first) return null;
  return { start: named.start, end, value: `${first}/${last}`, precision: 'range', label: 'range', confidence: 0.85 };
}

/** A second year after `year`: "-1945", "–45", " to 1945" (after "from"), with its length. */
function yearRange(rest: string, year: number, wordBeforeYear: string): { end: number; length: number } | null {
  const dash = RANGE_DASH.exec(rest);
  if (dash && dash[1] !== undefined) {
    let end = Number(dash[1]);
    if (dash[1].length === 2) end += Math.floor(year / 100) * 100;
    if (end > year && end - year <= 200 && isValidYear(end)) return { end, length: dash[0].length };
    return null;
  }
  if (!RANGE_OPENERS.has(wordBeforeYear)) return null;
  const words = RANGE_WORDS.exec(rest);
  if (words && words[1] !== undefined) {
    const end = Number(words[1]);
    if (end > year && end - year <= 200 && isValidYear(end)) return { end, length: words[0].length };
  }
  return null;
}
