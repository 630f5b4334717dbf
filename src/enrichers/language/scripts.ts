// Splitting text into runs of one script, so that a Russian passage quoted in an English post is
// detected on its own instead of blurring the n-gram scores of both.

export type Script = 'cyrillic' | 'latin' | 'other';

/** A stretch of text in one script (UTF-16 offsets, end exclusive). */
export interface ScriptRun {
  start: number;
  end: number;
  script: Script;
}

export interface ScriptRunOptions {
  /** Runs with fewer letters merge into their neighbours (brand names, acronyms, short quotes). */
  minLetters?: number;
}

/** Default size below which a run is folded into the text around it. */
export const MIN_RUN_LETTERS = 20;

interface RawRun {
  script: Script;
  /** Offset of the first letter and just past the last letter. */
  first: number;
  last: number;
  letters: number;
}

const LETTER = /\p{L}/u;
const SPACE = /\s/;

/** The script of the character at `i`, or null for digits, punctuation, spaces and marks. */
function scriptAt(text: string, i: number): Script | null {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 'latin' : null;
  if (c >= 0x400 && c <= 0x52f) return 'cyrillic';
  if ((c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff)) return 'latin';
  if (c >= 0xdc00 && c <= 0xdfff) return null; // second half of a pair: judged with the first
  const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) ?? c) : c;
  return LETTER.test(String.fromCodePoint(cp)) ? 'other' : null;
}

/**
 * Splits `text` into runs by script. Digits, punctuation and spaces join the run around them;
 * runs under `minLetters` letters merge into their neighbours. The runs cover the whole text.
 * Example: scriptRuns('Он купил iPhone вчера') → one cyrillic run.
 */
export function scriptRuns(text: string, options: ScriptRunOptions = {}): ScriptRun[] {
  if (text.length === 0) return [];
  const minLetters = options.minLetters ?? MIN_RUN_LETTERS;
  let runs: RawRun[] = [];
  let current: RawRun | null = null;
  for (let i = 0; i < text.length; i++) {
    const script = scriptAt(text, i);
    if (script === null) continue;
    const width = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
    if (current && current.script === script) {
      current.last = i + width;
      current.letters++;
    } else {
      current = { script, first: i, last: i + width, letters: 1 };
      runs.push(current);
    }
  }
  if (runs.length === 0) return [{ start: 0, end: text.length, script: 'other' }];
  runs = mergeTinyRuns(runs, minLetters);

  const out: ScriptRun[] = [];
  let start = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as RawRun;
    const next = runs[r + 1];
    const end = next ? boundary(text, run.last, next.first) : text.length;
    out.push({ start, end, script: run.script });
    start = end;
  }
  return out;
}

// The cut goes after the last space between two runs, so closing punctuation stays with the text
// it closes and an opening quote goes with the text it opens.
function boundary(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (SPACE.test(text.charAt(i))) return i + 1;
  return to;
}

function mergeTinyRuns(input: RawRun[], minLetters: number): RawRun[] {
  const runs = coalesce(input);
  // Quadratic in the number of runs; text that alternates scripts hundreds of times in one
  // paragraph is not prose, so it gets the cheap left-to-right fold instead.
  if (runs.length > 200) return foldLeft(runs, minLetters);
  for (;;) {
    if (runs.length < 2) return runs;
    // A tiny run between two runs of one script (a brand name inside Russian) goes first, so the
    // text around it is rejoined before anything is judged by its size alone.
    let pick = -1;
    let pickSandwich = false;
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i] as RawRun;
      if (r.letters >= minLetters) continue;
      const sandwich = runs[i - 1] !== undefined && runs[i - 1]?.script === runs[i + 1]?.script;
      const best = runs[pick];
      if (!best || (sandwich && !pickSandwich) || (sandwich === pickSandwich && r.letters < best.letters)) {
        pick = i;
        pickSandwich = sandwich;
      }
    }
    if (pick < 0) return runs;
    const tiny = runs[pick] as RawRun;
    const prev = runs[pick - 1];
    const next = runs[pick + 1];
    const into = !prev ? next : !next ? prev : next.letters > prev.letters ? next : prev;
    if (!into) return runs;
    into.first = Math.min(into.first, tiny.first);
    into.last = Math.max(into.last, tiny.last);
    into.letters += tiny.letters;
    runs.splice(pick, 1);
    const merged = coalesce(runs);
    runs.length = 0;
    runs.push(...merged);
  }
}

function foldLeft(runs: RawRun[], minLetters: number): RawRun[] {
  const out: RawRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && (r.letters < minLetters || prev.script === r.script)) {
      prev.last = r.last;
      prev.letters += r.letters;
    } else if (prev && prev.letters < minLetters) {
      r.first = prev.first;
      r.letters += prev.letters;
      out[out.length - 1] = r;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

function coalesce(runs: RawRun[]): RawRun[] {
  const out: RawRun[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.script === r.script) {
      prev.last = r.last;
      prev.letters += r.letters;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}
