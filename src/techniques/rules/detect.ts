// The default technique detector: hand-written cue rules (lexicons and patterns) for English
// (SemEval-2020 Task 11 techniques) and Russian (SemEval-2023 Task 3 techniques), plus repetition
// found within the text. Needs no training data. Offsets are UTF-16 indices into the text.
import type { CueRule } from './cues.js';
import { EN_RULES } from './lexicon-en.js';
import { RU_RULES } from './lexicon-ru.js';
import type { CueMatcher } from './matcher.js';
import { compileCueMatcher } from './matcher.js';
import { clauseAround, nextWordEnd, sentenceAround, STOP_EN, STOP_RU, trimSpan } from './text.js';

export type TechniqueLanguage = 'en' | 'ru';

export interface DetectedTechnique {
  technique: string;
  start: number;
  end: number;
  confidence: number;
  /** What fired, in a few words. */
  cue: string;
}

export interface DetectOptions {
  /** Drop spans below this confidence. */
  minConfidence?: number;
}

/** Below this, spans are too unreliable to report by default (a phrase merely said three times). */
export const DEFAULT_MIN_CONFIDENCE = 0.35;

const RULES: Record<TechniqueLanguage, CueRule[]> = { en: EN_RULES, ru: RU_RULES };
const STOP: Record<TechniqueLanguage, ReadonlySet<string>> = { en: STOP_EN, ru: STOP_RU };
const REPETITION = 'Repetition';
const LOADED: Record<TechniqueLanguage, string> = { en: 'Loaded_Language', ru: 'Loaded_Language' };
const LABEL: Record<TechniqueLanguage, string> = { en: 'Name_Calling,Labeling', ru: 'Name_Calling-Labeling' };

function spanFor(rule: CueRule, text: string, start: number, end: number, stop: ReadonlySet<string>): { start: number; end: number } {
  switch (rule.scope) {
    case 'match':
      return trimSpan(text, start, end);
    case 'next':
      return trimSpan(text, start, nextWordEnd(text, end, stop));
    case 'clause':
      return clauseAround(text, start, end);
    case 'sentence':
      return sentenceAround(text, start, end);
  }
}

// The span-finding rules of each language, compiled into one matcher on first use.
const SPAN_RULES: Record<TechniqueLanguage, CueRule[]> = { en: EN_RULES.filter((r) => !r.classifyOnly), ru: RU_RULES.filter((r) => !r.classifyOnly) };
const MATCHERS: Partial<Record<TechniqueLanguage, CueMatcher>> = {};

/** Every cue match of the language's span-finding rules, before merging (rule by rule, each by position). */
function cueMatches(text: string, lang: TechniqueLanguage): DetectedTechnique[] {
  const out: DetectedTechnique[] = [];
  const stop = STOP[lang];
  const rules = SPAN_RULES[lang];
  const matcher = (MATCHERS[lang] ??= compileCueMatcher(rules));
  const found = matcher.matchAll(text);
  rules.forEach((rule, r) => {
    for (const m of found[r] ?? []) {
      const s = m.index;
      const span = spanFor(rule, text, s, s + m.text.length, stop);
      if (span.end <= span.start) continue;
      out.push({ technique: rule.technique, start: span.start, end: span.end, confidence: rule.weight, cue: `${rule.cue}: “${m.text.trim()}”` });
    }
  });
  return out;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Whether text[from, to) is one or two spaces, tabs or hyphens. */
function isJoin(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x2d) return false;
  }
  return true;
}

// Per BMP code unit: 1 \p{L} or \p{N}, 2 joins a word (' ’ -), 4 changed by toLowerCase, 128 known.
const WORD_FLAGS = new Uint8Array(65536);

function wordFlags(c: number): number {
  const f = WORD_FLAGS[c] ?? 0;
  if (f & 128) return f & 127;
  const ch = String.fromCharCode(c);
  const v = (/[\p{L}\p{N}]/u.test(ch) ? 1 : 0) | (c === 0x27 || c === 0x2019 || c === 0x2d ? 2 : 0) | (ch.toLowerCase() !== ch ? 4 : 0);
  WORD_FLAGS[c] = v | 128;
  return v;
}

/**
 * Calls `fn` with the bounds of each match of WORD, in order, and whether toLowerCase may change
 * it (a hand-written scan: the same words as the regex, without a match object per word).
 */
function forEachWord(text: string, fn: (start: number, end: number, changes: boolean) => void): void {
  const n = text.length;
  let i = 0;
  let start = -1;
  let changes = 0;
  while (i <= n) {
    let f = 0;
    let width = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      const lo = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        width = 2;
        f = /[\p{L}\p{N}]/u.test(text.slice(i, i + 2)) ? 1 | 4 : 0;
      } else f = wordFlags(c);
    }
    if (start >= 0) {
      if (f & 3) changes |= f;
      else {
        fn(start, i, (changes & 4) !== 0);
        start = -1;
      }
    }
    if (start < 0 && f & 1) {
      start = i;
      changes = f;
    }
    i += width;
  }
}

// Whether a BMP code unit is \p{Lu}: 0 not yet known, 1 no, 2 yes.
const UPPER = new Uint8Array(65536);

/** Whether the code point at `i` is an uppercase letter (/^\p{Lu}/u). */
function startsUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return /^\p{Lu}/u.test(text.slice(i, i + 2));
  let u = UPPER[c] ?? 0;
  if (u === 0) UPPER[c] = u = /^\p{Lu}/u.test(String.fromCharCode(c)) ? 2 : 1;
  return u === 2;
}

/**
 * Repetition: a charged word or label used again, or a phrase of two or three content words said
 * three times or more in the same text. Marks the later occurrences.
 */
function repetitions(text: string, lang: TechniqueLanguage, cues: readonly DetectedTechnique[]): DetectedTechnique[] {
  const out: DetectedTechnique[] = [];
  const stop = STOP[lang];
  // Charged words and labels said more than once.
  const seen = new Map<string, number>();
  const charged = cues
    .filter((c) => c.technique === LOADED[lang] || c.technique === LABEL[lang])
    .sort((a, b) => a.start - b.start);
  for (const c of charged) {
    const key = text.slice(c.start, c.end).toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n >= 2) out.push({ technique: REPETITION, start: c.start, end: c.end, confidence: 0.45, cue: `repeated charged word: “${text.slice(c.start, c.end)}”` });
  }
  // Phrases of two or three content words said again (capitalised names excluded: a name is not a slogan).
  // Words are read once into parallel arrays; each window is then checked without building anything.
  const lower: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const content: boolean[] = []; // not a stopword, three characters or more
  forEachWord(text, (start, end, changes) => {
    const raw = text.slice(start, end);
    const w = changes ? raw.toLowerCase() : raw;
    lower.push(w);
    starts.push(start);
    ends.push(end);
    content.push(w.length >= 3 && !stop.has(w));
  });
  // Words must be adjacent (one separator between them, no sentence break): joined[k] for words k-1, k.
  const joined: boolean[] = [false];
  for (let k = 1; k < lower.length; k++) joined.push(isJoin(text, ends[k - 1] ?? 0, starts[k] ?? 0));
  const phrases = new Map<string, number>();
  for (const n of [3, 2]) {
    for (let i = 0; i + n <= lower.length; i++) {
      let ok = true;
      let allCapital = true;
      for (let k = i; k < i + n && ok; k++) ok = (content[k] ?? false) && (k === i || (joined[k] ?? false));
      if (!ok) continue;
      for (let k = i; k < i + n && allCapital; k++) allCapital = startsUpper(text, starts[k] ?? 0);
      if (allCapital) continue;
      const first = starts[i] ?? 0;
      const last = ends[i + n - 1] ?? 0;
      const key = n === 3 ? `${lower[i]} ${lower[i + 1]} ${lower[i + 2]}` : `${lower[i]} ${lower[i + 1]}`;
      const count = (phrases.get(key) ?? 0) + 1;
      phrases.set(key, count);
      // A phrase said three times is a refrain; twice is often just the topic.
      if (count >= 3) {
        out.push({ technique: REPETITION, start: first, end: last, confidence: 0.3, cue: `phrase said again: “${text.slice(first, last)}”` });
      }
    }
  }
  return out;
}

/** Merges overlapping spans of the same technique, keeping the most confident cue. */
function mergeSame(spans: DetectedTechnique[]): DetectedTechnique[] {
  const byTech = new Map<string, DetectedTechnique[]>();
  for (const s of spans) {
    const list = byTech.get(s.technique);
    if (list) list.push(s);
    else byTech.set(s.technique, [s]);
  }
  const out: DetectedTechnique[] = [];
  for (const list of byTech.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let cur: DetectedTechnique | null = null;
    for (const s of list) {
      if (cur && s.start < cur.end) {
        cur.end = Math.max(cur.end, s.end);
        if (s.confidence > cur.confidence) {
          cur.confidence = s.confidence;
          cur.cue = s.cue;
        } else if (s.confidence === cur.confidence && !cur.cue.includes(s.cue)) {
          // Two cues agreeing raise confidence a little.
          cur.confidence = Math.min(0.95, cur.confidence + 0.05);
        }
      } else {
        if (cur) out.push(cur);
        cur = { ...s };
      }
    }
    if (cur) out.push(cur);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.technique.localeCompare(b.technique));
}

/** Finds propaganda technique spans in `text` with hand-written rules (UTF-16 offsets). */
export function detectTechniques(text: string, lang: TechniqueLanguage, opts: DetectOptions = {}): DetectedTechnique[] {
  const cues = cueMatches(text, lang);
  const all = mergeSame([...cues, ...repetitions(text, lang, cues)]);
  const min = opts.minConfidence ?? 0;
  return min > 0 ? all.filter((s) => s.confidence >= min) : all;
}

/** Prior scores by fragment length: short fragments are mostly charged words and labels, long ones arguments. */
function lengthPrior(lang: TechniqueLanguage, words: number): Record<string, number> {
  if (lang === 'en') {
    if (words <= 3) return { Loaded_Language: 0.3, 'Name_Calling,Labeling': 0.2 };
    if (words <= 8) return { Loaded_Language: 0.25, 'Name_Calling,Labeling': 0.2, 'Exaggeration,Minimisation': 0.15 };
    return { Doubt: 0.28, 'Appeal_to_fear-prejudice': 0.22, Causal_Oversimplification: 0.2, Loaded_Language: 0.15 };
  }
  if (words <= 3) return { Loaded_Language: 0.3, 'Name_Calling-Labeling': 0.22 };
  if (words <= 8) return { Loaded_Language: 0.25, Doubt: 0.2, 'Name_Calling-Labeling': 0.18 };
  return { Doubt: 0.3, Questioning_the_Reputation: 0.22, Loaded_Language: 0.15 };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many times the fragment's words occur in the text, as whole words, ignoring case. */
function occurrences(text: string, fragment: string): number {
  const f = fragment.trim();
  if (f.length < 3) return 0;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/**
 * Names the technique of a given fragment [start, end) of `text` (TC): the strongest cue inside it,
 * repetition of the fragment elsewhere in the text, and a prior by fragment length as fallback.
 */
export function classifyFragment(text: string, start: number, end: number, lang: TechniqueLanguage): { technique: string; confidence: number } {
  const frag = text.slice(start, end);
  const nWords = (frag.match(WORD) ?? []).length;
  const scores = new Map<string, number>(Object.entries(lengthPrior(lang, nWords)));
  const add = (t: string, v: number): void => {
    scores.set(t, (scores.get(t) ?? 0) + v);
  };
  const best = new Map<string, number>();
  for (const rule of RULES[lang]) {
    rule.pattern.lastIndex = 0;
    const m = rule.pattern.exec(frag);
    rule.pattern.lastIndex = 0;
    if (!m) continue;
    // Word cues explain a short fragment well; sentence-level cues need a longer one.
    const coverage = m[0].length / Math.max(1, frag.trim().length);
    let v = rule.weight;
    if (rule.scope === 'match' || rule.scope === 'next') v *= 0.6 + 0.4 * Math.min(1, coverage);
    else v *= nWords >= 6 ? 1 : 0.5;
    best.set(rule.technique, Math.max(best.get(rule.technique) ?? 0, v));
  }
  for (const [t, v] of best) add(t, v);
  if (occurrences(text, frag) >= 2) add(REPETITION, nWords <= 4 ? 0.75 : 0.55);
  let top = '';
  let topScore = -1;
  for (const [t, v] of scores) {
    if (v > topScore) {
      top = t;
      topScore = v;
    }
  }
  return { technique: top, confidence: Math.min(0.95, Math.round(topScore * 100) / 100) };
}
