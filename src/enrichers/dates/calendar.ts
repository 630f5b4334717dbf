// Month names in English, Russian and Ukrainian, and the calendar checks every date goes through.

export type MonthLocale = 'en' | 'ru' | 'uk';

export interface MonthName {
  month: number;
  locale: MonthLocale;
  /** Abbreviations ("Jan", "янв.") are only trusted in some positions. */
  abbreviation: boolean;
}

const NAMES: Array<[MonthLocale, string[], string[]]> = [
  [
    'en',
    ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
    ['jan', 'feb', 'mar', 'apr', '', 'jun', 'jul', 'aug', 'sep sept', 'oct', 'nov', 'dec'],
  ],
  [
    'ru',
    [
      'январь января январе', 'февраль февраля феврале', 'март марта марте', 'апрель апреля апреле', 'май мая мае',
      'июнь июня июне', 'июль июля июле', 'август августа августе', 'сентябрь сентября сентябре',
      'октябрь октября октябре', 'ноябрь ноября ноябре', 'декабрь декабря декабре',
    ],
    ['янв', 'фев февр', 'мар', 'апр', '', 'июн', 'июл', 'авг', 'сен сент', 'окт', 'ноя нояб', 'дек'],
  ],
  [
    'uk',
    [
      'січень січня січні', 'лютий лютого лютому', 'березень березня березні', 'квітень квітня квітні',
      'травень травня травні', 'червень червня червні', 'липень липня липні', 'серпень серпня серпні',
      'вересень вересня вересні', 'жовтень жовтня жовтні', 'листопад листопада листопаді', 'грудень грудня грудні',
    ],
    ['січ', 'лют', 'бер', 'квіт', 'трав', 'черв', 'лип', 'серп', 'вер', 'жовт', 'лист', 'груд'],
  ],
];

const MONTHS = new Map<string, MonthName>();
for (const [locale, full, short] of NAMES) {
  full.forEach((forms, i) => {
    for (const f of forms.split(' ')) MONTHS.set(f, { month: i + 1, locale, abbreviation: false });
  });
  short.forEach((forms, i) => {
    for (const f of forms.split(' ').filter(Boolean)) MONTHS.set(f, { month: i + 1, locale, abbreviation: true });
  });
}

/**
 * The month a word names, or undefined. English names must be capitalised ("may", "march" are
 * verbs); abbreviations count only with a full stop, except English ones ("Jul 5, 2024").
 */
export function monthOf(word: string, followedByDot = false): MonthName | undefined {
  const found = MONTHS.get(word.toLowerCase());
  if (!found) return undefined;
  if (found.locale === 'en') {
    const first = word.charAt(0);
    if (first !== first.toUpperCase()) return undefined;
  } else if (found.abbreviation && !followedByDot) {
    return undefined;
  }
  return found;
}

/** Years accepted as dates at all. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 2100;

/** True for a real calendar day within the accepted years. */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (!isValidYear(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** True for a year within the accepted range. */
export function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD. */
export function isoDay(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** YYYY-MM. */
export function isoMonth(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

/**
 * Day and month of a numeric date "a.b.yyyy": a component over 12 settles the order, otherwise
 * `order` does, day first when unknown. `settled` says whether the order was certain.
 */
export function resolveNumeric(
  a: number,
  b: number,
  order: 'dmy' | 'mdy' | null,
): { day: number; month: number; settled: 'unambiguous' | 'order' | 'default' } {
  if (a > 12 || a === b) return { day: a, month: b, settled: 'unambiguous' };
  if (b > 12) return { day: b, month: a, settled: 'unambiguous' };
  if (order === 'mdy') return { day: b, month: a, settled: 'order' };
  return { day: a, month: b, settled: order === 'dmy' ? 'order' : 'default' };
}
