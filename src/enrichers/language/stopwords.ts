// A cheap first opinion for Latin-script text: most running text is a third to a half function
// words, and those alone name the language when there are enough of them. eld costs about a
// microsecond per character; this costs a word split and a map lookup per word, so it answers
// the clear cases (most paragraphs) and leaves anything close to eld.
import type { LanguageGuess } from './detect.js';

// Frequent function words per language, lowercase. A word frequent in two languages is listed for
// both, so it adds to both counts and never to the margin between them. Lone letters that are
// words in several languages (a, i, o) are left out; those that point to one language (w, z, è)
// are kept.
const WORDS: Record<string, string> = {
  en:
    'the of and to in is that it was for on are with as his they be at this have from or had by but not what ' +
    'all were we when your can said there which she do their has been would who will about our its them than ' +
    'these after because should could how more into only other also out up',
  de:
    'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er ' +
    'hat dass sie nach wird bei einer um am sind noch wie einem über so zum haben nur oder aber vor zur bis ' +
    'mehr durch man sein wurde sei was',
  fr:
    'de la le et les des en du un une que est pour qui dans par sur au il ne pas plus ce se sont avec sa son ou ' +
    'mais elle nous vous ont été aux cette leur ses comme tout y à même fait aussi',
  es:
    'de la que el en y los del se las por un para con no una su al lo como más pero sus le ya fue este ha sí ' +
    'porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno ' +
    'les ni contra otros ese eso',
  it:
    'di e il la che è per un in del non una le si da al con sono alla più dei nel anche come della ma ha lo ' +
    'gli delle ed se questo ci dal su tra cui era essere loro mi suo sua stato degli ai nella',
  pl:
    'w na z się nie do to że jest jak co ale po tak od za jego dla są już przez czy tym który które było może ' +
    'tylko ich go być ten jednak tego był mnie także lub przy gdy jej oraz aby też',
  pt:
    'de que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu sua ' +
    'ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter ' +
    'seus quem nas me esse eles estão você',
  nl:
    'de en van het een in is dat op te zijn die niet met voor er als aan ook om maar bij ze of uit nog wordt ' +
    'door dan naar worden over tot hij zich kan al was wel heeft deze geen meer',
};

/** Languages the word vote knows. */
export const VOTE_LANGUAGES: readonly string[] = Object.keys(WORDS);

// Candidates written in another script cannot be the language of Latin text, so they do not stop
// the vote; any other candidate without a word list might be, so it does.
const NON_LATIN = new Set([
  'ru', 'uk', 'be', 'bg', 'mk', 'kk', 'ky', 'mn', 'tg', 'tt', 'ba', 'cv',
  'el', 'hy', 'ka', 'he', 'yi', 'ar', 'fa', 'ur', 'hi', 'bn', 'ta', 'te', 'th', 'zh', 'ja', 'ko',
]);

/** A word vote restricted to one set of candidate languages. */
export interface WordVoter {
  /** The languages voted on, in the order of the bits in the word masks. */
  languages: string[];
  /** Lowercase word → bit mask of the candidate languages that list it. */
  words: Map<string, number>;
}

/**
 * A voter for `candidates`, or null when a candidate written in Latin script has no word list:
 * the vote could not see that language and might call its text something else.
 */
export function wordVoter(candidates: readonly string[]): WordVoter | null {
  const languages: string[] = [];
  for (const c of candidates) {
    if (WORDS[c] !== undefined) {
      if (!languages.includes(c)) languages.push(c);
    } else if (!NON_LATIN.has(c)) {
      return null;
    }
  }
  if (languages.length === 0) return null;
  const words = new Map<string, number>();
  languages.forEach((lang, bit) => {
    for (const w of (WORDS[lang] ?? '').split(' ')) words.set(w, (words.get(w) ?? 0) | (1 << bit));
  });
  return { languages, words };
}

/** Function words needed before the vote may decide. */
export const MIN_VOTES = 5;
/** Against each other language, the winner needs this many words the other lacks... */
const MIN_APART = 3;
/** ...and this many times as many as the other has that the winner lacks. */
const MARGIN = 3;
/** Longer words are not looked up: no list holds one. */
const MAX_WORD = 8;

/**
 * The language of Latin-script `text` by its function words, or null when the evidence is not
 * overwhelming: under MIN_VOTES hits, or another language that comes close on the words
 * that tell the two apart. Reads at most
 * `limit` characters; a smaller `minVotes` is for a second opinion, not a verdict. Example: 'The council said that it was not told' → en.
 */
export function voteByWords(
  text: string,
  voter: WordVoter,
  limit = text.length,
  minVotes = MIN_VOTES,
): LanguageGuess | null {
  // Hits are kept by word mask, so that each pair of languages can be compared on the words that
  // tell them apart: "in" is English, German and Dutch, and must not blur English against either.
  const hits = new Map<number, number>();
  const end = Math.min(limit, text.length);
  let wordStart = -1;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x20;
    const letter =
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
    if (letter) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart < 0) continue;
    // Words glued to digits or an apostrophe ("2nd", "don't", "l'état") are not looked up; the
    // lists hold none, and skipping them keeps the "s" of "it's" from counting.
    const glued = c === 0x27 || c === 0x2019 || (c >= 0x30 && c <= 0x39) || isGlued(text, wordStart - 1);
    if (!glued && i - wordStart <= MAX_WORD) {
      const mask = voter.words.get(text.slice(wordStart, i).toLowerCase());
      if (mask !== undefined) hits.set(mask, (hits.get(mask) ?? 0) + 1);
    }
    wordStart = -1;
  }
  const n = voter.languages.length;
  const counts = new Array<number>(n).fill(0);
  for (const [mask, k] of hits) for (let b = 0; b < n; b++) if (mask & (1 << b)) counts[b] = (counts[b] ?? 0) + k;
  let best = -1;
  let top = 0;
  for (let b = 0; b < n; b++) {
    if ((counts[b] ?? 0) > top) {
      top = counts[b] ?? 0;
      best = b;
    }
  }
  if (best < 0 || top < minVotes) return null;
  const bit = 1 << best;
  let weakest = Infinity;
  for (let b = 0; b < n; b++) {
    if (b === best) continue;
    const other = 1 << b;
    let mine = 0;
    let theirs = 0;
    for (const [mask, k] of hits) {
      if ((mask & bit) !== 0 && (mask & other) === 0) mine += k;
      else if ((mask & other) !== 0 && (mask & bit) === 0) theirs += k;
    }
    if (mine < Math.min(MIN_APART, minVotes) || mine < theirs * MARGIN) return null;
    weakest = Math.min(weakest, theirs / mine);
  }
  const language = voter.languages[best];
  if (language === undefined) return null;
  // On the scale of eld's calibrated confidence, where a clear match of a sentence or more sits
  // between 0.8 and 0.99.
  const confidence = Math.min(0.99, 0.8 + 0.02 * (top - minVotes) + 0.1 * (1 - (Number.isFinite(weakest) ? weakest : 0)));
  return { language, confidence };
}

function isGlued(text: string, i: number): boolean {
  if (i < 0) return false;
  const c = text.charCodeAt(i);
  return c === 0x27 || c === 0x2019 || (c >= 0x30 && c <= 0x39);
}
