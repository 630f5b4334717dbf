// Direct quotations in a text: text between quotation marks, and Russian / Ukrainian dialogue
// lines opened by a dash, each with its speaker when the text names one.
//
// What counts:
// - a quotation of at least `minWords` words; a shorter one only when attributed ("No," he said):
//   one or two words in quotes are scare quotes or names («Газпром», so-called "experts");
// - an unattributed quotation is dropped when it reads as a title: a word such as newspaper,
//   партия, so-called comes right before it, or every long word in it is capitalised;
// - a dialogue line (— Мы готовы, — сказал он.) only with its attribution: lines opened by a
//   dash are also list items.
// The span is the text between the marks (marks excluded), trimmed of spaces and of a trailing
// comma, which stands in for the speaker's full stop ("We will win," he said).
import { pairQuoteMarks } from './marks.js';
import { attributionAfter, attributionBefore } from './speaker.js';
import type { Attribution } from './speaker.js';
import { IMPERSONAL_VERBS, keyOf, SPEECH_VERBS, TITLE_STEMS_CYRILLIC, TITLE_WORDS_EN, tokenizeWindow } from './words.js';

/** A quotation found in a text (UTF-16 offsets, end exclusive). */
export interface Quote {
  start: number;
  end: number;
  /** The speaker as written, or null when unnamed (a pronoun, "said in a statement") or unattributed. */
  speaker: string | null;
  attributed: boolean;
  /** 'marks' for text in quotation marks, 'dialogue' for a dash-opened line. */
  form: 'marks' | 'dialogue';
  confidence: number;
}

export interface QuoteOptions {
  /** Fewest words an unattributed quotation needs. */
  minWords: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const HAS_LETTER = /\p{L}/u;
const LETTER_WORD = /\p{L}/u;
const SENTENCE_PUNCT = /[.!?…]["'»”’)]*$/;
const INNER_SENTENCE = /[.!?…]\s/;
const UPPER = /^\p{Lu}/u;

function countWords(s: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(s); m; m = WORD.exec(s)) if (LETTER_WORD.test(m[0])) n++;
  return n;
}

/** Offsets of the quotation's text between `from` and `to`, trimmed of spaces and a trailing comma. */
function trimmed(text: string, from: number, to: number): { start: number; end: number } {
  let s = from;
  let e = to;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /[\s,]/u.test(text[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

function lastWordBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 40), at);
  const m = /([\p{L}-]+)[\s\p{Pd}]*$/u.exec(before);
  return m ? keyOf(m[1] ?? '') : '';
}

/** True when an unattributed quotation reads as a name or title rather than speech. */
function isTitleLike(text: string, open: number, content: string): boolean {
  if (SENTENCE_PUNCT.test(content) || INNER_SENTENCE.test(content)) return false;
  const word = lastWordBefore(text, open);
  if (TITLE_WORDS_EN.has(word)) return true;
  if (word !== '' && TITLE_STEMS_CYRILLIC.some((stem) => word.startsWith(stem))) return true;
  // "The Art of the Deal", «Единая Россия»: every word longer than three letters capitalised.
  const words = content.match(/\p{L}+/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return words.length <= 8 && long.length > 0 && long.every((w) => UPPER.test(w));
}

function confidenceOf(a: Attribution | null, content: string, words: number, minWords: number): number {
  let c: number;
  if (a?.kind === 'name') c = 0.9;
  else if (a?.kind === 'pronoun') c = 0.85;
  else if (a) c = 0.8;
  else c = SENTENCE_PUNCT.test(content) || INNER_SENTENCE.test(content) ? 0.6 : 0.45;
  if (words < minWords) c -= 0.1;
  return Math.round(c * 100) / 100;
}

function quotesInMarks(text: string, opts: QuoteOptions): Quote[] {
  const out: Quote[] = [];
  for (const pair of pairQuoteMarks(text)) {
    const span = trimmed(text, pair.open + 1, pair.close);
    if (span.end <= span.start) continue;
    const content = text.slice(pair.open + 1, pair.close).trim();
    if (!HAS_LETTER.test(content)) continue;
    const words = countWords(content);
    const endsSentence = /\.["'»”’]*$/.test(content) && !/\.\.$/.test(content);
    const a = attributionAfter(text, pair.close, endsSentence) ?? attributionBefore(text, pair.open);
    if (!a && (words < opts.minWords || isTitleLike(text, pair.open, content))) continue;
    out.push({
      start: span.start,
      end: span.end,
      speaker: a?.speaker ?? null,
      attributed: a !== null,
      form: 'marks',
      confidence: confidenceOf(a, content, words, opts.minWords),
    });
  }
  return out;
}

// A line opened by a dash: "— Мы готовы, — сказал он. — Но не сейчас."
const DIALOGUE_START = /^[ \t]*[—–-][ \t\u00a0]+/;
// The end of the spoken part and the dash before its attribution: ", — ", "! — ", "?! – ".
const SPEECH_BREAK = /([,!?…]+)[ \t\u00a0]+[—–-][ \t\u00a0]+/g;
const CONTINUATION = /[.:][ \t\u00a0]+[—–-][ \t\u00a0]+/g;

function dialogueQuotes(text: string, opts: QuoteOptions): Quote[] {
  const out: Quote[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const lead = DIALOGUE_START.exec(line);
    if (lead) out.push(...dialogueLine(lineStart, line, lead[0].length, opts));
    lineStart = lineEnd + 1;
  }
  return out;
}

function dialogueLine(base: number, line: string, from: number, opts: QuoteOptions): Quote[] {
  SPEECH_BREAK.lastIndex = from;
  for (let m = SPEECH_BREAK.exec(line); m; m = SPEECH_BREAK.exec(line)) {
    const after = line.slice(m.index + m[0].length);
    const verb = tokenizeWindow(after.slice(0, 40))[0];
    if (!verb?.word || !SPEECH_VERBS.has(verb.key)) continue;
    // The punctuation before the dash belongs to the speech unless it is the comma.
    const punct = m[1] ?? '';
    const speechEnd = m.index + (punct.startsWith(',') ? 0 : punct.length);
    const a = IMPERSONAL_VERBS.has(verb.key) ? { speaker: null, kind: 'impersonal' as const } : attributionAfter(line, m.index + punct.length - 1, false);
    if (!a) return [];
    const quotes: Array<{ start: number; end: number }> = [trimmed(line, from, speechEnd)];
    // "— …, — сказал он. — Продолжение." continues the same speaker's words.
    CONTINUATION.lastIndex = m.index + m[0].length;
    const cont = CONTINUATION.exec(line);
    if (cont) quotes.push(trimmed(line, cont.index + cont[0].length, line.length));
    const confidence = a.kind === 'name' ? 0.85 : 0.8;
    return quotes
      .filter((q) => q.end > q.start && HAS_LETTER.test(line.slice(q.start, q.end)))
      .map((q) => {
        const words = countWords(line.slice(q.start, q.end));
        return {
          start: base + q.start,
          end: base + q.end,
          speaker: a.speaker,
          attributed: true,
          form: 'dialogue' as const,
          confidence: words < opts.minWords ? Math.round((confidence - 0.1) * 100) / 100 : confidence,
        };
      });
  }
  return [];
}

/**
 * Direct quotations in `text`, in order, with their speakers.
 * @example findQuotes('"We will not retreat," the minister told reporters.', { minWords: 3 })[0]?.speaker // 'the minister'
 */
export function findQuotes(text: string, opts: QuoteOptions): Quote[] {
  const marks = quotesInMarks(text, opts);
  const dialogue = /^[ \t]*[—–-][ \t\u00a0]/m.test(text) ? dialogueQuotes(text, opts) : [];
  if (dialogue.length === 0) return marks;
  // A dialogue line that holds a quotation in marks is reported by its marks.
  const kept = dialogue.filter((d) => !marks.some((q) => q.start < d.end && d.start < q.end));
  return [...marks, ...kept].sort((a, b) => a.start - b.start);
}
