// Language per paragraph, and per script run inside paragraphs that mix scripts, so a reader can
// see which part of a post is Russian.
import { confirmByWords, DEFAULT_LANGUAGES, detectWithStats, letterStats, UNDETERMINED } from './detect.js';
import type { LanguageGuess, LetterStats } from './detect.js';
import { MIN_RUN_LETTERS, scriptRuns } from './scripts.js';
import type { Script } from './scripts.js';

/** A stretch of text in one language (UTF-16 offsets, end exclusive) and how many letters it has. */
export interface LanguageSpan {
  start: number;
  end: number;
  language: string;
  confidence: number;
  letters: number;
}

interface Unit {
  start: number;
  end: number;
  script: Script;
  stats: LetterStats;
  guess: LanguageGuess | null;
}

/** Units with fewer letters take the language of a nearby unit in the same script. */
const SHORT_UNIT_LETTERS = 20;
/** A unit this sure of its language can lend it to the next one that agrees. */
const CONFIDENT = 0.8;
/** Units with fewer letters carry no language of their own ("***", "12:30", "OK"). */
const MIN_UNIT_LETTERS = 3;

/**
 * Language spans of `text`: one per paragraph (line), split further by script where a paragraph
 * mixes substantial runs; adjacent spans of one language merge. Example: an English post quoting
 * a Russian paragraph gives an `en` span and a `ru` span.
 */
export function languageSpans(text: string, candidates: readonly string[] = DEFAULT_LANGUAGES): LanguageSpan[] {
  const units: Unit[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    addParagraph(text, lineStart, lineEnd, units);
    lineStart = lineEnd + 1;
  }

  // A line whose function words agree with the confident language of the previous line of its
  // script keeps that language without an n-gram pass: the lines of one post rarely switch
  // language, and when they do the function words of the new language outvote the old.
  let previous: Unit | null = null;
  for (const u of units) {
    if (u.stats.letters < SHORT_UNIT_LETTERS) continue;
    const near = previous && previous.script === u.script ? previous.guess : null;
    if (near && near.confidence >= CONFIDENT && confirmByWords(text.slice(u.start, u.end), u.stats, candidates) === near.language) {
      u.guess = { language: near.language, confidence: near.confidence };
    } else {
      u.guess = detectUnit(text, u, candidates);
    }
    previous = u;
  }
  // Short units take the language of the nearest substantial unit in the same script: two
  // linear passes, since one item can hold thousands of short lines.
  const before = nearestSubstantial(units, 1);
  const after = nearestSubstantial(units, -1);
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (u.guess && u.guess.language !== UNDETERMINED) continue;
    const b = before[i];
    const a = after[i];
    const near = b && a ? (i - b.index <= a.index - i ? b : a) : (b ?? a);
    if (near) u.guess = { language: near.guess.language, confidence: Math.min(near.guess.confidence, 0.8) };
    else if (!u.guess) u.guess = detectUnit(text, u, candidates);
  }
  return mergeSpans(units);
}

function addParagraph(text: string, from: number, to: number, units: Unit[]): void {
  const [start, end] = trim(text, from, to);
  if (start >= end) return;
  const para = text.slice(start, end);
  const stats = letterStats(para);
  if (stats.letters < MIN_UNIT_LETTERS) return;
  const runs = stats.cyrillic > 0 && stats.latin > 0 ? scriptRuns(para, { minLetters: MIN_RUN_LETTERS }) : [];
  if (runs.length < 2) {
    units.push({ start, end, script: majorityScript(stats), stats, guess: null });
    return;
  }
  for (const run of runs) {
    const [s, e] = trim(text, start + run.start, start + run.end);
    if (s >= e) continue;
    const runStats = letterStats(text.slice(s, e));
    if (runStats.letters < MIN_UNIT_LETTERS) continue;
    units.push({ start: s, end: e, script: run.script, stats: runStats, guess: null });
  }
}

// A unit can still hold a few words of the other script (a quoted phrase under 20 letters): they
// are left out, or their two-byte n-grams would outweigh the majority script in eld.
function detectUnit(text: string, u: Unit, candidates: readonly string[]): LanguageGuess {
  const slice = text.slice(u.start, u.end);
  if (u.stats.cyrillic === 0 || u.stats.latin === 0) return detectWithStats(slice, u.stats, candidates);
  const parts: string[] = [];
  for (const run of scriptRuns(slice, { minLetters: 0 })) if (run.script === u.script) parts.push(slice.slice(run.start, run.end));
  const kept = parts.join(' ');
  return detectWithStats(kept, letterStats(kept), candidates);
}

interface Anchor {
  index: number;
  guess: LanguageGuess;
}

/** For each unit, the closest earlier (direction 1) or later (-1) detected unit of its script. */
function nearestSubstantial(units: Unit[], direction: 1 | -1): Array<Anchor | undefined> {
  const out: Array<Anchor | undefined> = new Array<Anchor | undefined>(units.length);
  const last = new Map<Script, Anchor>();
  for (let k = 0; k < units.length; k++) {
    const i = direction === 1 ? k : units.length - 1 - k;
    const u = units[i] as Unit;
    out[i] = last.get(u.script);
    if (u.guess && u.guess.language !== UNDETERMINED) last.set(u.script, { index: i, guess: u.guess });
  }
  return out;
}

function mergeSpans(units: Unit[]): LanguageSpan[] {
  const out: LanguageSpan[] = [];
  for (const u of units) {
    const guess = u.guess ?? { language: UNDETERMINED, confidence: 0 };
    const prev = out[out.length - 1];
    if (prev && prev.language === guess.language) {
      const letters = prev.letters + u.stats.letters;
      prev.confidence = round((prev.confidence * prev.letters + guess.confidence * u.stats.letters) / letters);
      prev.letters = letters;
      prev.end = u.end;
    } else {
      out.push({ start: u.start, end: u.end, language: guess.language, confidence: guess.confidence, letters: u.stats.letters });
    }
  }
  return out;
}

function majorityScript(stats: LetterStats): Script {
  const other = stats.letters - stats.cyrillic - stats.latin;
  if (stats.cyrillic >= stats.latin && stats.cyrillic >= other) return 'cyrillic';
  if (stats.latin >= other) return 'latin';
  return 'other';
}

const SPACE = /\s/;
function trim(text: string, from: number, to: number): [number, number] {
  let s = from;
  let e = to;
  while (s < e && SPACE.test(text.charAt(s))) s++;
  while (e > s && SPACE.test(text.charAt(e - 1))) e--;
  return [s, e];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
