// Cue rules of the default technique detector: a pattern, the technique it signals, how far the
// marked span reaches from the match, and a prior confidence. Lexicons are written by hand from
// general knowledge of propaganda rhetoric (never taken from a corpus).

/** How far a detected span reaches around the words that matched. */
export type CueScope =
  | 'match' // the matched words only
  | 'next' // the match and the word after it (a pejorative adjective and its noun)
  | 'clause' // the clause holding the match (between . ! ? ; : or a dash, and line ends)
  | 'sentence'; // the whole sentence

export interface CueRule {
  technique: string;
  pattern: RegExp;
  /** Prior confidence that a match is this technique. */
  weight: number;
  /** Short explanation of what fired, shown to users. */
  cue: string;
  scope: CueScope;
  /** Used only to classify given fragments (TC), too loose to find spans on its own. */
  classifyOnly?: boolean;
}

const escapeNothing = (s: string): string => s.trim().replace(/\s+/g, '\\s+');

/** Which word boundary a lexicon pattern requires before a match: `en` or `ru` (see those builders). */
export type LexiconKind = 'en' | 'ru';

/** The alternatives a lexicon pattern was built from, as regex sources, and its boundary kind. */
export interface LexiconSource {
  kind: LexiconKind;
  alternatives: readonly string[];
}

// Kept beside each lexicon pattern so the detector can index its alternatives by their leading
// letters and run the pattern only where one of them may start (see matcher.ts).
const SOURCES = new WeakMap<RegExp, LexiconSource>();

/** The alternatives of a pattern built by `en` or `ru`, or undefined for any other pattern. */
export function lexiconSource(pattern: RegExp): LexiconSource | undefined {
  return SOURCES.get(pattern);
}

/**
 * English word alternation: entries are regex sources (spaces match any whitespace), matched as
 * whole words, case-insensitive unless `caseSensitive`.
 */
export function en(entries: readonly string[], caseSensitive = false): RegExp {
  const alternatives = entries.map(escapeNothing);
  const re = new RegExp(`(?<![\\p{L}\\p{N}_'’-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_]|['’-]\\p{L})`, caseSensitive ? 'gu' : 'giu');
  SOURCES.set(re, { kind: 'en', alternatives });
  return re;
}

/**
 * Russian stem alternation: each entry is a stem (regex source) that may take any ending;
 * an entry ending in `$` must match a whole word.
 */
export function ru(entries: readonly string[]): RegExp {
  const alternatives = entries.map((e) => (e.endsWith('$') ? `${escapeNothing(e.slice(0, -1))}(?![\\p{L}])` : `${escapeNothing(e)}\\p{L}*`));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu');
  SOURCES.set(re, { kind: 'ru', alternatives });
  return re;
}

/** Builds a rule list from compact tuples. */
export function rule(technique: string, pattern: RegExp, weight: number, cue: string, scope: CueScope, classifyOnly = false): CueRule {
  return { technique, pattern, weight, cue, scope, classifyOnly };
}
