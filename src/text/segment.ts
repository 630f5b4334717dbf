// Splits a cleaned text dump into items. Blog dumps put a headline line (often dated, often
// ending in "!" or "?") before blank-line-separated paragraphs; forum histories put a title line
// directly above a long body line. Headlines are recognised per line from their shape and their
// neighbours, then checked against the document: a source that dates its headlines dates all of
// them, so an undated subheading inside a post does not split it.
import type { SegmentMode } from '../core/types.js';
import { stripGluedPagination } from './clean.js';

/** One item of a document; offsets are UTF-16 offsets into the segmented text. */
export interface Segment {
  /** The whole item: title line (or its date line) to the end of the body. */
  start: number;
  end: number;
  /** Title without glued pagination and without its date; equals text.slice(titleStart, titleEnd). */
  title: string | null;
  titleStart: number | null;
  titleEnd: number | null;
  /** The item text. */
  bodyStart: number;
  bodyEnd: number;
  /** Date written in the headline ("5.7.2024", "July 5, 2024") or on a line of its own beside it. */
  dateText: string | null;
  /** The headline line as written. */
  titleRaw: string | null;
  /** Author named in a byline under the headline ("By Dwight Carver" gives "Dwight Carver"). */
  byline?: string | null;
  /** Link on a URL line right above the headline ("URL: https://…"). */
  url?: string | null;
}

export interface SegmentOptions {
  /** Treat `#` headings as headlines and `---`/`***` rules as item separators. */
  markdown?: boolean;
}

/** Without headlines, auto mode keeps a document up to this size as one item (one article). */
export const SINGLE_ITEM_MAX = 20_000;
const MAX_TITLE = 120;
const MAX_TITLE_WORDS = 16;
// Lines longer than this are never headlines, even with a date and glued pagination around them.
const MAX_HEADLINE_LINE = 200;

const EN_MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const RU_MONTH_GEN =
  '(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)';
const RU_MONTH_NOM = '(?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)';
const TIME = '(?:,?\\s\\d{1,2}:\\d{2}(?::\\d{2})?)?';
const DATE =
  `(?:\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}` +
  `|${EN_MONTH}\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}` +
  `|\\d{1,2}(?:st|nd|rd|th)?\\s${EN_MONTH}\\.?,?\\s\\d{4}` +
  `|${EN_MONTH}\\.?\\s\\d{4}` +
  `|\\d{1,2}\\s${RU_MONTH_GEN}\\s\\d{4}(?:\\s?(?:г\\.|года|р\\.|року))?` +
  `|${RU_MONTH_NOM}\\s\\d{4}(?:\\s?(?:г\\.|года))?)${TIME}`;
// Date at the end: in parentheses or brackets, or after a dash, pipe or bullet.
const DATE_AT_END = new RegExp(`(?:\\(\\s*(${DATE})\\s*\\)|\\[\\s*(${DATE})\\s*\\]|(?:^|\\s)[-–—|·•]\\s*(${DATE}))\\s*$`, 'iu');
// Date at the start, followed by a separator: "05.07.2024 | Title", "5 июля 2024 — Заголовок".
const DATE_AT_START = new RegExp(`^(?:\\(\\s*(${DATE})\\s*\\)|\\[\\s*(${DATE})\\s*\\]|(${DATE})\\s*[-–—|·•:])\\s*(?=\\S)`, 'iu');
// A line that is only a date, possibly introduced ("Posted on") and signed ("by admin").
const DATE_ONLY = new RegExp(
  `^(?:(?:posted on|posted|published on|published|updated|опубликовано|опубликован|дата публикации|дата|опубліковано)\\s*:?\\s*)?` +
    `[([]?\\s*(${DATE})\\s*[)\\]]?(?:\\s*[,|·•–—-]?\\s*(?:by|автор:?|автором|від)\\s+([^|,\\n]{1,40}?))?\\s*$`,
  'iu',
);

const TELEGRAM_HEADER = /^(.{1,80}?), \[\d{1,2}\.\d{1,2}\.\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?\]$/u;
const TEXT_RULE = /^(?:[-=_*~#] ?){5,}$/;
// "URL: https://…", "Источник: https://…" or a bare link on its own line, naming the post below it.
const URL_LINE = /^(?:(?:url|link|source|permalink|источник|ссылка|джерело|посилання)\s*:\s*)?<?(https?:\/\/[^\s<>]+)>?$/iu;
const MD_HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const MD_RULE = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^(?:=+|-+)$/;
// Cyrillic letters are not \w, so the word end is a space or colon rather than \b.
const BYLINE = /^(?:by|von|par|author|posted by|written by|автор|опубликовал|опубликовала|автор публикации)(?=[\s:])/iu;
const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'and', 'or', 'to', 'for', 'with', 'at', 'by', 'from', 'vs', 'vs.', 'is', 'as', 'but', 'nor',
  'и', 'в', 'во', 'на', 'с', 'со', 'к', 'о', 'об', 'по', 'за', 'из', 'от', 'до', 'для', 'не', 'или', 'а', 'но', 'у', 'та', 'й', 'і',
]);

interface Lines {
  /** Trimmed start and end of each line; start === end for blank lines. */
  start: number[];
  end: number[];
}

function splitLines(text: string): Lines {
  const start: number[] = [];
  const end: number[] = [];
  let ls = 0;
  const n = text.length;
  for (;;) {
    let le = text.indexOf('\n', ls);
    if (le === -1) le = n;
    let cs = ls;
    let ce = le;
    while (cs < ce && isWs(text.charCodeAt(cs))) cs++;
    while (ce > cs && isWs(text.charCodeAt(ce - 1))) ce--;
    start.push(cs);
    end.push(ce);
    if (le === n) break;
    ls = le + 1;
  }
  return { start, end };
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x0b || c === 0x0c;
}

interface Headline {
  line: number;
  title: string;
  titleStart: number;
  titleEnd: number;
  dateText: string | null;
  /** Line index of a date-only line that belongs to this headline, before or after it. */
  dateLineBefore: number;
  dateLineAfter: number;
  /** Line index of a byline ("By Dwight Carver") right under the headline or its date line. */
  bylineLine: number;
  /** Line index of a URL line right above the headline (or above its date line). */
  urlLine: number;
  markdown: boolean;
  score: number;
  /** Passes the shape test (short, no final full stop, no lower-case start). */
  shaped: boolean;
  blockStart: boolean;
  /** Directly followed by a long body line. */
  forum: boolean;
}

interface ParsedTitle {
  title: string;
  titleStart: number;
  titleEnd: number;
  dateText: string | null;
  glued: boolean;
}

/** Title and date of a headline line at `lineStart`; null when nothing but a date remains. */
function parseTitle(line: string, lineStart: number, markdown: boolean): ParsedTitle | null {
  let s = 0;
  let e = line.length;
  const { removedPrefix } = stripGluedPagination(line);
  s += removedPrefix;
  if (markdown) {
    const m = MD_HEADING.exec(line);
    if (m?.[2] !== undefined) {
      s = line.indexOf(m[2], (m[1] ?? '').length);
      e = s + m[2].length;
    }
  }
  let dateText: string | null = null;
  let body = line.slice(s, e);
  const endMatch = DATE_AT_END.exec(body);
  if (endMatch) {
    dateText = endMatch[1] ?? endMatch[2] ?? endMatch[3] ?? null;
    e = s + endMatch.index;
  } else {
    const startMatch = DATE_AT_START.exec(body);
    if (startMatch) {
      dateText = startMatch[1] ?? startMatch[2] ?? startMatch[3] ?? null;
      s += startMatch[0].length;
    }
  }
  body = line.slice(s, e);
  // Trailing separators left by the date ("Title -", "Title |").
  const trimmedEnd = body.replace(/[\s\-–—|·•,:]+$/u, '');
  const trimmedStart = trimmedEnd.replace(/^\s+/, '');
  s += trimmedEnd.length - trimmedStart.length;
  e = s + trimmedStart.length;
  if (trimmedStart.length === 0) return null;
  return { title: trimmedStart, titleStart: lineStart + s, titleEnd: lineStart + e, dateText, glued: removedPrefix > 0 };
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const sp = s.charCodeAt(i) === 0x20;
    if (!sp && !inWord) n++;
    inWord = !sp;
  }
  return n;
}

function isTitleCase(title: string): boolean {
  let eligible = 0;
  let caps = 0;
  for (const w of title.split(' ')) {
    const m = /\p{L}/u.exec(w);
    if (!m || m.index > 1) continue;
    if (STOPWORDS.has(w.toLowerCase())) continue;
    eligible++;
    const ch = m[0];
    if (ch !== ch.toLowerCase()) caps++;
  }
  return eligible >= 2 && caps / eligible >= 0.7;
}

function isAllCaps(title: string): boolean {
  let letters = 0;
  for (const ch of title) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    if (ch !== ch.toUpperCase()) return false;
    letters++;
  }
  return letters >= 4;
}

/** Ends like a sentence: a full stop, comma, colon or semicolon, before any closing quotes. */
function endsLikeProse(title: string): boolean {
  const t = title.replace(/["'»”’)\]]+$/u, '');
  if (/(?:\.\.\.|…)$/u.test(t)) return false;
  return /[.,;:]$/.test(t);
}

interface Ctx {
  text: string;
  lines: Lines;
  markdown: boolean;
}

/** The last line of a headline's header: the headline, its date line or its byline. */
const headerEnd = (h: Headline): number => Math.max(h.line, h.dateLineAfter, h.bylineLine);

/** A short line that names the author: "By Dwight Carver", "Автор: Иван Петров". */
function isByline(c: Ctx, i: number): boolean {
  if (i < 0 || i >= c.lines.start.length) return false;
  const t = lineText(c, i).trim();
  return t.length > 3 && t.length <= 80 && BYLINE.test(t) && !/[.!?]$/.test(t);
}

/** The name in a byline, without "By" and a trailing date or role after a separator. */
function bylineName(line: string): string | null {
  const name = line
    .trim()
    .replace(BYLINE, '')
    .replace(/^\s*[:\-–—]?\s*/u, '')
    .split(/\s+[|,·•–—]\s+|\s+-\s+/u)[0]
    ?.trim();
  return name ? name : null;
}

const lineText = (c: Ctx, i: number): string => c.text.slice(c.lines.start[i] ?? 0, c.lines.end[i] ?? 0);
const lineLen = (c: Ctx, i: number): number => (c.lines.end[i] ?? 0) - (c.lines.start[i] ?? 0);
const isBlank = (c: Ctx, i: number): boolean => i < 0 || i >= c.lines.start.length || lineLen(c, i) === 0;

function isRule(c: Ctx, i: number): boolean {
  if (isBlank(c, i) || lineLen(c, i) > 80) return false;
  const t = lineText(c, i);
  // Scrape dumps separate pages with long runs of dashes or equals signs.
  if (!c.markdown) return TEXT_RULE.test(t);
  // "Title\n---" is a setext heading, not a rule.
  if (/^-+$/.test(t) && !isBlank(c, i - 1)) return false;
  return MD_RULE.test(t);
}

function isDateOnly(c: Ctx, i: number): string | null {
  if (isBlank(c, i) || lineLen(c, i) > 100) return null;
  const m = DATE_ONLY.exec(lineText(c, i));
  return m?.[1] ?? null;
}

/** The link on a URL line, or null. */
function urlOf(c: Ctx, i: number): string | null {
  if (i < 0 || i >= c.lines.start.length || isBlank(c, i) || lineLen(c, i) > 500) return null;
  return URL_LINE.exec(lineText(c, i).trim())?.[1] ?? null;
}

/** The author signed on a date line ("Posted on March 5, 2024 by admin" gives "admin"). */
function dateLineAuthor(c: Ctx, i: number): string | null {
  if (i < 0 || isBlank(c, i) || lineLen(c, i) > 100) return null;
  return DATE_ONLY.exec(lineText(c, i))?.[2]?.trim() || null;
}

/** A long body line that starts like a sentence: the body of a forum-style post. */
function isBodyLine(c: Ctx, i: number, titleLen: number): boolean {
  if (isBlank(c, i)) return false;
  const len = lineLen(c, i);
  if (len < 80 || titleLen > len * 0.6) return false;
  const first = /\p{L}|\d|["«„“'(]/u.exec(c.text.slice(c.lines.start[i] ?? 0, (c.lines.start[i] ?? 0) + 4));
  if (!first || first.index !== 0) return false;
  return first[0] === first[0].toUpperCase();
}

/** Evaluates line i as a headline; null when it cannot be one in any mode. */
function evaluate(c: Ctx, i: number): Headline | null {
  const len = lineLen(c, i);
  if (len === 0 || len > MAX_HEADLINE_LINE) return null;
  const raw = lineText(c, i);
  const lineStart = c.lines.start[i] ?? 0;
  const mdHeading = c.markdown && MD_HEADING.test(raw);
  const setext = c.markdown && !isBlank(c, i + 1) && lineLen(c, i + 1) <= 120 && SETEXT.test(lineText(c, i + 1)) && isBlank(c, i - 1);
  if (isRule(c, i) || (c.markdown && SETEXT.test(raw) && !isBlank(c, i - 1))) return null;
  const parsed = parseTitle(raw, lineStart, c.markdown);
  if (!parsed) return null;
  const { title } = parsed;
  const words = countWords(title);
  const blockStart = isBlank(c, i - 1) || isRule(c, i - 1) || isDateOnly(c, i - 1) !== null || urlOf(c, i - 1) !== null;
  const h: Headline = {
    line: i,
    title,
    titleStart: parsed.titleStart,
    titleEnd: parsed.titleEnd,
    dateText: parsed.dateText,
    dateLineBefore: -1,
    dateLineAfter: -1,
    bylineLine: -1,
    urlLine: -1,
    markdown: mdHeading || setext,
    score: 0,
    shaped: false,
    blockStart,
    forum: false,
  };
  if (h.markdown) {
    h.shaped = true;
    h.score = 10;
    return h;
  }
  if (title.length > MAX_TITLE || words > MAX_TITLE_WORDS || !/\p{L}/u.test(title)) return null;
  if (endsLikeProse(title) || BYLINE.test(title)) return null;
  if (!parsed.dateText && isDateOnly(c, i) !== null) return null;
  const firstLetter = /\p{L}/u.exec(title);
  const startsLower = firstLetter !== null && firstLetter[0] !== firstLetter[0].toUpperCase() && firstLetter.index === 0;
  h.shaped = !startsLower;

  // A date-only line just before (at a block start) or just after the headline belongs to it.
  if (isDateOnly(c, i - 1) !== null && isBlank(c, i - 2)) h.dateLineBefore = i - 1;
  else if (isBlank(c, i - 1) && i >= 2 && isDateOnly(c, i - 2) !== null && isBlank(c, i - 3)) h.dateLineBefore = i - 2;
  if (isDateOnly(c, i + 1) !== null) h.dateLineAfter = i + 1;
  else if (isByline(c, i + 1) && isDateOnly(c, i + 2) !== null) {
    h.bylineLine = i + 1;
    h.dateLineAfter = i + 2;
  }
  if (h.dateLineAfter >= 0 && h.bylineLine < 0 && isByline(c, h.dateLineAfter + 1)) h.bylineLine = h.dateLineAfter + 1;
  const above = h.dateLineBefore >= 0 ? h.dateLineBefore - 1 : i - 1;
  if (urlOf(c, above) !== null) h.urlLine = above;
  if (!h.dateText) {
    const dt = h.dateLineAfter >= 0 ? isDateOnly(c, h.dateLineAfter) : h.dateLineBefore >= 0 ? isDateOnly(c, h.dateLineBefore) : null;
    h.dateText = dt;
  }

  let score = 0;
  if (parsed.dateText) score += 3;
  else if (h.dateText) score += 2;
  const bare = title.replace(/["'»”’)\]]+$/u, '');
  if (/[!?]$/.test(bare)) score += 2;
  if (isAllCaps(title)) score += 1;
  else if (words >= 2 && isTitleCase(title)) score += 1;
  if (parsed.glued) score += 1;
  const next = headerEnd(h) + 1;
  if (isBodyLine(c, next, title.length)) {
    h.forum = true;
    score += 3;
  }
  else if (isBlank(c, i + 1) && !isBlank(c, i + 2)) score += 1;
  if (startsLower) score -= 3;
  // Two sentences in one line are prose ("Mr. Smith" and "U.S." are not sentence ends).
  if (/\p{L}{3}\.\s+\p{Lu}/u.test(title)) score -= 2;
  if (words === 1 && !h.dateText && !/[!?]$/.test(bare)) score -= 1;
  h.score = score;
  return h;
}

/** Headlines of a document in line order, after the document-level checks. */
function findHeadlines(c: Ctx, mode: 'auto' | 'headlines'): Headline[] {
  const n = c.lines.start.length;
  const candidates: Headline[] = [];
  for (let i = 0; i < n; i++) {
    if (lineLen(c, i) === 0 || lineLen(c, i) > MAX_HEADLINE_LINE) continue;
    const h = evaluate(c, i);
    if (!h) continue;
    if (h.markdown) {
      candidates.push(h);
      continue;
    }
    if (!h.shaped) continue;
    if (mode === 'auto') {
      if (h.score < 3) continue;
      // Mid-paragraph lines are prose, unless a finished sentence comes before and the line is a
      // dated headline or a forum title over its body (posts written without blank lines).
      if (!h.blockStart) {
        const prev = lineText(c, i - 1);
        if (!((h.dateText || h.forum) && h.score >= 4 && /[.!?…"»”)]$/u.test(prev))) continue;
      }
    } else if (!h.blockStart && !h.dateText) {
      continue;
    }
    candidates.push(h);
  }
  let kept = candidates;
  if (kept.some((h) => h.markdown)) {
    // Markdown with headings: the headings are the structure.
    kept = kept.filter((h) => h.markdown);
  } else if (mode === 'auto') {
    const dated = kept.filter((h) => h.dateText !== null);
    if (dated.length >= 2) kept = dated;
  }
  // A weak candidate right after a headline with no body yet is a subtitle or byline.
  const out: Headline[] = [];
  for (const h of kept) {
    const prev = out[out.length - 1];
    if (prev && !h.markdown && !h.dateText && !hasBodyBetween(c, prev, h)) continue;
    out.push(h);
  }
  return out;
}

function hasBodyBetween(c: Ctx, a: Headline, b: Headline): boolean {
  const from = headerEnd(a) + 1;
  const to = b.dateLineBefore >= 0 ? b.dateLineBefore : b.line;
  for (let i = from; i < to; i++) if (!isBlank(c, i) && !isRule(c, i)) return true;
  return false;
}

/** Non-blank line range [from, to) trimmed to its first and last non-blank lines, as offsets. */
function bodyRange(c: Ctx, from: number, to: number): [number, number] | null {
  let a = from;
  let b = to - 1;
  while (a <= b && (isBlank(c, a) || isRule(c, a))) a++;
  while (b >= a && (isBlank(c, b) || isRule(c, b))) b--;
  if (a > b) return null;
  return [c.lines.start[a] ?? 0, c.lines.end[b] ?? 0];
}

function untitled(start: number, end: number): Segment {
  return { start, end, title: null, titleStart: null, titleEnd: null, bodyStart: start, bodyEnd: end, dateText: null, titleRaw: null };
}

/** Untitled items for lines [from, to), split at markdown rules. */
function pushUntitled(c: Ctx, from: number, to: number, out: Segment[]): void {
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || isRule(c, i)) {
      const r = bodyRange(c, s, i);
      if (r) out.push(untitled(r[0], r[1]));
      s = i + 1;
    }
  }
}

function paragraphs(c: Ctx): Segment[] {
  const out: Segment[] = [];
  const n = c.lines.start.length;
  let i = 0;
  while (i < n) {
    if (isBlank(c, i)) {
      i++;
      continue;
    }
    const a = i;
    while (i < n && !isBlank(c, i)) i++;
    if (i - a === 1 && isRule(c, a)) continue;
    out.push(untitled(c.lines.start[a] ?? 0, c.lines.end[i - 1] ?? 0));
  }
  return out;
}

function whole(c: Ctx): Segment[] {
  const r = bodyRange(c, 0, c.lines.start.length);
  return r ? [untitled(r[0], r[1])] : [];
}

function hasRules(c: Ctx): boolean {
  for (let i = 0; i < c.lines.start.length; i++) if (isRule(c, i)) return true;
  return false;
}

/**
 * Splits text into items. `none`: one item. `paragraphs`: one item per blank-line separated block.
 * `headlines`: every headline-shaped line at a block start begins an item. `auto`: recognised
 * headlines begin items (dated, "!"/"?", title case, forum title above a long body line,
 * glued pagination); without any, a text up to SINGLE_ITEM_MAX characters is one item and a
 * longer one is split into paragraphs. Items whose body is empty (a headline alone) are dropped.
 * With `markdown`, `#` headings are headlines and `---`/`***` rules separate items.
 */
/**
 * Whether the lines before the first headline are page chrome (a site name, tagline, menu) rather
 * than a post: short, and without one sentence-like line. Scraped blog dumps start with these.
 */
function isPageChrome(c: Ctx, from: number, to: number): boolean {
  let chars = 0;
  for (let i = from; i < to; i++) {
    const line = lineText(c, i).trim();
    chars += line.length;
    if (chars > PAGE_CHROME_MAX) return false;
    if (/[.!?…»"”]$/.test(line) && line.split(/\s+/).length >= 8) return false;
  }
  return true;
}
const PAGE_CHROME_MAX = 300;

export function segment(text: string, mode: SegmentMode, opts: SegmentOptions = {}): Segment[] {
  const c: Ctx = { text, lines: splitLines(text), markdown: opts.markdown === true };
  if (mode === 'none') return whole(c);
  if (mode === 'paragraphs') return paragraphs(c);

  const heads = findHeadlines(c, mode);
  if (heads.length === 0) {
    if (hasRules(c)) {
      const out: Segment[] = [];
      pushUntitled(c, 0, c.lines.start.length, out);
      return out;
    }
    if (mode === 'headlines' || text.length <= SINGLE_ITEM_MAX) return whole(c);
    return paragraphs(c);
  }

  const out: Segment[] = [];
  const firstLine = (h: Headline): number => (h.urlLine >= 0 ? h.urlLine : h.dateLineBefore >= 0 ? h.dateLineBefore : h.line);
  const first = heads[0];
  if (first && !isPageChrome(c, 0, firstLine(first))) pushUntitled(c, 0, firstLine(first), out);
  for (let k = 0; k < heads.length; k++) {
    const h = heads[k];
    if (!h) continue;
    const nextHead = heads[k + 1];
    const stop = nextHead ? firstLine(nextHead) : c.lines.start.length;
    const bodyFrom = headerEnd(h) + (h.markdown && !MD_HEADING.test(lineText(c, h.line)) ? 2 : 1);
    // A rule ends the item; what follows it up to the next headline stands alone.
    let ruleAt = -1;
    for (let i = bodyFrom; i < stop; i++) {
      if (isRule(c, i)) {
        ruleAt = i;
        break;
      }
    }
    const body = bodyRange(c, bodyFrom, ruleAt >= 0 ? ruleAt : stop);
    if (body) {
      const lineStart = c.lines.start[h.line] ?? 0;
      // "Channel, [12.03.2024 14:05]" heads a message copied out of Telegram: a sender, not a title.
      const sender = TELEGRAM_HEADER.exec(lineText(c, h.line))?.[1] ?? null;
      out.push({
        start: c.lines.start[firstLine(h)] ?? lineStart,
        end: body[1],
        title: sender ? null : h.title,
        titleStart: sender ? null : h.titleStart,
        titleEnd: sender ? null : h.titleEnd,
        bodyStart: body[0],
        bodyEnd: body[1],
        dateText: h.dateText,
        titleRaw: lineText(c, h.line),
        byline: sender ?? (h.bylineLine >= 0 ? bylineName(lineText(c, h.bylineLine)) : dateLineAuthor(c, h.dateLineAfter)),
        url: h.urlLine >= 0 ? urlOf(c, h.urlLine) : null,
      });
    }
    if (ruleAt >= 0) pushUntitled(c, ruleAt + 1, stop, out);
  }
  return out;
}
