// Text analysis shared by indexing and querying. Both sides must cut and stem words the same way,
// or a stemmed query term will never meet its indexed form: every word that goes into the stems
// column and every bare query word passes through `foldToken` and `stemWord` here.
//
// Folding follows FTS5's `unicode61 remove_diacritics 2` where it matters for matching: case is
// folded in every script and Latin letters lose their accents, while Cyrillic letters keep theirs
// (FTS5 itself keeps й, ё, ї). On top of that we fold ё→е, which FTS5 does not, because Russian
// text writes ё only sometimes and an analyst expects "елка" to find "ёлка".
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { stemmer as ukrainianStemmer } from '@orama/stemmers/ukrainian';

/** One word of a text with its UTF-16 offsets (end exclusive). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The stemmers we have; every other language is indexed unstemmed (folded only). */
export type StemLanguage = 'ru' | 'uk' | 'en';

export type Script = 'cyrillic' | 'latin' | 'other';

// Letters, digits, private-use characters and non-spacing marks are word characters in FTS5's
// unicode61 (marks count when diacritics are removed); everything else separates words.
// Checked against SQLite over every code point in analyze.test.ts, except for characters newer
// than SQLite's Unicode tables.
const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;
const HAS_WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const MARKS = /\p{M}+/gu;
const UKRAINIAN_LETTERS = /[іїєґ]/;
const NON_ASCII = /[^\u0000-\u007f]/;

/** Words of `text` as FTS5 unicode61 cuts them, with UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    // A run of marks alone (after a symbol) carries no letter to search for.
    if (!HAS_WORD_CHAR.test(m[0])) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The words of `text` as tokenize() cuts them, without offsets (cheaper, for indexing). */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) if (HAS_WORD_CHAR.test(m[0])) out.push(m[0]);
  return out;
}

/** True when `text` has at least one word that search can match. */
export function hasWords(text: string): boolean {
  return HAS_WORD_CHAR.test(text);
}

/** The script a word is stemmed by: any Cyrillic letter makes it Cyrillic (mixed homoglyph words too). */
export function scriptOf(word: string): Script {
  if (CYRILLIC.test(word)) return 'cyrillic';
  if (LATIN.test(word)) return 'latin';
  return 'other';
}

/**
 * Folds one word for matching: lower case, ё→е, accents removed from Latin letters.
 * @example foldToken('Ёлка') // 'елка'; foldToken('Café') // 'cafe'
 */
export function foldToken(word: string): string {
  const lower = word.normalize('NFC').toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  const script = scriptOf(lower);
  if (script === 'cyrillic') {
    // NFC keeps й and ї composed, so only loose marks (stress accents) are dropped here.
    return lower.replace(MARKS, '').replace(/ё/g, 'е');
  }
  // In other scripts (Devanagari, Hebrew …) marks are vowels and signs, not accents: keep them.
  if (script !== 'latin') return lower;
  return lower.normalize('NFD').replace(MARKS, '').normalize('NFC');
}

// Orama's English stemmer is Porter's, with one slip: step 4 drops the s or t of -sion/-tion
// ("election" → "elec", so "elected" and "election" part ways). Put the letter back where Porter
// keeps it: when the stem before "-ion" has measure > 1.
const ION = /^(.+?)([st])ions?$/;
const VOWEL_Y = /[aeiou]|(?<=[^aeiou])y/g;

function porterMeasure(stem: string): number {
  // Count vowel→consonant transitions, treating y after a consonant as a vowel.
  const marks = stem.replace(VOWEL_Y, 'V').replace(/[^V]/g, 'C');
  const m = marks.replace(/^C+/, '').match(/V+C+/g);
  return m ? m.length : 0;
}

function stemEnglish(word: string): string {
  const stem = englishStemmer(word);
  const ion = ION.exec(word);
  if (!ion) return stem;
  const before = ion[1] ?? '';
  const fixed = before + (ion[2] ?? '');
  const slipped = stem === before || (before.endsWith('e') && stem === before.slice(0, -1)) || (before.endsWith('ll') && stem === before.slice(0, -1));
  const untouched = stem === word || stem === word.replace(/s$/, '');
  if ((slipped || untouched) && porterMeasure(fixed) > 1) return fixed;
  return stem;
}

// The Ukrainian stemmer knows -ія but not -ії, -іями, -ією ("партія" → "парт", "партії" →
// "парті"): finish those off so every form of the -ія nouns meets.
const UK_IA_REST = /(?:іє|і)$/;

function stemUkrainian(word: string): string {
  let stem = ukrainianStemmer(word);
  const trimmed = stem.replace(UK_IA_REST, '');
  if (trimmed !== stem && trimmed.length >= 3) stem = trimmed;
  // The stemmer keeps only what precedes the first vowel when it strips everything after it
  // ("київ" → "ки"); such a stem would meet hundreds of unrelated words.
  return stem.length < 3 && word.length > 3 ? word : stem;
}

const CACHE_MAX = 200_000;
const cache = new Map<string, string>();

/** Stem of an already folded word in `language`; digits and words of other scripts stay as they are. */
export function stemWord(folded: string, language: StemLanguage): string {
  const key = language + folded;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const script = scriptOf(folded);
  let stem = folded;
  if (script === 'cyrillic' && language !== 'en') {
    stem = language === 'uk' ? stemUkrainian(folded) : russianStemmer(folded);
  } else if (script === 'latin' && language === 'en') {
    stem = stemEnglish(folded);
  }
  // Stemmers only strip endings; should one ever return nothing, the word itself is safer.
  if (stem === '') stem = folded;
  if (cache.size >= CACHE_MAX) {
    // Evict in insertion order: old words from long-finished documents go first.
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, stem);
  return stem;
}

/** The stemmer an indexed word goes through, from its script and the item's language. */
export function indexLanguageFor(folded: string, itemLanguage: string): StemLanguage | null {
  const script = scriptOf(folded);
  if (script === 'latin') return 'en';
  if (script !== 'cyrillic') return null;
  if (itemLanguage === 'uk') return 'uk';
  if (itemLanguage === 'ru') return 'ru';
  // Unknown or other Cyrillic languages: letters only Ukrainian has decide, Russian otherwise.
  return UKRAINIAN_LETTERS.test(folded) ? 'uk' : 'ru';
}

/** Stem of one indexed word (folded or not) of an item in `itemLanguage`. */
export function indexStem(word: string, itemLanguage: string): string {
  const folded = foldToken(word);
  const language = indexLanguageFor(folded, itemLanguage);
  return language ? stemWord(folded, language) : folded;
}

/**
 * The text as a space-separated sequence of stems, one per word, for the stems column of the
 * full-text index. Cyrillic words are stemmed as Russian or Ukrainian (by the item language),
 * Latin words as English.
 * @example stemmedText('Выборы в Петербурге', 'ru') // 'выбор в петербург'
 */
export function stemmedText(text: string, language: string): string {
  // Words repeat (Zipf): folding (NFC, case) and stemming each distinct word once per item
  // language is most of the indexing cost saved.
  let known = wordStems.get(language);
  if (!known) wordStems.set(language, (known = new Map<string, string>()));
  const parts: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = m[0];
    let stem = known.get(word);
    if (stem === undefined) {
      const folded = foldToken(word);
      if (!HAS_WORD_CHAR.test(folded)) stem = '';
      else {
        const stemLanguage = indexLanguageFor(folded, language);
        stem = stemLanguage ? stemWord(folded, stemLanguage) : folded;
      }
      if (known.size >= CACHE_MAX) known.clear();
      known.set(word, stem);
    }
    if (stem) parts.push(stem);
  }
  return parts.join(' ');
}

/** Stems of words as written, per item language: '' for a run of marks with no letter. */
const wordStems = new Map<string, Map<string, string>>();

/**
 * Stems a query word may have in the index, most likely first. A Cyrillic word gets its Russian
 * and its Ukrainian stem (both when they differ), unless `languageHint` is 'ru' or 'uk'; a Latin
 * word gets its English stem.
 * @example stemTerm('Партии') // ['парт']
 */
export function stemTerm(word: string, languageHint?: string): string[] {
  const folded = foldToken(word);
  const script = scriptOf(folded);
  if (script === 'latin') return [stemWord(folded, 'en')];
  if (script !== 'cyrillic') return [folded];
  if (languageHint === 'ru' || languageHint === 'uk') return [stemWord(folded, languageHint)];
  const ru = stemWord(folded, 'ru');
  const uk = stemWord(folded, 'uk');
  // Words with letters only Ukrainian has are more likely Ukrainian: list that stem first.
  if (ru === uk) return [ru];
  return UKRAINIAN_LETTERS.test(folded) ? [uk, ru] : [ru, uk];
}

/** Number of entries in the stem cache (for tests and benchmarks). */
export function stemCacheSize(): number {
  return cache.size;
}

/** Empties the stem cache (for benchmarks that measure cold stemming). */
export function clearStemCache(): void {
  wordStems.clear();
  cache.clear();
}
