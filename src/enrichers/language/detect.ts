// Language identification for one stretch of text: eld restricted to the candidate languages,
// backed by a letter check that tells Russian from Ukrainian where n-grams alone are close, and
// fronted by a function-word vote that settles clear Latin-script text without eld.
import { eld } from 'eld/extrasmall';
import { voteByWords, wordVoter } from './stopwords.js';
import type { WordVoter } from './stopwords.js';

/** Candidate languages used when none are configured (ISO 639-1). */
export const DEFAULT_LANGUAGES: string[] = ['en', 'ru', 'uk', 'de', 'fr', 'es', 'it', 'pl'];

/** A detected language (ISO 639-1, or `und`) with a confidence in [0, 1]. */
export interface LanguageGuess {
  language: string;
  confidence: number;
}

export const UNDETERMINED = 'und';
const UND: LanguageGuess = { language: UNDETERMINED, confidence: 0 };

type Detector = typeof eld;

// setLanguageSubset is state on an eld instance, so each candidate set gets its own instances;
// instances share the one loaded n-gram table, so this costs a few objects, not memory.
interface Detectors {
  /** With eld's cleanup, for text with URLs, e-mail addresses or numbers that pull towards English. */
  clean: Detector;
  plain: Detector;
  /** Russian and Ukrainian are candidates and no other Cyrillic language is: letters can decide. */
  lettersDecide: boolean;
  ruAndUk: boolean;
  /** Function-word vote for Latin text; null when a Latin-script candidate has no word list. */
  voter: WordVoter | null;
  /** eld's answers by sample, for lines that recur across items (share bars, forum quote headers). */
  memoPlain: Map<string, EldAnswer>;
  memoClean: Map<string, EldAnswer>;
}

const OTHER_CYRILLIC = new Set(['be', 'bg', 'sr', 'mk', 'kk', 'ky', 'mn', 'tg', 'tt', 'ba', 'cv']);
const detectors = new Map<string, Detectors>();
// Callers pass the same array for every paragraph; skip building the key for it each time.
const byArray = new WeakMap<readonly string[], Detectors>();

function detectorsFor(candidates: readonly string[]): Detectors {
  const known = byArray.get(candidates);
  if (known) return known;
  const key = [...candidates].sort().join(',');
  let d = detectors.get(key);
  if (!d) {
    const make = (cleanup: boolean): Detector => {
      const instance = eld.newInstance();
      instance.enableTextCleanup(cleanup);
      if (candidates.length > 0) instance.setLanguageSubset([...candidates]);
      return instance;
    };
    const ruAndUk = candidates.includes('ru') && candidates.includes('uk');
    d = {
      clean: make(true),
      plain: make(false),
      ruAndUk,
      lettersDecide: ruAndUk && !candidates.some((c) => OTHER_CYRILLIC.has(c)),
      voter: wordVoter(candidates),
      memoPlain: new Map(),
      memoClean: new Map(),
    };
    detectors.set(key, d);
  }
  byArray.set(candidates, d);
  return d;
}

const NEEDS_CLEANUP = /[0-9@]|www\.|:\/\/|\.(?:com|org|net|ru|ua)\b/;

/** Letter counts by script, and the letters that mark Russian or Ukrainian. */
export interface LetterStats {
  letters: number;
  cyrillic: number;
  latin: number;
  ukMarks: number;
  ruMarks: number;
}

const LETTER = /\p{L}/u;

/** Counts letters by script and the Russian-only / Ukrainian-only letters in `text`. */
export function letterStats(text: string): LetterStats {
  let letters = 0;
  let cyrillic = 0;
  let latin = 0;
  let ukMarks = 0;
  let ruMarks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
        letters++;
        latin++;
      } else if (c === 0x27 && isCyrillicAt(text, i - 1) && isCyrillicAt(text, i + 1)) {
        // The apostrophe inside a Cyrillic word (м'ясо, об'єкт) is Ukrainian spelling; Russian uses ъ.
        ukMarks++;
      }
      continue;
    }
    if (c >= 0x400 && c <= 0x52f) {
      letters++;
      cyrillic++;
      switch (c) {
        case 0x456: case 0x406: // і І
        case 0x457: case 0x407: // ї Ї
        case 0x454: case 0x404: // є Є
        case 0x491: case 0x490: // ґ Ґ
          ukMarks++;
          break;
        case 0x44b: case 0x42b: // ы Ы
        case 0x44d: case 0x42d: // э Э
        case 0x44a: case 0x42a: // ъ Ъ
        case 0x451: case 0x401: // ё Ё
          ruMarks++;
          break;
      }
      continue;
    }
    if ((c === 0x2019 || c === 0x2bc) && isCyrillicAt(text, i - 1) && isCyrillicAt(text, i + 1)) {
      ukMarks++;
      continue;
    }
    if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) {
      letters++;
      latin++;
      continue;
    }
    // Quotes, dashes, no-break spaces and the like fill Russian and Ukrainian text; they are not
    // letters (save ª µ º), and a regex test for each would cost more than the rest of the loop.
    if (c < 0xc0 ? c !== 0xaa && c !== 0xb5 && c !== 0xba : c >= 0x2000 && c <= 0x206f) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = text.codePointAt(i) ?? c;
      i++;
      if (LETTER.test(String.fromCodePoint(cp))) letters++;
      continue;
    }
    if (LETTER.test(String.fromCharCode(c))) letters++;
  }
  return { letters, cyrillic, latin, ukMarks, ruMarks };
}

function isCyrillicAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c >= 0x400 && c <= 0x52f;
}

/**
 * The language of `text` among `candidates` (ISO 639-1), or `und` with confidence 0 when the text
 * has under 3 letters or the detector is unsure. Example: detectLanguage('Путін заявив') → uk.
 */
export function detectLanguage(text: string, candidates: readonly string[] = DEFAULT_LANGUAGES): LanguageGuess {
  const stats = letterStats(text);
  return detectWithStats(text, stats, candidates);
}

/** detectLanguage when the letter counts are already known. */
export function detectWithStats(text: string, stats: LetterStats, candidates: readonly string[]): LanguageGuess {
  if (stats.letters < 3) return UND;
  const detectors = detectorsFor(candidates);
  const cyrillicText = stats.cyrillic * 2 > stats.letters;
  const byLetters = cyrillicText && detectors.ruAndUk ? lettersOnly(stats) : null;
  // Letters only one of the two languages uses settle it, and save the n-gram pass.
  if (byLetters && detectors.lettersDecide) return byLetters;

  const sampleEnd = sampleEndOf(text);
  // Function words settle most Latin paragraphs outright; eld is left the short and unclear ones.
  if (stats.latin === stats.letters && detectors.voter) {
    const voted = voteByWords(text, detectors.voter, sampleEnd);
    if (voted) return { language: voted.language, confidence: round(voted.confidence) };
  }

  const sample = sampleEnd < text.length ? text.slice(0, sampleEnd) : text;
  const answer = askEld(sample, detectors);
  let language = answer.language;
  let confidence = language ? calibrate(answer.top, answer.second, stats.letters, answer.reliable) : 0;

  if (cyrillicText && detectors.ruAndUk) {
    const choice = byLetters ?? russianOrUkrainian(text, stats);
    if (choice && (language === '' || language === 'ru' || language === 'uk' || confidence < 0.5)) {
      if (choice.language !== language) confidence = choice.confidence;
      else confidence = Math.max(confidence, choice.confidence);
      language = choice.language;
    }
  }
  if (!language || confidence < MIN_CONFIDENCE) return UND;
  return { language, confidence: round(confidence) };
}

const MIN_CONFIDENCE = 0.4;

/** Function words a line needs to confirm the language of the line before it. */
const CONFIRM_VOTES = 2;

/**
 * The language of Latin-script `text` on thin function-word evidence (two words that no rival
 * shares), or null: enough to confirm a neighbour's language, never to decide alone.
 */
export function confirmByWords(text: string, stats: LetterStats, candidates: readonly string[]): string | null {
  if (stats.letters < 3 || stats.latin !== stats.letters) return null;
  const voter = detectorsFor(candidates).voter;
  if (!voter) return null;
  return voteByWords(text, voter, sampleEndOf(text), CONFIRM_VOTES)?.language ?? null;
}

/**
 * eld's cost grows with the text while its accuracy stops growing after a few hundred letters,
 * so long paragraphs are identified from their first ~200 characters, cut at a word boundary.
 */
export const SAMPLE_CHARS = 200;

function sampleEndOf(text: string): number {
  if (text.length <= SAMPLE_CHARS) return text.length;
  const cut = text.lastIndexOf(' ', SAMPLE_CHARS);
  return cut > SAMPLE_CHARS / 2 ? cut : SAMPLE_CHARS;
}

/** Bound on remembered eld answers; the memo starts over when full, which is cheap and rare. */
const MEMO_SIZE = 8192;

interface EldAnswer {
  language: string;
  top: number;
  second: number;
  reliable: boolean;
}

// eld's language ('' when it has none) with the scores that calibrate its confidence, remembered
// by sample: the answer depends on nothing else.
function askEld(sample: string, detectors: Detectors): EldAnswer {
  const cleanup = NEEDS_CLEANUP.test(sample);
  const memo = cleanup ? detectors.memoClean : detectors.memoPlain;
  const known = memo.get(sample);
  if (known) return known;
  const result = (cleanup ? detectors.clean : detectors.plain).detect(sample);
  const answer: EldAnswer = { language: result.language, top: 0, second: 0, reliable: result.isReliable() };
  if (answer.language) {
    const scores = result.getScores();
    answer.top = scores[answer.language] ?? 0;
    for (const [lang, score] of Object.entries(scores)) if (lang !== answer.language && score > answer.second) answer.second = score;
  }
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(sample, answer);
  return answer;
}

// eld's scores sit around 0.75-0.85 for any decent match; what separates a sure guess from a
// coin toss is the gap to the runner-up and how much text there was.
function calibrate(top: number, second: number, letters: number, reliable: boolean): number {
  const gap = top > 0 ? (top - second) / top : 0;
  const length = Math.min(1, letters / 40);
  let c = 0.5 + 0.3 * Math.min(1, gap * 3) + 0.19 * length;
  if (!reliable) c -= 0.3;
  return Math.max(0, Math.min(0.99, c));
}

// Frequent words spelled without the telltale letters, for short Cyrillic text that has none.
const RU_WORDS = new Set(
  ('и что как это он она они его её их был была было были но или уже только когда где если от после ' +
    'сегодня новости против всех всё все очень нет так тоже также может будет надо можно чтобы потому ' +
    'который которые которая говорит заявил сказал года году вот даже где кто они них мы вы нам вам').split(' '),
);
const UK_WORDS = new Set(
  ('та що як це він вона вони його був була було були але або вже тільки коли де якщо від після ' +
    'сьогодні новини проти всіх все дуже ні так теж також може буде треба можна щоб тому ' +
    'який які яка каже заявив сказав року році ось навіть хто них ми ви нам вам й з у ще').split(' '),
);
const CYRILLIC_WORD = /[\u0400-\u052f'’ʼ]+/g;

function wordVote(text: string): LanguageGuess | null {
  let ru = 0;
  let uk = 0;
  for (const m of text.toLowerCase().matchAll(CYRILLIC_WORD)) {
    if (RU_WORDS.has(m[0])) ru++;
    if (UK_WORDS.has(m[0])) uk++;
  }
  if (ru > uk) return { language: 'ru', confidence: uk === 0 ? 0.75 : 0.6 };
  if (uk > ru) return { language: 'uk', confidence: ru === 0 ? 0.75 : 0.6 };
  return null;
}

/**
 * Russian or Ukrainian when the text has letters of only one of them, often enough for its
 * length: і/ї/є make up ~7% of Ukrainian letters, so one і in a long Russian paragraph is a
 * quoted name ("Київ"), not Ukrainian.
 */
function lettersOnly(stats: LetterStats): LanguageGuess | null {
  const { ukMarks, ruMarks, cyrillic } = stats;
  const short = cyrillic < 40;
  if (ukMarks > 0 && ruMarks === 0 && (short || ukMarks >= cyrillic * 0.02)) {
    return { language: 'uk', confidence: ukMarks >= 2 ? 0.95 : 0.85 };
  }
  if (ruMarks > 0 && ukMarks === 0 && (short || ruMarks >= cyrillic * 0.004)) {
    return { language: 'ru', confidence: ruMarks >= 2 ? 0.95 : 0.85 };
  }
  return null;
}

function russianOrUkrainian(text: string, stats: LetterStats): LanguageGuess | null {
  const { ukMarks, ruMarks } = stats;
  if (ukMarks === 0 && ruMarks === 0) return wordVote(text);
  const one = lettersOnly(stats);
  if (one) return one;
  // Both kinds: a quotation or a typo; the clear majority wins, otherwise leave it to eld.
  if (ukMarks >= ruMarks * 3 && ukMarks >= stats.cyrillic * 0.02) return { language: 'uk', confidence: 0.7 };
  if (ruMarks >= ukMarks * 3 && ruMarks > 1) return { language: 'ru', confidence: 0.7 };
  return null;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
