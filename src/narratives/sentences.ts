// A sentence splitter for English, Russian and Ukrainian news prose, good enough to point an
// analyst at the sentence a narrative matched: sentences end at . ! ? … (and closing quotes or
// brackets after them) before a capital, a digit, an opening quote or a dash, and at line
// breaks. Abbreviations and initials ("Mr. Smith", "U.S. officials", "В. В. Путин", "т. е.",
// "г. Москва") do not end a sentence.

/** A sentence's UTF-16 offsets in the text, end exclusive, without surrounding spaces. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof gen sen rep gov col lt sgt st jr sr capt maj adm rev vs etc no nos fig approx
  jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est
  г гг ул им ст см др пр тыс млн млрд руб коп т е д п напр проф акад чел обл р-н кв стр рис пос ж
  вул м р грн тис млрд`.split(/\s+/),
);

const CLOSERS = '"\'»”’)]';
const TERMINALS = '.!?…';
const LETTER = /\p{L}/u;
const UPPER_OR_START = /[\p{Lu}\p{N}"«“„‘'([—–-]/u;

function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && LETTER.test(text[i - 1] ?? '')) i--;
  return text.slice(i, dot);
}

/** True when the full stop at `dot` belongs to an abbreviation or an initial. */
function isAbbreviation(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (word === '') return false;
  // Initials and dotted acronyms: "J. Smith", "В. В. Путин", "U.S.".
  if (word.length === 1 && word === word.toUpperCase()) return true;
  if (text[dot - word.length - 1] === '.') return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

function push(out: SentenceSpan[], text: string, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}

/**
 * The sentences of `text` in order, as UTF-16 spans.
 * @example splitSentences('Hello there. How are you?') // [{ start: 0, end: 12 }, { start: 13, end: 25 }]
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const n = text.length;
  let from = 0;
  for (let i = 0; i < n; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      push(out, text, from, i);
      from = i + 1;
      continue;
    }
    if (!TERMINALS.includes(ch)) continue;
    let end = i + 1;
    while (end < n && (TERMINALS.includes(text[end] ?? '') || CLOSERS.includes(text[end] ?? ''))) end++;
    // The next sentence must start after white space, with a capital, digit, quote or dash.
    let next = end;
    while (next < n && (text[next] === ' ' || text[next] === '\t' || text[next] === '\u00a0')) next++;
    if (next === end && next < n && text[next] !== '\n') {
      i = end - 1;
      continue;
    }
    if (next < n && text[next] !== '\n' && !UPPER_OR_START.test(text[next] ?? '')) {
      i = end - 1;
      continue;
    }
    if (ch === '.' && end === i + 1 && isAbbreviation(text, i)) {
      // "г. Москва", "Mr. Smith": an abbreviation before a capital is not an end.
      i = end - 1;
      continue;
    }
    push(out, text, from, end);
    from = end;
    i = end - 1;
  }
  push(out, text, from, n);
  return out;
}
