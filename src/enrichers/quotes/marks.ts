// Pairs quotation marks in one left-to-right pass with a small stack, so the cost is linear in the
// text however unbalanced its quotes are. Marks and the styles they belong to:
//   "…" straight, “…” English, „…“ and „…” German/Russian inner, «…» Russian/French, ‘…’ and '…'
//   English single (inner quotes, British headlines).
// The single marks double as apostrophes (don’t, it's, the players' union), so they open only
// before a letter and after a non-letter, and close only before a non-letter.

/** A matched pair of marks: `open` and `close` are the UTF-16 offsets of the marks themselves. */
export interface MarkPair {
  open: number;
  close: number;
  /** The opening mark as written. */
  mark: string;
}

type Style = 'straight' | 'curly' | 'low' | 'guillemet' | 'single' | 'curlySingle' | 'rightCurly';

interface Open {
  style: Style;
  at: number;
  /** Pairs closed inside this one, kept in case this one never closes. */
  inner: MarkPair[];
}

/** Quotes longer than this are taken for a lost mark rather than a quotation. */
export const MAX_QUOTE_CHARS = 4000;
// Deeper nesting than this is broken text; the oldest opener is dropped to keep the pass linear.
const MAX_DEPTH = 8;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;
const SENTENCE_END = /[.!?…:;"»”)\]]/;

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || SPACE.test(ch);
}

// A double mark opens after a space, a bracket, a dash, a colon or another mark, before a
// non-space; it closes after a non-space.
const OPEN_AFTER = new Set(['(', '[', '{', '—', '–', '-', '/', ':', ';', ',', '«', '„', '“', '‘', "'", '"']);

function canOpen(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  if (isSpace(next)) return false;
  return prev === undefined || isSpace(prev) || OPEN_AFTER.has(prev);
}

function canClose(text: string, i: number): boolean {
  const prev = text[i - 1];
  if (isSpace(prev)) return false;
  const next = text[i + 1];
  // "5"x" or "a"b": a mark between two letters is neither opening nor closing.
  return next === undefined || !LETTER_OR_DIGIT.test(next);
}

function canOpenSingle(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return next !== undefined && LETTER.test(next) && (prev === undefined || !LETTER_OR_DIGIT.test(prev));
}

function canCloseSingle(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return prev !== undefined && !isSpace(prev) && (next === undefined || !LETTER_OR_DIGIT.test(next));
}

/** True at a line break that ends a paragraph or a finished line: open quotes do not run past it. */
function isBreak(text: string, i: number): boolean {
  // A hard-wrapped line (ending mid-sentence) lets a quotation continue on the next line.
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j--;
  if (j < 0 || text[j] === '\n') return true;
  if (SENTENCE_END.test(text[j] ?? '')) return true;
  let k = i + 1;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
  return k >= text.length || text[k] === '\n';
}

const QUOTE_CHARS = /["“”„«»‘’']/;

/**
 * Every balanced quotation in `text`, outermost only, in order. Unbalanced marks are dropped; a
 * pair inside an opener that never closes is kept.
 */
export function pairQuoteMarks(text: string): MarkPair[] {
  const out: MarkPair[] = [];
  const stack: Open[] = [];

  // Drops every opener above index `k` (they never closed); their inner pairs move down to `k`
  // or, when nothing is below, to the output.
  const dropAbove = (k: number): void => {
    while (stack.length > k + 1) {
      const gone = stack.pop();
      if (!gone) break;
      const below = stack[stack.length - 1];
      if (below) below.inner.push(...gone.inner);
      else out.push(...gone.inner);
    }
  };
  const flush = (): void => {
    dropAbove(-1);
  };
  const find = (styles: readonly Style[]): number => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const s = stack[k];
      if (s && styles.includes(s.style)) return k;
    }
    return -1;
  };
  const close = (k: number, at: number): void => {
    dropAbove(k);
    const o = stack.pop();
    if (!o) return;
    if (at - o.at > MAX_QUOTE_CHARS) {
      // Too long to be one quotation: keep what was found inside instead.
      const below = stack[stack.length - 1];
      if (below) below.inner.push(...o.inner);
      else out.push(...o.inner);
      return;
    }
    const pair: MarkPair = { open: o.at, close: at, mark: text[o.at] ?? '"' };
    const below = stack[stack.length - 1];
    // A quotation inside another belongs to it: only the outermost is reported.
    if (below) below.inner.push(pair);
    else out.push(pair);
  };
  const push = (style: Style, at: number): void => {
    if (stack.length >= MAX_DEPTH) {
      const oldest = stack.shift();
      if (oldest) out.push(...oldest.inner);
    }
    stack.push({ style, at, inner: [] });
  };

  // Visit only marks and line breaks; everything between is skipped by the regex engine.
  const re = /["“”„«»‘’'\n]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = m.index;
    const ch = m[0];
    switch (ch) {
      case '\n':
        if (stack.length > 0 && isBreak(text, i)) flush();
        break;
      case '"': {
        const k = find(['straight']);
        if (k >= 0 && canClose(text, i)) close(k, i);
        else if (canOpen(text, i)) push('straight', i);
        break;
      }
      case '“': {
        const low = find(['low']);
        if (low >= 0 && canClose(text, i)) close(low, i);
        else if (canOpen(text, i)) push('curly', i);
        else {
          // “…“ typed with one key.
          const k = find(['curly']);
          if (k >= 0 && canClose(text, i)) close(k, i);
        }
        break;
      }
      case '”': {
        const k = find(['curly', 'low']);
        if (k >= 0 && canClose(text, i)) close(k, i);
        else {
          // ”…” (Swedish, Finnish, or typed with one key).
          const r = find(['rightCurly']);
          if (r >= 0 && canClose(text, i)) close(r, i);
          else if (canOpen(text, i)) push('rightCurly', i);
        }
        break;
      }
      case '„':
        if (!isSpace(text[i + 1])) push('low', i);
        break;
      case '«':
        if (!isSpace(text[i + 1])) push('guillemet', i);
        break;
      case '»': {
        const k = find(['guillemet']);
        if (k >= 0) close(k, i);
        break;
      }
      case '‘':
        if (canOpenSingle(text, i)) push('curlySingle', i);
        break;
      case '’': {
        const k = find(['curlySingle']);
        if (k >= 0 && canCloseSingle(text, i)) close(k, i);
        break;
      }
      case "'": {
        const k = find(['single']);
        if (k >= 0 && canCloseSingle(text, i)) close(k, i);
        else if (canOpenSingle(text, i)) push('single', i);
        break;
      }
    }
  }
  flush();
  out.sort((a, b) => a.open - b.open);
  return out;
}

/** True when `text` has any quotation mark at all (a cheap test before the full pass). */
export function hasQuoteMarks(text: string): boolean {
  return QUOTE_CHARS.test(text);
}
