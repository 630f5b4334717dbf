// Search snippets: plain text and match offsets, never markup, so that a client shows
// scraped text as text and marks matches by offset (the CLI's ** markers would have to be parsed).
import { OffsetConverter } from '../core/codepoints.js';
import { highlightSpans, type HighlightPlan } from './compile.js';

export interface Range {
  start: number;
  end: number;
}

export interface PlainSnippet {
  /** A window of the text around its first match, whitespace runs collapsed to one space. */
  text: string;
  /** Matches within `text` (code points, end exclusive). */
  highlights: Range[];
  clippedStart: boolean;
  clippedEnd: boolean;
  /** Matches within the whole item text (code points, end exclusive). */
  matches: Range[];
}

const WINDOW = 220;

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The snippet of `text` for a compiled query's highlight plan. */
export function plainSnippet(text: string, language: string, plan: HighlightPlan, window = WINDOW): PlainSnippet {
  const spans = highlightSpans(text, language, plan);
  const first = spans[0];
  // The same window as the CLI: start a little before the first match, on a word boundary.
  let from = first ? Math.max(0, first.start - 60) : 0;
  if (from > 0) {
    const space = text.lastIndexOf(' ', from);
    from = space > from - 30 ? space + 1 : from;
  }
  let to = Math.min(text.length, from + window);
  if (to < text.length) {
    const space = text.indexOf(' ', to);
    to = space >= 0 && space < to + 30 ? space : to;
  }
  // Never cut a surrogate pair in two.
  if (from > 0 && isHigh(text.charCodeAt(from - 1))) from++;
  if (to < text.length && isHigh(text.charCodeAt(to - 1))) to++;

  const inWindow = spans.filter((s) => s.end > from && s.start < to).map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }));
  // Output positions (UTF-16) of each span boundary, filled while copying.
  const starts = new Array<number>(inWindow.length).fill(-1);
  const ends = new Array<number>(inWindow.length).fill(-1);
  let out = '';
  for (let i = from; i <= to; i++) {
    inWindow.forEach((s, k) => {
      if (s.start === i) starts[k] = out.length;
      if (s.end === i) ends[k] = out.length;
    });
    if (i === to) break;
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      if (out.length > 0 && !out.endsWith(' ')) out += ' ';
    } else {
      out += ch;
    }
  }
  if (out.endsWith(' ')) out = out.slice(0, -1);
  const conv = new OffsetConverter(out);
  const highlights: Range[] = [];
  inWindow.forEach((_, k) => {
    const a = Math.min(starts[k] ?? 0, out.length);
    const b = Math.min(ends[k] ?? out.length, out.length);
    if (b > a) highlights.push({ start: conv.toCp(a), end: conv.toCp(b) });
  });
  const whole = new OffsetConverter(text);
  return {
    text: out,
    highlights,
    clippedStart: from > 0,
    clippedEnd: to < text.length,
    matches: spans.map((s) => ({ start: whole.toCp(s.start), end: whole.toCp(s.end) })),
  };
}
