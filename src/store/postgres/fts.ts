// Full text for the PostgreSQL store, built so that it answers exactly as the SQLite index does.
//
// Indexing: each item gets two tsvectors written as literals (no PostgreSQL parser or dictionary
// touches them): `exact`, the words as written (folded by foldToken, as FTS5's unicode61 folds
// them, ё→е), and `stems`, the words through our stemmers (stemmedText: Russian, Ukrainian,
// English), the same analyser the SQLite index uses. Title words come first with weight A, body
// words after a gap with weight D, so a phrase never runs from the title into the body and
// "title:" is a weight restriction.
//
// Querying: the store receives the FTS5 MATCH expression that search/compile.ts makes from a
// query. It is a small, regular language (column sets, quoted phrases, prefixes, NEAR groups,
// AND / OR / NOT); translatePgMatch parses it and writes the same conditions as tsquery tests.
// Limits of tsvector that SQLite does not have: positions stop at 16,383 and 256 per word (phrases
// deep inside very long items can be missed), a word over 2,000 bytes is not indexed, and an
// item's vector is capped near 1 MB (its remaining new words are not indexed).
import { foldYo } from '../../search/compile.js';
import { foldToken, stemmedText, tokenize, wordsOf } from '../../search/analyze.js';

// Words between the title and the body: more than any NEAR distance a query is likely to use.
const TITLE_GAP = 100;
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_WORD = 256;
const MAX_LEXEME_BYTES = 2_000;
const MAX_VECTOR_BYTES = 900_000;

/** A tsquery or tsvector lexeme literal: quoted, with quotes and backslashes escaped. */
export function lexemeLiteral(word: string): string {
  if (!word.includes("'") && !word.includes('\\')) return `'${word}'`;
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

class VectorBuilder {
  // Positions as numbers, negative for title words (weight A): no string per position.
  private readonly positions = new Map<string, number[]>();
  private bytes = 0;

  add(word: string, position: number, title: boolean): void {
    if (position > MAX_POSITION) return;
    let list = this.positions.get(word);
    if (!list) {
      const size = word.length * 3;
      if (size > MAX_LEXEME_BYTES && Buffer.byteLength(word) > MAX_LEXEME_BYTES) return;
      if (this.bytes + size > MAX_VECTOR_BYTES) return;
      this.bytes += size + 8;
      this.positions.set(word, (list = []));
    }
    if (list.length >= MAX_POSITIONS_PER_WORD) return;
    list.push(title ? -position : position);
    this.bytes += 4;
  }

  toString(): string {
    let out = '';
    for (const [word, pos] of this.positions) {
      if (out) out += ' ';
      out += lexemeLiteral(word);
      out += ':';
      for (let i = 0; i < pos.length; i++) {
        const p = pos[i] ?? 0;
        if (i > 0) out += ',';
        out += p < 0 ? `${-p}A` : String(p);
      }
    }
    return out;
  }
}

// Folding each distinct word once (words repeat: Zipf) is most of the indexing time saved, as in
// stemmedText.
const FOLD_CACHE_MAX = 200_000;
const folded = new Map<string, string>();

function exactWords(text: string): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text)) {
    let f = folded.get(w);
    if (f === undefined) {
      f = foldToken(foldYo(w));
      if (folded.size >= FOLD_CACHE_MAX) folded.clear();
      folded.set(w, f);
    }
    out.push(f);
  }
  return out;
}

function stemWords(text: string, language: string): string[] {
  const stems = stemmedText(text, language);
  return stems === '' ? [] : stems.split(' ');
}

/**
 * The `exact` and `stems` tsvector literals of an item, and `ntok`: its words counted as FTS5
 * counts the row's size for BM25 (all four columns: title, text and both stems).
 */
export function searchVectors(title: string | null, text: string, language: string): { exact: string; stems: string; ntok: number } {
  const build = (titleWords: string[], bodyWords: string[]): string => {
    const v = new VectorBuilder();
    for (let i = 0; i < titleWords.length; i++) v.add(titleWords[i] ?? '', i + 1, true);
    const bodyStart = titleWords.length + 1 + TITLE_GAP;
    for (let i = 0; i < bodyWords.length && bodyStart + i <= MAX_POSITION; i++) v.add(bodyWords[i] ?? '', bodyStart + i, false);
    return v.toString();
  };
  const t = title ?? '';
  const exactTitle = exactWords(t);
  const exactBody = exactWords(text);
  const stemTitle = stemWords(t, language);
  const stemBody = stemWords(text, language);
  return {
    exact: build(exactTitle, exactBody),
    stems: build(stemTitle, stemBody),
    ntok: exactTitle.length + exactBody.length + stemTitle.length + stemBody.length,
  };
}

/** Word → its positions in a tsvector as PostgreSQL prints it, with whether each is in the title. */
export function parseVector(text: string): Map<string, Array<{ pos: number; title: boolean }>> {
  const out = new Map<string, Array<{ pos: number; title: boolean }>>();
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    i++;
    let word = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return out;
      if (c === "'") {
        if (text[i + 1] === "'") {
          word += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c === '\\') {
        word += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      word += c;
      i++;
    }
    const list: Array<{ pos: number; title: boolean }> = [];
    if (text[i] === ':') {
      i++;
      const m = /^[0-9A-D,]+/.exec(text.slice(i, i + 4096));
      const spec = m ? m[0] : '';
      i += spec.length;
      for (const part of spec.split(',')) {
        if (!part) continue;
        list.push({ pos: Number.parseInt(part, 10), title: part.endsWith('A') });
      }
    }
    out.set(word, list);
  }
  return out;
}

// ---- the MATCH language ----

type Column = 'exact' | 'stems';

interface Leaf {
  kind: 'leaf';
  column: Column;
  /** tsquery text; null for a phrase with no words (matches nothing). */
  query: string | null;
}

type MatchNode = Leaf | { kind: 'and' | 'or' | 'not'; left: MatchNode; right: MatchNode };

class MatchSyntaxError extends Error {}

type Token = { t: 'str'; v: string } | { t: 'sym'; v: string } | { t: 'word'; v: string } | { t: 'cols'; v: string[] };

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new MatchSyntaxError('unterminated string');
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += input[i];
        i++;
      }
      out.push({ t: 'str', v: s });
    } else if (c === '{') {
      const end = input.indexOf('}', i);
      if (end < 0) throw new MatchSyntaxError('unterminated column set');
      out.push({ t: 'cols', v: input.slice(i + 1, end).trim().split(/\s+/) });
      i = end + 1;
    } else if ('():*,'.includes(c)) {
      out.push({ t: 'sym', v: c });
      i++;
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(input.slice(i));
      if (!m) throw new MatchSyntaxError(`unexpected ${c}`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

interface ColumnSpec {
  column: Column;
  weight: 'A' | null;
}

function columnSpec(cols: string[]): ColumnSpec {
  const set = new Set(cols);
  const stems = set.has('title_stems') || set.has('text_stems');
  const exact = set.has('title') || set.has('text');
  if (stems === exact) throw new MatchSyntaxError(`column set {${cols.join(' ')}} mixes or lacks word forms`);
  const titleOnly = stems ? !set.has('text_stems') : !set.has('text');
  return { column: stems ? 'stems' : 'exact', weight: titleOnly ? 'A' : null };
}

/** A phrase as tsquery text: its words in order, the last one a prefix when asked. */
function phraseQuery(text: string, prefix: boolean, weight: 'A' | null): string | null {
  const words = tokenize(foldYo(text.normalize('NFC'))).map((t) => foldToken(t.text));
  if (words.length === 0) return null;
  const parts = words.map((w, i) => {
    const last = i === words.length - 1;
    return `${lexemeLiteral(w)}${(last && prefix) || weight ? ':' : ''}${last && prefix ? '*' : ''}${weight ?? ''}`;
  });
  return parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(' <-> ')})`;
}

/**
 * NEAR(p1 p2 …, n): FTS5 matches when at most n words lie between neighbouring phrases, in any
 * order. tsquery has only exact distances, so two phrases become every distance 1…n+1 in both
 * orders. For three or more phrases, each neighbouring pair must be near (a close superset).
 */
function nearQuery(phrases: string[], distance: number): string {
  const pair = (a: string, b: string): string => {
    const alts: string[] = [];
    for (let k = 1; k <= distance + 1; k++) {
      alts.push(`(${a} <${k}> ${b})`, `(${b} <${k}> ${a})`);
    }
    return `(${alts.join(' | ')})`;
  };
  if (phrases.length === 1) return phrases[0] ?? '';
  const pairs: string[] = [];
  for (let i = 0; i + 1 < phrases.length; i++) pairs.push(pair(phrases[i] ?? '', phrases[i + 1] ?? ''));
  return pairs.length === 1 ? (pairs[0] ?? '') : `(${pairs.join(' & ')})`;
}

/** One phrase of a MATCH expression, in the order FTS5 numbers them (for BM25). */
export interface MatchPhrase {
  column: Column;
  /** Title only (FTS5 column filter {title} or {title_stems}). */
  titleOnly: boolean;
  words: string[];
  prefix: boolean;
  /** tsquery text of the phrase alone, for counting the rows that contain it. */
  query: string | null;
  /** Phrases of one NEAR group share a group number; their instances must lie within `distance`. */
  near: { group: number; distance: number } | null;
  /** Under the right side of a NOT: never an instance in a matching row. */
  negated: boolean;
}

function phraseWords(text: string): string[] {
  return tokenize(foldYo(text.normalize('NFC'))).map((t) => foldToken(t.text));
}

class MatchParser {
  private i = 0;
  private negation = 0;
  private groups = 0;
  readonly phrases: MatchPhrase[] = [];
  constructor(private readonly tokens: Token[]) {}

  private record(spec: ColumnSpec, text: string, prefix: boolean, near: MatchPhrase['near']): string | null {
    const query = phraseQuery(text, prefix, spec.weight);
    this.phrases.push({ column: spec.column, titleOnly: spec.weight === 'A', words: phraseWords(text), prefix, query, near, negated: this.negation > 0 });
    return query;
  }

  parse(): MatchNode {
    const node = this.or();
    if (this.i < this.tokens.length) throw new MatchSyntaxError('trailing input');
    return node;
  }

  private peekWord(v: string): boolean {
    const t = this.tokens[this.i];
    return t?.t === 'word' && t.v === v;
  }

  private expectSym(v: string): void {
    const t = this.tokens[this.i];
    if (t?.t !== 'sym' || t.v !== v) throw new MatchSyntaxError(`expected ${v}`);
    this.i++;
  }

  private or(): MatchNode {
    let left = this.and();
    while (this.peekWord('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): MatchNode {
    let left = this.not();
    while (this.peekWord('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): MatchNode {
    let left = this.primary();
    while (this.peekWord('NOT')) {
      this.i++;
      this.negation++;
      const right = this.primary();
      this.negation--;
      left = { kind: 'not', left, right };
    }
    return left;
  }

  private primary(): MatchNode {
    const t = this.tokens[this.i];
    if (t?.t === 'sym' && t.v === '(') {
      this.i++;
      const inner = this.or();
      this.expectSym(')');
      return inner;
    }
    if (t?.t !== 'cols') throw new MatchSyntaxError('expected a column set');
    this.i++;
    const spec = columnSpec(t.v);
    this.expectSym(':');
    if (this.peekWord('NEAR')) {
      this.i++;
      this.expectSym('(');
      const phrases: Array<string | null> = [];
      let distance = 10;
      const group = this.groups++;
      const first = this.phrases.length;
      for (;;) {
        const p = this.tokens[this.i];
        if (p?.t === 'str') {
          this.i++;
          const prefix = this.tokens[this.i]?.t === 'sym' && this.tokens[this.i]?.v === '*';
          if (prefix) this.i++;
          phrases.push(this.record(spec, p.v, prefix, { group, distance: 10 }));
        } else if (p?.t === 'sym' && p.v === ',') {
          this.i++;
          const n = this.tokens[this.i];
          if (n?.t !== 'word' || !/^\d+$/.test(n.v)) throw new MatchSyntaxError('expected a NEAR distance');
          distance = Number(n.v);
          for (const ph of this.phrases.slice(first)) ph.near = { group, distance };
          this.i++;
        } else if (p?.t === 'sym' && p.v === ')') {
          this.i++;
          break;
        } else {
          throw new MatchSyntaxError('bad NEAR group');
        }
      }
      if (phrases.some((p) => p === null)) return { kind: 'leaf', column: spec.column, query: null };
      return { kind: 'leaf', column: spec.column, query: nearQuery(phrases as string[], distance) };
    }
    const s = this.tokens[this.i];
    if (s?.t !== 'str') throw new MatchSyntaxError('expected a phrase');
    this.i++;
    const prefix = this.tokens[this.i]?.t === 'sym' && this.tokens[this.i]?.v === '*';
    if (prefix) this.i++;
    return { kind: 'leaf', column: spec.column, query: this.record(spec, s.v, prefix, null) };
  }
}

/** A MATCH expression as SQL over the `item_search` alias `s`, with its parameters. */
export interface PgMatch {
  /** Boolean SQL; parameters numbered from the `first` given to translatePgMatch. */
  sql: string;
  params: string[];
  /** tsquery texts of the positive words per column, for ranking (null when none). */
  rank: { exact: string | null; stems: string | null };
  /** Every phrase, in FTS5's order, for BM25 as FTS5 computes it. */
  phrases: MatchPhrase[];
}

function columnsOf(node: MatchNode, out = new Set<Column>()): Set<Column> {
  if (node.kind === 'leaf') out.add(node.column);
  else {
    columnsOf(node.left, out);
    columnsOf(node.right, out);
  }
  return out;
}

/** One tsquery for a subtree whose leaves all use one column; null when it can match nothing. */
function singleQuery(node: MatchNode): string | null {
  if (node.kind === 'leaf') return node.query;
  const l = singleQuery(node.left);
  const r = singleQuery(node.right);
  switch (node.kind) {
    case 'and':
      return l === null || r === null ? null : `(${l} & ${r})`;
    case 'or':
      return l === null ? r : r === null ? l : `(${l} | ${r})`;
    case 'not':
      return l === null ? null : r === null ? l : `(${l} & !${r})`;
  }
}

function positives(node: MatchNode, column: Column, out: string[]): void {
  if (node.kind === 'leaf') {
    if (node.column === column && node.query !== null) out.push(node.query);
  } else {
    positives(node.left, column, out);
    if (node.kind !== 'not') positives(node.right, column, out);
  }
}

/**
 * Translate an FTS5 MATCH expression made by compileQuery into SQL over `s.exact` / `s.stems`.
 * Throws on anything outside that language (it never comes from a user directly).
 */
export function translatePgMatch(match: string, first: number): PgMatch {
  const parser = new MatchParser(lex(match));
  const tree = parser.parse();
  const params: string[] = [];
  const emit = (node: MatchNode): string => {
    const cols = columnsOf(node);
    if (cols.size === 1) {
      const q = singleQuery(node);
      if (q === null) return 'FALSE';
      params.push(q);
      return `s.${[...cols][0] ?? 'exact'} @@ $${first + params.length - 1}::tsquery`;
    }
    if (node.kind === 'leaf') throw new MatchSyntaxError('unreachable');
    const l = emit(node.left);
    const r = emit(node.right);
    if (node.kind === 'and') return `(${l} AND ${r})`;
    if (node.kind === 'or') return `(${l} OR ${r})`;
    return `(${l} AND NOT ${r})`;
  };
  const sql = emit(tree);
  const rankOf = (column: Column): string | null => {
    const list: string[] = [];
    positives(tree, column, list);
    return list.length === 0 ? null : list.join(' | ');
  };
  return { sql, params, rank: { exact: rankOf('exact'), stems: rankOf('stems') }, phrases: parser.phrases };
}

type Positions = Map<string, Array<{ pos: number; title: boolean }>>;
const EMPTY_POSITIONS: Positions = new Map();

/** Where a phrase occurs in one row's vector: start and end positions, and whether in the title. */
function occurrences(ph: MatchPhrase, vector: Positions): Array<{ start: number; end: number; title: boolean }> {
  const out: Array<{ start: number; end: number; title: boolean }> = [];
  const n = ph.words.length;
  if (n === 0) return out;
  const at = (k: number): Map<number, boolean> => {
    const word = ph.words[k] ?? '';
    const m = new Map<number, boolean>();
    if (ph.prefix && k === n - 1) {
      for (const [w, list] of vector) if (w.startsWith(word)) for (const x of list) m.set(x.pos, x.title);
    } else {
      for (const x of vector.get(word) ?? []) m.set(x.pos, x.title);
    }
    return m;
  };
  const lists = ph.words.map((_, k) => at(k));
  for (const [start, title] of lists[0] ?? new Map<number, boolean>()) {
    if (ph.titleOnly && !title) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) ok = lists[k]?.has(start + k) === true;
    if (ok) out.push({ start, end: start + n - 1, title });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Corpus figures BM25 needs: rows and words in the index, and rows holding each phrase. */
export interface Bm25Corpus {
  rows: number;
  tokens: number;
  /** Rows containing each phrase (same order as the phrases). */
  hits: number[];
}

/**
 * FTS5's bm25() with column weights title 2, text 1 (and the same for the stems columns), for one
 * row: for each phrase, IDF = ln((N − n + 0.5) / (n + 0.5)) (at least 1e-6), its frequency the
 * weighted count of its instances in the row (within its NEAR group's window), and
 * score = Σ IDF · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl)), k1 = 1.2, b = 0.75, D the row's words.
 * Returned positive (higher is better), as search/compile ranks.
 */
export function bm25(phrases: MatchPhrase[], corpus: Bm25Corpus, vectors: { exact: Positions | null; stems: Positions | null }, ntok: number): number {
  const k1 = 1.2;
  const b = 0.75;
  const avgdl = corpus.tokens / corpus.rows;
  const occ = phrases.map((ph) => (ph.negated ? [] : occurrences(ph, (ph.column === 'exact' ? vectors.exact : vectors.stems) ?? EMPTY_POSITIONS)));
  // A NEAR group keeps only instances that take part in a match: within `distance` words of an
  // instance of each other phrase of the group.
  const groups = new Map<number, number[]>();
  phrases.forEach((ph, i) => {
    if (ph.near) groups.set(ph.near.group, [...(groups.get(ph.near.group) ?? []), i]);
  });
  for (const members of groups.values()) {
    const distance = phrases[members[0] ?? 0]?.near?.distance ?? 10;
    const kept = members.map((i) =>
      (occ[i] ?? []).filter((o) =>
        members.every((j) => j === i || (occ[j] ?? []).some((p) => (p.start > o.end ? p.start - o.end - 1 : o.start - p.end - 1) <= distance && p.start !== o.start)),
      ),
    );
    if (kept.some((k) => k.length > 0)) {
      members.forEach((i, k) => (occ[i] = kept[k] ?? []));
      continue;
    }
    // A group that does not match this row still reports its phrases, untrimmed, when every one
    // of them occurs somewhere in the row, in any column: FTS5 positions the group on the row
    // before its column filter and NEAR test fail, and bm25() then counts what the phrases hold.
    const anywhere = members.every((i) => {
      const ph = phrases[i];
      if (!ph || ph.negated) return false;
      const loose = { ...ph, titleOnly: false };
      return occurrences(loose, vectors.exact ?? EMPTY_POSITIONS).length > 0 || occurrences(loose, vectors.stems ?? EMPTY_POSITIONS).length > 0;
    });
    if (!anywhere) for (const i of members) occ[i] = [];
  }
  let score = 0;
  for (let i = 0; i < phrases.length; i++) {
    const nHit = corpus.hits[i] ?? 0;
    let idf = Math.log((corpus.rows - nHit + 0.5) / (nHit + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    let f = 0;
    for (const o of occ[i] ?? []) f += o.title ? 2.0 : 1.0;
    score += idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + (b * ntok) / avgdl)));
  }
  return score;
}

export { MatchSyntaxError };
