// Who said a quotation: the attribution patterns of English and Russian (and Ukrainian) news
// prose, read from short windows after and before the quotation marks.
//   after:  "…," X said · "…," said X · "…," the minister told reporters · «…», — заявил X
//   before: X said: "…" · X заявил, что «…» · according to X, "…" · по словам X, «…» · как отметил X, «…»
// A pronoun ("he said", "сказал он") attributes the quotation without naming anyone: the value is
// null, because resolving who "he" is needs the text before it.
import {
  ACCORDING_TO,
  keyOf,
  ADDRESSEES,
  ADVERBS,
  AS_WORDS,
  DETERMINERS,
  IMPERSONAL_VERBS,
  LEADING_CONNECTIVES,
  NAME_PARTICLES,
  PRONOUNS,
  SPEAKER_STOPS,
  SPEECH_VERBS,
  tokenizeWindow,
} from './words.js';
import type { WindowToken } from './words.js';

/** How a quotation is attributed. */
export interface Attribution {
  /** The speaker as written ("the minister", "Сергей Лавров"), or null for a pronoun or none. */
  speaker: string | null;
  kind: 'name' | 'pronoun' | 'impersonal';
}

const WINDOW_AFTER = 200;
const WINDOW_BEFORE = 160;
const MAX_TOKENS_AFTER = 28;
const MAX_SPEAKER_WORDS = 7;
const MAX_VERB_DISTANCE = 8;
const UPPER = /^\p{Lu}/u;
const LATIN = /\p{Script=Latin}/u;
const DASHES = new Set(['—', '–', '-', '‐']);
const NAME_ENDS = new Set(['of', 'from', 'at']);
const ONE = new Set(['one', 'someone', 'один', 'одна', 'кто-то', 'хтось']);
const OPENING_MARKS = /["“„«‘]/;
const CLOSING_MARKS = /["”»’]/g;
const LETTER = /\p{L}/u;
const AFTER_PUNCT = ',—–-‐!?….';
const BEFORE_PUNCT = ':,—–';
// Verbs that take a quotation with no colon in English ('He said "…"'); "told" takes an addressee.
const DIRECT_VERBS = new Set(['said', 'says', 'say', 'wrote', 'writes', 'added', 'adds', 'asked', 'asks', 'replied', 'declared', 'announced', 'tweeted', 'insisted', 'warned', 'shouted']);

function isPunct(t: WindowToken | undefined, chars: string): boolean {
  return t !== undefined && !t.word && chars.includes(t.text);
}

function isCapitalised(t: WindowToken): boolean {
  return UPPER.test(t.text);
}

/** The phrase's text as written in `window`, from its first to its last token. */
function phraseText(window: string, words: WindowToken[]): string {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return '';
  return window.slice(first.start, last.end).replace(/\s+/g, ' ');
}

function attribution(window: string, words: WindowToken[]): Attribution | null {
  if (words.length === 0) return null;
  // "he said", and "In the report he said" too: the word next to the verb is the subject.
  const last = words[words.length - 1];
  if (last && PRONOUNS.has(last.key)) return { speaker: null, kind: 'pronoun' };
  // "Another said", "One wrote": a determiner alone names no one.
  if (words.length === 1 && last && (DETERMINERS.has(last.key) || ONE.has(last.key))) return { speaker: null, kind: 'pronoun' };
  if (!looksLikeSpeaker(words)) return null;
  return { speaker: phraseText(window, words), kind: 'name' };
}

/** A speaker starts with a capital, an article or a possessive; in Russian, with any noun. */
function looksLikeSpeaker(words: WindowToken[]): boolean {
  const first = words[0];
  if (!first) return false;
  if (words.every((w) => /^\p{N}+$/u.test(w.text))) return false;
  if (PRONOUNS.has(first.key) && words.length > 1) return false;
  if (LATIN.test(first.text)) return isCapitalised(first) || DETERMINERS.has(first.key);
  return !LEADING_CONNECTIVES.has(first.key) && !SPEAKER_STOPS.has(first.key);
}

/** Keeps a long subject's tail: from its last article, or its closing run of capitalised words. */
function trimSubject(words: WindowToken[]): WindowToken[] {
  let from = 0;
  while (from < words.length - 1 && LEADING_CONNECTIVES.has(words[from]?.key ?? '')) from++;
  const rest = words.slice(from);
  if (rest.length <= MAX_SPEAKER_WORDS && from === 0) return rest;
  for (let k = rest.length - 1; k >= 0; k--) {
    const w = rest[k];
    if (w && DETERMINERS.has(w.key) && rest.length - k <= MAX_SPEAKER_WORDS) return rest.slice(k);
  }
  let k = rest.length;
  while (k > 0) {
    const w = rest[k - 1];
    if (!w || !(isCapitalised(w) || NAME_PARTICLES.has(w.key))) break;
    k--;
  }
  // A particle cannot start a name ("von der Leyen" keeps "Ursula" when it is there).
  while (k < rest.length && NAME_PARTICLES.has(rest[k]?.key ?? '')) k++;
  const run = rest.slice(k);
  if (run.length > 0 && run.length <= MAX_SPEAKER_WORDS) return run;
  return rest.length <= MAX_SPEAKER_WORDS ? rest : [];
}

/** The speaker named right after index `i` of `tokens`: "said Jane Smith, …", "заявил глава МИД". */
function speakerAfter(tokens: WindowToken[], i: number): WindowToken[] {
  const words: WindowToken[] = [];
  let j = i;
  // "— заявил РИА Новости глава ведомства": the outlet addressed is not the speaker.
  while (j < tokens.length && tokens[j]?.word && ADDRESSEES.has(tokens[j]?.key ?? '')) j++;
  for (; j < tokens.length && words.length < MAX_SPEAKER_WORDS; j++) {
    const t = tokens[j];
    if (!t) break;
    if (!t.word) {
      // "Jean-Pierre", "U.S." are single tokens; a lone hyphen between words keeps the name going.
      if (DASHES.has(t.text) && words.length > 0 && tokens[j + 1]?.start === t.end && tokens[j - 1]?.end === t.start) continue;
      break;
    }
    if (words.length > 0 && SPEAKER_STOPS.has(t.key)) break;
    // "said Michael H. Wong of the University of California": a full name ends before "of";
    // "Secretary of State Antony Blinken" (one word before "of") goes on.
    if (words.length >= 2 && NAME_ENDS.has(t.key) && words.every(isCapitalised)) break;
    if (words.length === 0 && (SPEAKER_STOPS.has(t.key) || LEADING_CONNECTIVES.has(t.key))) break;
    words.push(t);
  }
  // A stop inside a capitalised name cannot happen, but a trailing adverb can: "said Smith later".
  while (words.length > 0 && ADVERBS.has(words[words.length - 1]?.key ?? '')) words.pop();
  return words;
}

/** The subject before the verb at `v`: words back to a comma, a dash or the window start. */
function speakerBefore(tokens: WindowToken[], v: number): WindowToken[] {
  let j = v - 1;
  while (j >= 0 && tokens[j]?.word && ADVERBS.has(tokens[j]?.key ?? '')) j--;
  const words: WindowToken[] = [];
  for (; j >= 0; j--) {
    const t = tokens[j];
    if (!t?.word) break;
    words.unshift(t);
  }
  return trimSubject(words);
}

function isVerb(t: WindowToken | undefined): boolean {
  return t !== undefined && t.word && SPEECH_VERBS.has(t.key);
}

function matchAccording(tokens: WindowToken[], k: number): boolean {
  const a = tokens[k];
  const b = tokens[k + 1];
  return a !== undefined && b !== undefined && ACCORDING_TO.some(([x, y]) => a.key === x && b.key === y);
}

/**
 * The attribution in the text right after a closing mark at `close`, or null. `endsSentence`
 * says the quotation ended with a full stop, after which a new sentence must not be read as its
 * attribution unless it starts in lower case ("…." he said).
 */
export function attributionAfter(text: string, close: number, endsSentence: boolean): Attribution | null {
  // Most quotations are followed by a comma, a dash or a word; anything else is settled here.
  let p = close + 1;
  while (p < text.length && (text[p] === ' ' || text[p] === '\u00a0')) p++;
  const next = text[p];
  if (next === undefined || !(LETTER.test(next) || AFTER_PUNCT.includes(next))) return null;
  let window = text.slice(close + 1, close + 1 + WINDOW_AFTER);
  const nl = window.indexOf('\n');
  if (nl >= 0) window = window.slice(0, nl);
  const nextQuote = window.search(OPENING_MARKS);
  if (nextQuote >= 0) window = window.slice(0, nextQuote);
  const tokens = tokenizeWindow(window, MAX_TOKENS_AFTER);
  let i = 0;
  let separated = false;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.word) break;
    if (t.text === '.' && !DASHES.has(tokens[i + 1]?.text ?? '')) return null;
    if (!',—–-‐!?…'.includes(t.text)) return null;
    separated = true;
  }
  const first = tokens[i];
  if (!first) return null;
  if (endsSentence && !separated && isCapitalised(first)) return null;

  // "…," according to X.
  if (matchAccording(tokens, i)) return attribution(window, speakerAfter(tokens, i + 2));
  // "…," said X / «…», — заявил X
  if (isVerb(first)) {
    // «Голоса Америки» отметили …: with no comma or dash the quotation is the verb's subject, a
    // name. English allows "…" said X without the comma.
    if (!separated && !LATIN.test(first.text)) return null;
    if (IMPERSONAL_VERBS.has(first.key)) return { speaker: null, kind: 'impersonal' };
    const words = speakerAfter(tokens, i + 1);
    return attribution(window, words) ?? { speaker: null, kind: 'impersonal' };
  }
  // "…," X said / "…," the minister told reporters / "…," Smith, 45, said. A subject starts with
  // a capital, an article or a pronoun ("…" that the plan would fail is no attribution).
  if (LATIN.test(first.text) && !isCapitalised(first) && !DETERMINERS.has(first.key) && !PRONOUNS.has(first.key)) return null;
  for (let j = i + 1, seen = 1; j < tokens.length && seen <= MAX_VERB_DISTANCE; j++) {
    const t = tokens[j];
    if (!t) break;
    if (!t.word) {
      if (t.text === ',' || DASHES.has(t.text)) continue;
      break;
    }
    seen++;
    if (!isVerb(t)) continue;
    // The words next to the verb are its subject ("…, she said"); words before a comma are a
    // name with an apposition ("Smith, 45, said", "Smith, the spokesman, said").
    const near = speakerBefore(tokens.slice(i, j + 1), j - i);
    const lastNear = near[near.length - 1];
    if (lastNear && PRONOUNS.has(lastNear.key)) return { speaker: null, kind: 'pronoun' };
    const subject: WindowToken[] = [];
    for (let k = i; k < j && tokens[k]?.word; k++) subject.push(tokens[k] as WindowToken);
    while (subject.length > 0 && ADVERBS.has(subject[subject.length - 1]?.key ?? '')) subject.pop();
    if (subject.length === 0 || subject.length > MAX_SPEAKER_WORDS) return null;
    const direct = subject.length === near.length;
    if (!direct && !isCapitalised(subject[0] as WindowToken)) return null;
    return attribution(window, subject);
  }
  return null;
}

/** The attribution in the text right before an opening mark at `open`, or null. */
export function attributionBefore(text: string, open: number): Attribution | null {
  // The quotation must follow a colon, a comma, a dash, or "that" / "что" / "що".
  let p = open - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\u00a0')) p--;
  const prev = text[p];
  if (prev === undefined) return null;
  if (!BEFORE_PUNCT.includes(prev)) {
    // Else the last word must be "that", "что", "що" or a speech verb ('He said "…"').
    let q = p;
    while (q >= 0 && LETTER.test(text[q] ?? '')) q--;
    const word = keyOf(text.slice(q + 1, p + 1));
    if (word !== 'that' && word !== 'что' && word !== 'що' && !DIRECT_VERBS.has(word)) return null;
  }
  let window = text.slice(Math.max(0, open - WINDOW_BEFORE), open);
  const nl = window.lastIndexOf('\n');
  if (nl >= 0) window = window.slice(nl + 1);
  // Stop at the previous quotation: `"…," he said, "…"` reads only ", he said, ".
  let lastClose = -1;
  CLOSING_MARKS.lastIndex = 0;
  for (let m = CLOSING_MARKS.exec(window); m; m = CLOSING_MARKS.exec(window)) lastClose = m.index;
  const tokens = tokenizeWindow(lastClose >= 0 ? window.slice(lastClose + 1) : window);
  const offset = lastClose >= 0 ? lastClose + 1 : 0;
  const view = window.slice(offset);
  // Cut at the last sentence end before the attribution.
  let from = 0;
  for (let k = tokens.length - 2; k >= 0; k--) {
    const t = tokens[k];
    if (isPunct(t, '.!?…') && tokens[k + 1]?.word && isCapitalised(tokens[k + 1] as WindowToken)) {
      from = k + 1;
      break;
    }
  }
  const toks = tokens.slice(from);
  const last = toks[toks.length - 1];
  if (!last) return null;
  let end = toks.length - 1;
  if (isPunct(last, BEFORE_PUNCT)) end--;
  else if (last.word && (last.key === 'that' || last.key === 'что' || last.key === 'що')) {
    end--;
    if (isPunct(toks[end], ',')) end--;
  } else if (!DIRECT_VERBS.has(last.key)) return null;
  if (end < 0) return null;

  // according to X, "…" / по словам X, «…»
  for (let k = end - 1; k >= 0 && k >= end - MAX_SPEAKER_WORDS - 2; k--) {
    if (!matchAccording(toks, k)) continue;
    return attribution(view, speakerAfter(toks, k + 2));
  }
  // The last speech verb, at most a few words before the mark: "X said on Tuesday:", "X told reporters:".
  for (let v = end, seen = 0; v >= 0 && seen <= MAX_VERB_DISTANCE; v--) {
    const t = toks[v];
    if (!t) break;
    if (!t.word) {
      if (isPunct(t, '.!?;:')) return null;
      continue;
    }
    seen++;
    if (!isVerb(t)) continue;
    if (IMPERSONAL_VERBS.has(t.key)) return { speaker: null, kind: 'impersonal' };
    // как отметил X, «…» / as X said, "…"
    const before = toks[v - 1];
    if (before?.word && AS_WORDS.has(before.key) && !LATIN.test(t.text)) {
      return attribution(view, speakerAfter(toks, v + 1));
    }
    const subject = speakerBefore(toks, v);
    if (subject.length > 0 && AS_WORDS.has(subject[0]?.key ?? '')) subject.shift();
    return attribution(view, subject) ?? { speaker: null, kind: 'impersonal' };
  }
  // Headline style, a name and a colon opening the sentence: Putin: "…" / Песков: «…».
  const head = toks.slice(0, end + 1);
  if (isPunct(last, ':') && head.length > 0 && head.length <= 4 && head.every((t) => t.word) && isCapitalised(head[0] as WindowToken)) {
    return attribution(view, head);
  }
  return null;
}
