// Tokens and sentences for the technique model. Spans are learnt and predicted on token
// boundaries, so this cut decides where a predicted span can start and end: words keep inner
// apostrophes and hyphens ("don't", "so-called"), every other visible character is a token of its own.
import { foldToken, stemWord } from '../../search/analyze.js';

/** One token of an article with its UTF-16 offsets (end exclusive). */
export interface ModelToken {
  text: string;
  start: number;
  end: number;
  /** Folded form (lower case, ё→е) for words; the character itself for punctuation. */
  lower: string;
  /** Stem of a word; the character itself for punctuation. */
  stem: string;
  isWord: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/** A sentence as a half-open range of token indices plus its line number in the article. */
export interface ModelSentence {
  first: number;
  end: number;
  line: number;
}

export interface TokenizedText {
  tokens: ModelToken[];
  sentences: ModelSentence[];
}

const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’\-‑][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;
const WORD_START = /^[\p{L}\p{N}]/u;
const SENTENCE_END = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '»', '’', "'", ')', ']']);
const UPPER_START = /^[\p{Lu}\p{N}"“«'‘([—–-]/u;

/** Cuts `text` into tokens and sentences: a sentence ends at a line break or at . ! ? … before a capital. */
export function tokenizeText(text: string, lang: 'en' | 'ru'): TokenizedText {
  const tokens: ModelToken[] = [];
  const sentences: ModelSentence[] = [];
  let line = 0;
  let lastEnd = 0;
  let sentenceFirst = 0;
  const closeSentence = (): void => {
    if (tokens.length > sentenceFirst) sentences.push({ first: sentenceFirst, end: tokens.length, line });
    sentenceFirst = tokens.length;
  };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const gap = text.slice(lastEnd, m.index);
    const breaks = gap.split('\n').length - 1;
    if (breaks > 0) {
      closeSentence();
      line += breaks;
    } else if (tokens.length > sentenceFirst && gap.length > 0) {
      // Inside a line: a new sentence starts after terminal punctuation (and closing quotes)
      // when the next token looks like a sentence start.
      const prev = tokens[tokens.length - 1];
      const prev2 = tokens[tokens.length - 2];
      const ended =
        prev !== undefined &&
        (SENTENCE_END.has(prev.text) || (CLOSERS.has(prev.text) && prev2 !== undefined && SENTENCE_END.has(prev2.text)));
      if (ended && UPPER_START.test(m[0])) closeSentence();
    }
    const raw = m[0];
    const isWord = WORD_START.test(raw);
    const lower = isWord ? foldToken(raw) : raw;
    const stem = isWord ? stemWord(lower, lang) : raw;
    tokens.push({ text: raw, start: m.index, end: m.index + raw.length, lower, stem, isWord, sentence: sentences.length });
    lastEnd = m.index + raw.length;
  }
  closeSentence();
  // Tokens were numbered with the count of sentences closed before them; closing happens before
  // the next token is pushed, so the numbering already matches.
  return { tokens, sentences };
}

/** Word shape: Xx, x, X (all caps), d (digits), or the punctuation itself. */
export function shapeOf(token: ModelToken): string {
  if (!token.isWord) return token.text;
  const t = token.text;
  if (/^\p{N}+$/u.test(t)) return 'd';
  if (t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase()) return 'X';
  if (/^\p{Lu}/u.test(t)) return 'Xx';
  return 'x';
}
