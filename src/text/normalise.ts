// Normalisation of decoded text: NFC, line breaks, invisible and odd whitespace, blank lines.
// Quotes and dashes stay as written (evidence must quote the source exactly); matching uses
// foldForMatching, which keeps every offset. The OffsetMap leads from the normalised text back
// to the decoded text.
import { composeMaps, OffsetMapBuilder, type OffsetMap } from './offsetmap.js';

export interface NormaliseResult {
  text: string;
  /** Offsets in `text` back to offsets in the raw input. */
  map: OffsetMap;
}

// Characters that never change under NFC, have combining class 0 and are never the second part
// of a canonical composition: NFC cannot reach across them, so text can be normalised in pieces
// split before them. (Checked exhaustively in normalise.test.ts.)
const NFC_RISKY_RUN = /[^\u0000-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u206f\u3000]+/g;

// A character and the marks that follow it. Hangul vowel and final jamo are letters, yet they
// compose with the syllable before them, so they count as marks here (checked in the tests).
const UNIT = /[^\p{M}\u1160-\u11ff][\p{M}\u1160-\u11ff]*|[\p{M}\u1160-\u11ff]+/gu;

/** NFC of `s` with a map back to `s`, or null when `s` is already NFC. */
function nfcWithMap(s: string): { text: string; map: OffsetMap } | null {
  const whole = s.normalize('NFC');
  if (whole === s) return null;
  const b = new OffsetMapBuilder();
  const parts: string[] = [];
  let pos = 0;
  NFC_RISKY_RUN.lastIndex = 0;
  for (let m = NFC_RISKY_RUN.exec(s); m; m = NFC_RISKY_RUN.exec(s)) {
    const runEnd = m.index + m[0].length;
    // The safe character before the run is the starter that combining marks compose with.
    const clusterStart = m.index > pos ? m.index - 1 : m.index;
    const cluster = s.slice(clusterStart, runEnd);
    const n = cluster.normalize('NFC');
    if (n === cluster) continue;
    if (clusterStart > pos) {
      parts.push(s.slice(pos, clusterStart));
      b.copy(pos, clusterStart - pos);
    }
    // Within the cluster, a base character and its marks normalise on their own: offsets stay
    // exact for every base character, and a composed letter maps to its whole source.
    UNIT.lastIndex = 0;
    const units: Array<[number, number, string]> = [];
    let joined = '';
    for (let u = UNIT.exec(cluster); u; u = UNIT.exec(cluster)) {
      const nu = u[0].normalize('NFC');
      units.push([clusterStart + u.index, u[0].length, nu]);
      joined += nu;
    }
    if (joined === n) {
      for (const [at, len, nu] of units) {
        if (nu.length === len && (len === 1 || nu === s.slice(at, at + len))) b.copy(at, len);
        else b.replace(at, at + len, nu.length);
      }
    } else {
      b.replace(clusterStart, runEnd, n.length); // never seen; kept so the map stays correct
    }
    parts.push(n);
    pos = runEnd;
  }
  if (pos < s.length) {
    parts.push(s.slice(pos));
    b.copy(pos, s.length - pos);
  }
  return { text: parts.join(''), map: b.finish(s.length) };
}

const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
// Anything in a line that the slow path must handle.
const NEEDS_WORK = /[\u0000-\u0009\u000e-\u001f\u007f-\u009f\u00a0\u00ad\u1680\u2000-\u200f\u202a-\u202f\u205f-\u2064\u2066-\u2069\u3000\ufeff]| {2}|^ | $/;

const KEEP = 0;
const SPACE = 1;
const DROP = 2;

function kindOf(c: number): number {
  if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) {
    return SPACE;
  }
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return DROP;
  // Zero-width, soft hyphen, BOM, word joiner, invisible operators and bidi controls.
  if (c === 0xad || c === 0xfeff || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069)) {
    return DROP;
  }
  return KEEP;
}

/** Whitespace and line normalisation of NFC text; all edits are deletions or 1:1 replacements. */
function tidyLines(s: string): { text: string; map: OffsetMap } {
  const b = new OffsetMapBuilder();
  const out: string[] = [];
  let emittedAny = false;
  let breakAfterContent = -1;
  let breakBeforeLine = -1;
  let sawBlank = false;
  // Pieces of the current line, held until we know whether it has content.
  const lineParts: string[] = [];
  const lineSrc: number[] = [];

  const emitLine = (): void => {
    if (emittedAny) {
      out.push('\n');
      b.copy(breakAfterContent, 1);
      if (sawBlank) {
        out.push('\n');
        b.copy(breakBeforeLine, 1);
      }
    }
    for (let k = 0; k < lineParts.length; k++) {
      const part = lineParts[k] ?? '';
      out.push(part);
      b.copy(lineSrc[k] ?? 0, part.length);
    }
    emittedAny = true;
    sawBlank = false;
  };

  const processLine = (ls: number, le: number): boolean => {
    lineParts.length = 0;
    lineSrc.length = 0;
    if (le === ls) return false;
    const line = s.slice(ls, le);
    if (!NEEDS_WORK.test(line)) {
      lineParts.push(line);
      lineSrc.push(ls);
      return true;
    }
    let runStart = ls;
    let pendingSpace = -1;
    let hasContent = false;
    const flush = (i: number): void => {
      if (i > runStart) {
        lineParts.push(s.slice(runStart, i));
        lineSrc.push(runStart);
      }
    };
    for (let i = ls; i < le; i++) {
      const c = s.charCodeAt(i);
      const kind = kindOf(c);
      if (kind === KEEP) {
        if (pendingSpace >= 0) {
          lineParts.push(' ');
          lineSrc.push(pendingSpace);
          pendingSpace = -1;
        }
        hasContent = true;
        continue;
      }
      if (kind === SPACE && c === 0x20 && hasContent && pendingSpace < 0 && i + 1 < le && kindOf(s.charCodeAt(i + 1)) === KEEP) {
        continue; // a single plain space between words stays inside the run
      }
      flush(i);
      runStart = i + 1;
      if (kind === SPACE && hasContent && pendingSpace < 0) pendingSpace = i;
    }
    flush(le);
    return hasContent;
  };

  let ls = 0;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const m = LINE_BREAK.exec(s);
    const le = m ? m.index : s.length;
    if (processLine(ls, le)) {
      emitLine();
      if (m) breakAfterContent = m.index;
    } else if (emittedAny) {
      sawBlank = true;
    }
    if (!m) break;
    breakBeforeLine = m.index;
    ls = m.index + m[0].length;
  }
  return { text: out.join(''), map: b.finish(s.length) };
}

/**
 * Normalises decoded text: line breaks to LF, NFC, odd spaces to a space, invisible and control
 * characters removed, spaces collapsed and trimmed per line, at most one blank line in a row and
 * none at either end. Quotes and dashes are kept. `map` leads back to offsets in `raw`.
 */
export function normalise(raw: string): NormaliseResult {
  // Tidy first: removing a zero-width character can bring a base letter and its combining mark
  // together, and NFC never produces what tidying removes.
  const tidy = tidyLines(raw);
  const nfc = nfcWithMap(tidy.text);
  if (!nfc) return tidy;
  return { text: nfc.text, map: composeMaps(nfc.map, tidy.map) };
}

let foldTable: Uint16Array | null = null;

const DOUBLE_QUOTES = '«»„“”‟"″〃＂❝❞';
const SINGLE_QUOTES = "‘’‚‛‹›'`´′＇❛❜";
const DASHES = '‐‑‒–—―−⸺⸻﹘﹣－';
const SPACES = '\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000';

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    t[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) t[c] = lower.charCodeAt(0);
  }
  const set = (chars: string, to: string): void => {
    for (const ch of chars) t[ch.charCodeAt(0)] = to.charCodeAt(0);
  };
  set('ёЁ', 'е');
  set(DOUBLE_QUOTES, '"');
  set(SINGLE_QUOTES, "'");
  set(DASHES, '-');
  set(SPACES, ' ');
  return t;
}

/**
 * Folds text for matching without changing its length, so offsets are shared with the input:
 * lower case, ё→е, quotes to " or ', dashes to -, non-breaking and odd spaces to a space.
 * @example foldForMatching('«Ёлки» — ДА') // '"елки" - да'
 */
export function foldForMatching(s: string): string {
  const t = (foldTable ??= buildFoldTable());
  const n = s.length;
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    const buf = new Uint16Array(to - from);
    for (let i = from; i < to; i++) buf[i - from] = t[s.charCodeAt(i)] ?? 0;
    // fromCharCode keeps lone surrogates as they are; chunks keep the argument list small.
    parts.push(String.fromCharCode.apply(null, buf as unknown as number[]));
  }
  return parts.length === 1 ? (parts[0] ?? '') : parts.join('');
}
