// Lookup tables built once from lexicon.ts: phrases (folded, word tokens joined by spaces) to
// entities, Russian/Ukrainian inflected phrases through their stems, acronyms case-sensitively,
// and the word sets the recogniser consults.
import { foldToken, stemWord } from '../search/analyze.js';
import {
  DEMONYMS,
  FIRST_NAMES_CYRILLIC,
  FIRST_NAMES_LATIN,
  MISCELLANEOUS,
  ORG_WORDS_EN,
  ORG_WORDS_RU,
  ORGANISATIONS,
  PEOPLE,
  NEVER_ALONE_WORDS,
  PLACE_HEADS_RU,
  PLACE_PREPOSITIONS,
  PLACES,
  SPEECH_VERBS,
  STOPWORDS_EN,
  STOPWORDS_RU,
  TITLES_EN,
  TITLES_RU,
} from './lexicon.js';

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** One gazetteer entity: its type, English canonical name and every alias as written. */
export interface GazetteerEntry {
  type: EntityType;
  /** Stable key: the folded canonical English name. */
  key: string;
  name: string;
  aliases: string[];
}

/** A phrase found in the gazetteer: the entry and the alias it matched (nominative form). */
export interface GazetteerHit {
  entry: GazetteerEntry;
  alias: string;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const UPPER_ONLY = /^[\p{Lu}\p{N}.&/-]+$/u;

/** Word tokens of a phrase as the recogniser cuts them. */
export function phraseWords(phrase: string): string[] {
  return phrase.match(WORD) ?? [];
}

const foldCache = new Map<string, string>();
/** Folded form of a word (lower case, ё→е, Latin accents dropped), cached. */
export function fold(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = foldToken(word).replace(/’/g, "'");
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

// One case ending off a folded Cyrillic word: Snowball's stems of names disagree across cases
// ("китай" → "кита", "китая" → "кит"), this crude cut does not.
const CRUDE_ENDING = /(?:ями|ами|ией|ого|его|ому|ему|ыми|ими|ой|ей|ий|ый|ая|яя|ое|ее|ую|юю|ом|ем|ым|им|ах|ях|ам|ям|ии|ия|ие|ью|ья|ів|ові|еві|ою|ею|а|я|о|е|и|ы|у|ю|й|ь|і|ї|є)$/;

/** A folded Cyrillic word without its case ending (at least three letters kept). */
export function crudeStem(folded: string): string {
  const m = CRUDE_ENDING.exec(folded);
  let stem = !m || folded.length - m[0].length < 2 ? folded : folded.slice(0, -m[0].length);
  // Ukrainian і/ї in a closed last syllable alternate with о/е: "Київ" / "Києва", "Львів" / "Львова".
  if (stem === folded) stem = stem.replace(/їв$/, 'єв').replace(/ів$/, 'ов');
  return stem;
}

/** Stem of a folded Cyrillic word (Russian, or Ukrainian when `uk`); Latin words unchanged. */
export function cyrStem(folded: string, uk = false): string {
  if (!CYRILLIC.test(folded)) return folded;
  return stemWord(folded, uk ? 'uk' : 'ru');
}

const exact = new Map<string, GazetteerHit>();
const stemmed = new Map<string, GazetteerHit | null>();
const acronyms = new Map<string, GazetteerHit>();
/** Longest alias in words, to bound the n-gram search. */
export let MAX_ALIAS_WORDS = 1;

function addStemmed(key: string, hit: GazetteerHit): void {
  const prev = stemmed.get(key);
  if (prev === undefined) stemmed.set(key, hit);
  else if (prev && prev.entry !== hit.entry) stemmed.set(key, null); // ambiguous stem: never guess
}

function load(block: string, type: EntityType): void {
  for (const line of block.split('\n')) {
    const names = line.split(';').map((s) => s.trim()).filter(Boolean);
    const name = names[0];
    if (!name) continue;
    const entry: GazetteerEntry = { type, key: phraseWords(name).map(fold).join(' '), name, aliases: names };
    for (const alias of names) {
      const words = phraseWords(alias);
      if (words.length === 0) continue;
      MAX_ALIAS_WORDS = Math.max(MAX_ALIAS_WORDS, words.length);
      const hit = { entry, alias };
      if (words.length === 1 && alias.length <= 6 && UPPER_ONLY.test(alias) && /\p{Lu}.*\p{Lu}/u.test(alias)) {
        acronyms.set(words[0] ?? '', hit);
        continue;
      }
      const key = words.map(fold).join(' ');
      if (!exact.has(key)) exact.set(key, hit);
      if (CYRILLIC.test(alias)) {
        addStemmed(words.map((w) => cyrStem(fold(w))).join(' '), hit);
        addStemmed(words.map((w) => cyrStem(fold(w), true)).join(' '), hit);
        addStemmed('~' + words.map((w) => crudeStem(fold(w))).join(' '), hit);
      }
    }
  }
}

load(PLACES, 'LOC');
load(ORGANISATIONS, 'ORG');
load(PEOPLE, 'PER');
load(MISCELLANEOUS, 'MISC');

/** Gazetteer entity for a phrase given as its word tokens (as written), or null. */
export function lookupPhrase(words: readonly string[]): GazetteerHit | null {
  if (words.length === 0) return null;
  // The same capitalised words come back many times per text and corpus: remember the answer.
  const cacheKey = words.join('\u0000');
  const cached = lookupCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const found = lookupUncached(words);
  if (lookupCache.size > 200_000) lookupCache.clear();
  lookupCache.set(cacheKey, found);
  return found;
}

const lookupCache = new Map<string, GazetteerHit | null>();

function lookupUncached(words: readonly string[]): GazetteerHit | null {
  if (words.length === 1) {
    const acr = acronyms.get(words[0] ?? '');
    if (acr) return acr;
  }
  const folded = words.map(fold);
  const hit = exact.get(folded.join(' '));
  if (hit) return hit;
  // Only capitalised words reach here, so a stem never meets a common noun with the same stem.
  if (!folded.some((w) => CYRILLIC.test(w))) return null;
  return (
    stemmed.get(folded.map((w) => cyrStem(w)).join(' ')) ??
    stemmed.get('~' + folded.map(crudeStem).join(' ')) ??
    stemmed.get(folded.map((w) => cyrStem(w, true)).join(' ')) ??
    null
  );
}

function wordSet(block: string): Set<string> {
  return new Set(block.split(/\s+/).filter(Boolean).map(fold));
}

export const DEMONYM_SET = wordSet(DEMONYMS);
export const FIRST_NAME_SET = wordSet(FIRST_NAMES_LATIN + ' ' + FIRST_NAMES_CYRILLIC);
/** Case forms of a Cyrillic given name, from its nominative (regular declension only). */
function declineGivenName(n: string): string[] {
  const f = fold(n);
  const stem = f.slice(0, -1);
  if (f.endsWith('ия')) return [f, stem + 'и', stem + 'ю', stem + 'ей', stem + 'е'];
  if (f.endsWith('й')) return [f, stem + 'я', stem + 'ю', stem + 'ем', stem + 'е', stem + 'ї', stem + 'єм'];
  if (f.endsWith('а')) {
    const gen = /[гкхжшчщ]$/.test(stem) ? 'и' : 'ы';
    return [f, stem + gen, stem + 'е', stem + 'у', stem + 'ой', stem + 'і', stem + 'ою'];
  }
  if (f.endsWith('я')) return [f, stem + 'и', stem + 'е', stem + 'ю', stem + 'ей', stem + 'ею'];
  if (f.endsWith('ь')) return [f, stem + 'я', stem + 'ю', stem + 'ем', stem + 'е'];
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(f)) return [f, f + 'а', f + 'у', f + 'ом', f + 'ем', f + 'е', f + 'ові'];
  return [f];
}

/** Nominative given name by any of its folded case forms ("юрия" → "Юрий"); the first listed wins. */
export const FIRST_NAME_BY_FORM = new Map<string, string>();
for (const n of FIRST_NAMES_CYRILLIC.split(/\s+/).filter(Boolean)) {
  for (const form of declineGivenName(n)) if (!FIRST_NAME_BY_FORM.has(form)) FIRST_NAME_BY_FORM.set(form, n);
}
export const TITLE_SET = wordSet(TITLES_EN + ' ' + TITLES_RU);
/** Crude stems of Russian titles, so "Президенте" and "министра" are titles too. */
export const TITLE_STEMS = new Set(TITLES_RU.split(/\s+/).filter((w) => w.length > 3).map((w) => crudeStem(fold(w))));
export const ORG_WORD_SET = wordSet(ORG_WORDS_EN + ' ' + ORG_WORDS_RU);
/** Stems of Russian organisation words ("министерства", "партии" …). */
export const ORG_WORD_STEMS = new Set(ORG_WORDS_RU.split(/\s+/).filter(Boolean).map((w) => cyrStem(fold(w))));
/** Crude stems of Russian nouns that head a place name after a capitalised adjective ("Свердловской области"). */
export const PLACE_HEAD_STEMS = new Set(PLACE_HEADS_RU.split(/\s+/).filter(Boolean).map((w) => crudeStem(fold(w))));
/** Crude stems of Russian nouns that head an organisation name after a capitalised adjective ("Конституционного суда"). */
export const ORG_HEAD_STEMS = new Set(ORG_WORDS_RU.split(/\s+/).filter(Boolean).map((w) => crudeStem(fold(w))));
/** Nominative head nouns (places, bodies) by crude stem: "области" → "область". */
export const HEAD_BY_STEM = new Map<string, string>();
for (const w of (PLACE_HEADS_RU + ' ' + ORG_WORDS_RU).split(/\s+/).filter(Boolean)) {
  if (!HEAD_BY_STEM.has(crudeStem(fold(w)))) HEAD_BY_STEM.set(crudeStem(fold(w)), w);
}
/** Words that are never a name on their own: months, weekdays, the pronoun I. */
export const NEVER_ALONE = wordSet(NEVER_ALONE_WORDS);
export const STOPWORD_SET = wordSet(STOPWORDS_EN + ' ' + STOPWORDS_RU);
export const SPEECH_VERB_SET = wordSet(SPEECH_VERBS);
export const PLACE_PREPOSITION_SET = wordSet(PLACE_PREPOSITIONS);

/** Connectors allowed inside a name between capitalised words ("Bank of England", "bin Salman"). */
export const CONNECTORS = new Set([
  'of', 'de', 'da', 'del', 'della', 'di', 'du', 'der', 'den', 'van', 'von', 'bin', 'ibn', 'al', 'el', 'la', 'le',
  'y', 'dos', 'das', 'do', 'zu', 'ter', 'on', 'upon', 'for', 'and', '&', 'фон', 'дер', 'де', 'ван', 'бен', 'аль', 'эль', 'ибн',
]);
