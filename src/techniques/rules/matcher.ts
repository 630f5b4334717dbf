// Runs many cue patterns over a text in one pass, with the same matches as running each pattern's
// global regex over the whole text. The alternatives of each lexicon pattern (see `en` and `ru` in
// cues.ts) are reduced to the literal letters every match must begin with, and those go into one
// trie; a single scan walks the trie from each place a word may start, and a pattern runs (as a
// sticky regex, at that one place) only where one of its alternatives may begin. Since every match
// begins with one of those prefixes, and a global regex reports at each place where it can match
// the match a sticky one finds there, the matches are the same; the prefixes may be loose, never
// too strict. Patterns that cannot be reduced (no literal start) are run over the whole text.
import type { CueRule, LexiconKind } from './cues.js';
import { lexiconSource } from './cues.js';

/** One match of a pattern: where it starts (UTF-16) and the matched text. */
export interface CueMatch {
  index: number;
  text: string;
}

/** Runs a fixed list of cue rules over texts. */
export interface CueMatcher {
  /** The matches of each rule, in rule order, each list by position. */
  matchAll(text: string): CueMatch[][];
}

// ---------------------------------------------------------------------------------------------
// Character classes of UTF-16 code units, computed on first sight with the very regexes the
// patterns use, so they agree with them.

const LN = 1; // \p{L} or \p{N}
const EN_JOIN = 4; // _ ' ’ - (also block an `en` match from starting right after them)
const KNOWN = 128;
const FLAGS = new Uint8Array(65536);

function charFlags(c: number): number {
  const f = FLAGS[c] ?? 0;
  if (f & KNOWN) return f & ~KNOWN;
  const ch = String.fromCharCode(c);
  const v = (/[\p{L}\p{N}]/u.test(ch) ? LN : 0) | (c === 0x5f || c === 0x27 || c === 0x2019 || c === 0x2d ? EN_JOIN : 0);
  FLAGS[c] = v | KNOWN;
  return v;
}

/** Flags of the code point that ends just before `i` (a surrogate pair read whole, as /u regexes do). */
function flagsBefore(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return /[\p{L}\p{N}]/u.test(text.slice(i - 2, i)) ? LN : 0;
  }
  return charFlags(c);
}

/** What may not come right before a match, per boundary kind (the lookbehind of `en` and `ru`). */
const BLOCK: Record<LexiconKind, number> = { en: LN | EN_JOIN, ru: LN };

// ---------------------------------------------------------------------------------------------
// Literal prefixes of a regex source. A prefix is a string of code units where WS stands for
// "one or more whitespace characters" (`\s+`). Anything the reader does not follow ends a prefix
// there, which only makes it looser.

const WS = '\u0000';
const MAX_PATHS = 512;

type Atom =
  | { t: 'lit'; c: string }
  | { t: 'ws' }
  | { t: 'class'; cs: string[] }
  | { t: 'group'; alts: Piece[][] }
  | { t: 'skip' } // zero-width: lookarounds, anchors
  | { t: 'stop' }; // anything else: the prefix ends here
interface Piece {
  atom: Atom;
  q: '' | '?' | '+' | '*';
}

class Unreadable extends Error {}

function readAlternatives(src: string, pos: { i: number }): Piece[][] {
  const alts: Piece[][] = [[]];
  while (pos.i < src.length) {
    const ch = src[pos.i] ?? '';
    if (ch === ')') break;
    if (ch === '|') {
      alts.push([]);
      pos.i++;
      continue;
    }
    const atom = readAtom(src, pos);
    const piece: Piece = { atom, q: '' };
    const qc = src[pos.i];
    if (qc === '?' || qc === '*' || qc === '+') {
      piece.q = qc;
      pos.i++;
    } else if (qc === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(pos.i));
      if (!m) throw new Unreadable(src);
      piece.q = Number(m[1]) === 0 ? '*' : '+';
      pos.i += m[0].length;
    }
    if (piece.q !== '' && src[pos.i] === '?') pos.i++; // lazy: same strings
    alts[alts.length - 1]?.push(piece);
  }
  return alts;
}

function readAtom(src: string, pos: { i: number }): Atom {
  const ch = src[pos.i] ?? '';
  if (ch === '(') {
    let zeroWidth = false;
    if (src.startsWith('(?:', pos.i)) pos.i += 3;
    else if (src.startsWith('(?=', pos.i) || src.startsWith('(?!', pos.i)) {
      pos.i += 3;
      zeroWidth = true;
    } else if (src.startsWith('(?<=', pos.i) || src.startsWith('(?<!', pos.i)) {
      pos.i += 4;
      zeroWidth = true;
    } else if (src.startsWith('(?<', pos.i)) pos.i = src.indexOf('>', pos.i) + 1;
    else if (src.startsWith('(?', pos.i)) throw new Unreadable(src);
    else pos.i += 1;
    const alts = readAlternatives(src, pos);
    if (src[pos.i] !== ')') throw new Unreadable(src);
    pos.i++;
    return zeroWidth ? { t: 'skip' } : { t: 'group', alts };
  }
  if (ch === '[') {
    // Plain sets of literal characters only; anything fancier stops the prefix.
    let j = pos.i + 1;
    let plain = src[j] !== '^';
    const cs: string[] = [];
    for (; j < src.length && src[j] !== ']'; j++) {
      const c = src[j] ?? '';
      if (c === '\\') {
        plain = false;
        j++;
      } else if (c === '-' && j > pos.i + 1 && src[j + 1] !== ']') plain = false;
      else if (/\s/.test(c) || c.charCodeAt(0) >= 0xd800) plain = false;
      else cs.push(c);
    }
    if (j >= src.length) throw new Unreadable(src);
    pos.i = j + 1;
    return plain && cs.length > 0 ? { t: 'class', cs } : { t: 'stop' };
  }
  if (ch === '\\') {
    const n = src[pos.i + 1] ?? '';
    pos.i += 2;
    if (n === 's') return { t: 'ws' };
    if (n === 'p' || n === 'P' || n === 'u' || n === 'x' || n === 'k') {
      if (src[pos.i] === '{') pos.i = src.indexOf('}', pos.i) + 1;
      return { t: 'stop' };
    }
    if (/[\p{L}\p{N}]/u.test(n)) return { t: 'stop' }; // \d \w \b \n and the like
    return { t: 'lit', c: n };
  }
  pos.i++;
  if (ch === '^' || ch === '$') return { t: 'skip' };
  if (ch === '.' || /\s/.test(ch) || ch.charCodeAt(0) >= 0xd800) return { t: 'stop' };
  return { t: 'lit', c: ch };
}

interface Path {
  s: string;
  open: boolean;
}

function append(p: Path, c: string): Path {
  // `\s+` then whitespace again would need the trie walk to give back spaces it skipped: stop.
  if (c === WS) return p.s.endsWith(WS) ? p : { s: p.s + WS, open: true };
  if (p.s.endsWith(WS) && /\s/.test(c)) return { s: p.s, open: false };
  return { s: p.s + c, open: true };
}

function extend(paths: Path[], seq: readonly Piece[]): Path[] {
  let cur = paths;
  for (const { atom, q } of seq) {
    const open = cur.filter((p) => p.open);
    if (open.length === 0) break;
    const closed = cur.filter((p) => !p.open);
    let next: Path[];
    switch (atom.t) {
      case 'skip':
        continue;
      case 'stop':
        next = open.map((p) => ({ s: p.s, open: false }));
        break;
      case 'lit':
        next = open.map((p) => append(p, atom.c));
        break;
      case 'ws':
        next = open.map((p) => append(p, WS));
        break;
      case 'class':
        next = open.flatMap((p) => atom.cs.map((c) => append(p, c)));
        break;
      case 'group':
        next = atom.alts.flatMap((alt) => extend(open, alt));
        break;
    }
    if (q === '?') next = [...next, ...open];
    else if (q === '*') next = open.map((p) => ({ s: p.s, open: false }));
    else if (q === '+' && atom.t !== 'ws') next = next.map((p) => ({ s: p.s, open: false }));
    const seen = new Set<string>();
    cur = [...closed, ...next].filter((p) => {
      const k = `${p.open ? 1 : 0}${p.s}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (cur.length > MAX_PATHS) cur = cur.map((p) => ({ s: p.s, open: false }));
  }
  return cur;
}

/** The literal prefixes one of which begins every match of `source`, or null when there is none. */
export function literalPrefixes(source: string): string[] | null {
  let alts: Piece[][];
  try {
    const pos = { i: 0 };
    alts = readAlternatives(source, pos);
    if (pos.i !== source.length) return null;
  } catch (e) {
    if (e instanceof Unreadable) return null;
    throw e;
  }
  const paths = alts.flatMap((alt) => extend([{ s: '', open: true }], alt)).map((p) => p.s);
  if (paths.some((s) => s === '' || s.startsWith(WS))) return null;
  return [...new Set(paths)];
}

// ---------------------------------------------------------------------------------------------
// Symbols: every BMP code unit maps to a small number, shared by the prefix characters it equals
// ignoring case as a /iu regex sees it (so found by such regexes), WS_SYM for whitespace, 0 for the rest.

const WS_SYM = 1;

function symbolTable(alphabet: readonly string[]): { sym: Uint8Array; count: number } {
  const sym = new Uint8Array(65536);
  const letters = [...new Set(alphabet)].sort();
  const esc = (c: string): string => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
  const single = letters.map((c) => ({ c, re: new RegExp(`^${esc(c)}$`, 'iu') }));
  const ids = new Map<string, number>();
  const any = new RegExp(`[${letters.map(esc).join('')}]|\\s`, 'giu');
  let bmp = '';
  for (let u = 1; u < 0xd800; u++) bmp += String.fromCharCode(u);
  for (let u = 0xe000; u < 0x10000; u++) bmp += String.fromCharCode(u);
  for (const m of bmp.matchAll(any)) {
    const hit = single.find((x) => x.re.test(m[0]));
    let id = WS_SYM;
    if (hit) {
      id = ids.get(hit.c) ?? ids.size + 2;
      ids.set(hit.c, id);
    }
    sym[m[0].charCodeAt(0)] = id;
  }
  if (ids.size + 2 > 255) throw new Error('cue matcher: too many distinct prefix characters');
  return { sym, count: ids.size + 2 };
}

// ---------------------------------------------------------------------------------------------

/** Compiles `rules` into a matcher; rules whose pattern has no literal start are run over the whole text. */
export function compileCueMatcher(rules: readonly CueRule[]): CueMatcher {
  // Each rule keeps its one alternation (a regex per alternative would be faster to run but costs
  // milliseconds each to compile: V8 case-folds every \p{L} of a /iu pattern).
  const sticky: RegExp[] = rules.map((r) => new RegExp(r.pattern.source, r.pattern.flags.replace('g', '') + 'y'));
  const global: RegExp[] = rules.map((r) => new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : r.pattern.flags + 'g'));
  const prefixes: Array<string[] | null> = [];
  const kinds: Array<LexiconKind | null> = [];
  for (const r of rules) {
    const src = lexiconSource(r.pattern);
    let p: string[] | null = null;
    if (src) {
      const per = src.alternatives.map(literalPrefixes);
      if (per.every((x) => x !== null)) p = per.flat();
    }
    prefixes.push(p);
    kinds.push(p && src ? src.kind : null);
  }
  const { sym, count } = symbolTable(prefixes.flatMap((p) => (p ?? []).flatMap((s) => [...s].filter((c) => c !== WS))));
  // The trie as a transition table: state * count + symbol -> state (0: none). One root per
  // boundary kind, since the kind decides where a walk may start.
  let trans: number[] = [];
  const accepts: number[][] = [];
  const newState = (): number => {
    accepts.push([]);
    for (let k = 0; k < count; k++) trans.push(0);
    return accepts.length - 1;
  };
  newState(); // state 0: dead
  const roots = new Map<LexiconKind, number>();
  prefixes.forEach((list, r) => {
    const kind = kinds[r];
    if (!list || !kind) return;
    let root = roots.get(kind);
    if (root === undefined) roots.set(kind, (root = newState()));
    for (const s of list) {
      let st = root;
      for (const c of s) {
        const k = c === WS ? WS_SYM : (sym[c.charCodeAt(0)] ?? 0);
        let next = trans[st * count + k] ?? 0;
        if (next === 0) {
          next = newState();
          trans[st * count + k] = next;
        }
        st = next;
      }
      const acc = accepts[st];
      if (acc && !acc.includes(r)) acc.push(r);
    }
  });
  const table = Int32Array.from(trans);
  trans = [];
  const scanned = rules.map((_, r) => kinds[r] === null);
  const walks = [...roots].map(([kind, root]) => ({ block: BLOCK[kind], root }));

  return {
    matchAll(text: string): CueMatch[][] {
      const out: CueMatch[][] = rules.map(() => []);
      const from = new Int32Array(rules.length); // a global regex would resume its search here
      const tried = new Int32Array(rules.length).fill(-1);
      const n = text.length;
      for (const { block, root } of walks) {
        let prev = 0; // flags of the code point before p
        for (let p = 0; p < n; p++) {
          const c = text.charCodeAt(p);
          const before = prev;
          if (c >= 0xd800 && c <= 0xdbff) {
            // A surrogate pair: never a prefix character; keep the flags of the code point it makes.
            const lo = p + 1 < n ? text.charCodeAt(p + 1) : 0;
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              prev = flagsBefore(text, p + 2);
              p++;
            } else prev = 0;
            continue;
          }
          prev = charFlags(c);
          if (before & block) continue;
          const s0 = sym[c] ?? 0;
          if (s0 <= WS_SYM) continue;
          let st = table[root * count + s0] ?? 0;
          let q = p + 1;
          while (st !== 0) {
            const acc = accepts[st];
            if (acc) {
              for (const r of acc) {
                // Run the rule here unless it ran here already or its last match covers p.
                if (tried[r] === p || p < (from[r] ?? 0)) continue;
                tried[r] = p;
                const re = sticky[r];
                if (!re) continue;
                re.lastIndex = p;
                const m = re.exec(text);
                if (!m) continue;
                out[r]?.push({ index: p, text: m[0] });
                from[r] = m[0].length > 0 ? p + m[0].length : p + 1;
              }
            }
            if (q >= n) break;
            const k = sym[text.charCodeAt(q)] ?? 0;
            q++;
            if (k === WS_SYM) while (q < n && (sym[text.charCodeAt(q)] ?? 0) === WS_SYM) q++;
            st = k === 0 ? 0 : (table[st * count + k] ?? 0);
          }
        }
      }
      scanned.forEach((scan, r) => {
        const re = global[r];
        if (!scan || !re) return;
        re.lastIndex = 0;
        for (const m of text.matchAll(re)) out[r]?.push({ index: m.index, text: m[0] });
      });
      return out;
    },
  };
}
