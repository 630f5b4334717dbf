// The search query language: words, "phrases", AND / OR / NOT and -word, word* prefixes,
// parentheses, NEAR, and field filters (source:, lang:, from:, to:, title:, author:, plus the
// reserved technique:, entity:, narrative:). Binding, tightest first: NOT and -, NEAR, OR, AND
// (written or implied): `a b OR c -d` is a AND (b OR c) AND NOT d. The parser checks structure as well as syntax, so
// that everything it returns can be compiled: every error a user can make in the query text is
// reported here, with the column it happened at.
import { cpLength } from '../core/codepoints.js';
import { createError, ERRORS, NarrascopeError } from '../core/errors.js';
import { hasWords } from './analyze.js';

/** Filters that select items by their metadata rather than by their words. */
export const FILTER_FIELDS = ['source', 'lang', 'from', 'to', 'author', 'technique', 'entity', 'narrative'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** Every field a query may name, in the order error messages list them. */
export const KNOWN_FIELDS = ['source', 'lang', 'from', 'to', 'title', 'author', 'technique', 'entity', 'narrative'] as const;

/** FTS5's own default, so `a NEAR b` means what it means to SQLite users. */
export const DEFAULT_NEAR_DISTANCE = 10;
export const MAX_NEAR_DISTANCE = 1000;
const MAX_DEPTH = 100;

/** Offsets of a node in the query string (UTF-16, end exclusive). */
export interface QuerySpan {
  start: number;
  end: number;
}

/** A bare word (stemmed when searched), or a `word*` prefix (matched on word forms as written). */
export interface TermNode extends QuerySpan {
  kind: 'term';
  text: string;
  prefix: boolean;
  /** 'title' for `title:word`: match in titles only. */
  field: 'title' | null;
}

/** A "quoted phrase": consecutive words, case- and accent-insensitive, never stemmed. */
export interface PhraseNode extends QuerySpan {
  kind: 'phrase';
  text: string;
  /** `"phrase"*`: the last word is a prefix. */
  prefix: boolean;
  field: 'title' | null;
}

export interface AndNode extends QuerySpan {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode extends QuerySpan {
  kind: 'or';
  children: QueryNode[];
}

/** NOT x, -x: only ever a child of an AND (or of the top level beside other terms or filters). */
export interface NotNode extends QuerySpan {
  kind: 'not';
  child: QueryNode;
}

/** Terms within `distance` words of each other (FTS5 NEAR semantics), in any order. */
export interface NearNode extends QuerySpan {
  kind: 'near';
  members: Array<TermNode | PhraseNode>;
  distance: number;
}

/**
 * A metadata filter. Dates are checked and kept as typed (YYYY, YYYY-MM or YYYY-MM-DD); languages
 * are lower-cased codes; other values are kept as typed.
 */
export interface FilterNode extends QuerySpan {
  kind: 'filter';
  field: FilterField;
  value: string;
  valueStart: number;
  valueEnd: number;
}

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode | NearNode | FilterNode;

/** An invalid query: `position` and `length` (UTF-16) mark the fault; `column` is 1-based, in code points. */
export class QueryError extends NarrascopeError {
  readonly column: number;
  constructor(
    message: string,
    readonly query: string,
    readonly position: number,
    readonly length: number,
  ) {
    super(ERRORS.USAGE, message, query);
    this.name = 'QueryError';
    this.column = cpLength(query.slice(0, position)) + 1;
  }
}

/**
 * The query with a caret line under the error, for terminals.
 * @example formatQueryError('a (b', err) // 'missing ) for ( at column 3\n  a (b\n    ^'
 */
export function formatQueryError(query: string, err: QueryError): string {
  const oneLine = query.replace(/[\r\n]/g, ' ');
  const pos = Math.min(Math.max(0, err.position), oneLine.length);
  // Keep tabs so the caret lines up under them; every other character takes one column.
  const pad = Array.from(oneLine.slice(0, pos), (ch) => (ch === '\t' ? '\t' : ' ')).join('');
  const width = Math.max(1, cpLength(oneLine.slice(pos, pos + Math.max(0, err.length))));
  return `${err.message}\n  ${oneLine}\n  ${pad}${'^'.repeat(width)}`;
}

function colOf(query: string, pos: number): number {
  return cpLength(query.slice(0, pos)) + 1;
}

// ---------------------------------------------------------------------------------------------
// Lexer

type Lexeme =
  | { t: 'word'; text: string; prefix: boolean; start: number; end: number }
  | { t: 'quoted'; text: string; prefix: boolean; start: number; end: number }
  | { t: 'field'; name: string; value: string; valueStart: number; valueEnd: number; quoted: boolean; prefix: boolean; start: number; end: number }
  | { t: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'nearfn' | 'comma'; start: number; end: number }
  | { t: 'near'; distance: number; start: number; end: number };

// Straight and typographic quotes, so «Единая Россия» pasted from a Russian page works as a phrase.
const CLOSERS: Record<string, string> = {
  '"': '"”“',
  '«': '»',
  '“': '”“',
  '„': '“”',
  '”': '”',
};
const SPACE = /\s/u;
const FIELD_WORD = /^([A-Za-z_]+):(.*)$/s;

function isQuoteOpen(ch: string): boolean {
  return Object.hasOwn(CLOSERS, ch);
}

function lex(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  const n = query.length;
  let i = 0;
  let inNear = false;

  const err = (message: string, pos: number, len: number): QueryError => new QueryError(message, query, pos, len);

  // A quoted string starting at `at`; returns its text and the offset after the closing quote.
  const readQuoted = (at: number): { text: string; end: number } => {
    const open = query[at] ?? '"';
    const closers = CLOSERS[open] ?? '"';
    let j = at + 1;
    while (j < n && !closers.includes(query[j] ?? '')) j++;
    if (j >= n) throw err(`unclosed quote starting at column ${colOf(query, at)}`, at, 1);
    return { text: query.slice(at + 1, j), end: j + 1 };
  };

  const isWordChar = (ch: string): boolean => !(SPACE.test(ch) || ch === '(' || ch === ')' || isQuoteOpen(ch) || (inNear && ch === ','));

  const readWord = (at: number): number => {
    let j = at;
    while (j < n && isWordChar(query[j] ?? ' ')) j++;
    return j;
  };

  while (i < n) {
    const ch = query[i] ?? ' ';
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(') {
      out.push({ t: 'lparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === ')') {
      out.push({ t: 'rparen', start: i, end: i + 1 });
      inNear = false;
      i++;
      continue;
    }
    if (inNear && ch === ',') {
      out.push({ t: 'comma', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isQuoteOpen(ch)) {
      const q = readQuoted(i);
      const prefix = query[q.end] === '*';
      const end = prefix ? q.end + 1 : q.end;
      if (hasWords(q.text)) out.push({ t: 'quoted', text: q.text, prefix, start: i, end });
      i = end;
      continue;
    }
    if (ch === '-' && i + 1 < n) {
      const next = query[i + 1] ?? ' ';
      if (next === '(' || isQuoteOpen(next)) {
        out.push({ t: 'minus', start: i, end: i + 1 });
        i++;
        continue;
      }
      if (isWordChar(next) && next !== '-') {
        const end = readWord(i + 1);
        const word = query.slice(i + 1, end);
        // "-!!!" excludes nothing; drop it with its minus rather than complain.
        if (!hasWords(word)) {
          i = end;
          continue;
        }
        out.push({ t: 'minus', start: i, end: i + 1 });
        i++;
        continue;
      }
    }
    const end = readWord(i);
    const word = query.slice(i, end);
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      out.push({ t: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not', start: i, end });
      i = end;
      continue;
    }
    if (word === 'NEAR' && query[end] === '(') {
      if (inNear) throw err('NEAR( ) cannot contain another NEAR', i, 4);
      out.push({ t: 'nearfn', start: i, end: end + 1 });
      inNear = true;
      i = end + 1;
      continue;
    }
    if (word === 'NEAR' || word.startsWith('NEAR/')) {
      let distance = DEFAULT_NEAR_DISTANCE;
      if (word !== 'NEAR') {
        const digits = word.slice(5);
        if (!/^\d+$/.test(digits) || Number(digits) > MAX_NEAR_DISTANCE) {
          throw err(`NEAR/ needs a whole number of words from 0 to ${MAX_NEAR_DISTANCE}, as in NEAR/5`, i, word.length);
        }
        distance = Number(digits);
      }
      out.push({ t: 'near', distance, start: i, end });
      i = end;
      continue;
    }
    const field = FIELD_WORD.exec(word);
    // A URL (https://…) is text to search for, not a field.
    if (field && !(field[2] ?? '').startsWith('//')) {
      const name = field[1] ?? '';
      const rest = field[2] ?? '';
      const valueStart = i + name.length + 1;
      if (rest === '' && end < n && isQuoteOpen(query[end] ?? '')) {
        const q = readQuoted(end);
        const prefix = query[q.end] === '*';
        const stop = prefix ? q.end + 1 : q.end;
        out.push({ t: 'field', name, value: q.text, valueStart: end + 1, valueEnd: q.end - 1, quoted: true, prefix, start: i, end: stop });
        i = stop;
        continue;
      }
      if (rest === '' && end < n && query[end] === '(') {
        throw err(`${name.toLowerCase()}: takes one value: a word or a "quoted value", not a group`, i, end - i + 1);
      }
      if (rest !== '') {
        const prefix = rest.endsWith('*');
        const value = prefix ? rest.replace(/\*+$/, '') : rest;
        out.push({ t: 'field', name, value, valueStart, valueEnd: valueStart + value.length, quoted: false, prefix, start: i, end });
        i = end;
        continue;
      }
      // "Note:" followed by a space is just a word with a colon.
    }
    if (hasWords(word)) {
      const stars = /\*+$/.exec(word);
      const text = stars ? word.slice(0, stars.index) : word;
      if (stars && !hasWords(text)) throw err('a prefix needs at least one letter or digit before *', i, word.length);
      out.push({ t: 'word', text, prefix: stars !== null, start: i, end });
    } else if (/^\*+$/.test(word)) {
      throw err('a prefix needs at least one letter or digit before *', i, word.length);
    }
    i = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Field values

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let x = 1; x <= a.length; x++) {
    let diag = prev[0] ?? 0;
    prev[0] = x;
    for (let y = 1; y <= b.length; y++) {
      const up = prev[y] ?? 0;
      prev[y] = Math.min(up + 1, (prev[y - 1] ?? 0) + 1, diag + (a[x - 1] === b[y - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

function daysIn(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** True for YYYY, YYYY-MM and YYYY-MM-DD naming a real year, month or day. */
export function isQueryDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysIn(year, month);
}

function pad(v: number, width: number): string {
  return String(v).padStart(width, '0');
}

/**
 * The first date after the whole of `value` (YYYY, YYYY-MM or YYYY-MM-DD), at the same precision,
 * so that `published_at < dateAfter(to)` keeps everything within `to`. Year 9999 has no successor
 * of four digits; '9999~' sorts after every date string of that year.
 * @example dateAfter('2024-02') // '2024-03'; dateAfter('2024-12-31') // '2025-01-01'
 */
export function dateAfter(value: string): string {
  const [ys, ms, ds] = value.split('-');
  const year = Number(ys);
  let next: string;
  if (ms === undefined) next = pad(year + 1, 4);
  else if (ds === undefined) next = Number(ms) === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(Number(ms) + 1, 2)}`;
  else {
    const d = new Date(0);
    // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
    d.setUTCFullYear(year, Number(ms) - 1, Number(ds) + 1);
    next = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  }
  return next.startsWith('10000') ? '9999~' : next;
}

function firstDay(value: string): string {
  const [y, m, d] = value.split('-');
  return `${y ?? ''}-${m ?? '01'}-${d ?? '01'}`;
}

function lastDay(value: string): string {
  const [y, m, d] = value.split('-');
  const month = m ?? '12';
  return `${y ?? ''}-${month}-${d ?? pad(daysIn(Number(y), Number(month)), 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly query: string,
    private readonly lexemes: Lexeme[],
  ) {}

  private err(message: string, pos: number, len: number): QueryError {
    return new QueryError(message, this.query, pos, Math.max(1, len));
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.i];
  }

  private endsOperand(l: Lexeme | undefined): boolean {
    return l === undefined || l.t === 'rparen' || l.t === 'or' || l.t === 'and' || l.t === 'near' || l.t === 'comma';
  }

  parseQuery(): QueryNode {
    const first = this.peek();
    if (first === undefined) throw this.err('the query is empty; give a word, a "phrase" or a filter such as lang:ru', 0, this.query.length);
    const node = this.parseAnd();
    const rest = this.peek();
    if (rest) {
      if (rest.t === 'rparen') throw this.err(`unmatched ) at column ${colOf(this.query, rest.start)}`, rest.start, 1);
      throw this.err(`unexpected "${this.query.slice(rest.start, rest.end)}" at column ${colOf(this.query, rest.start)}`, rest.start, rest.end - rest.start);
    }
    return node;
  }

  // OR binds tighter than AND, as in Factiva, LexisNexis and web search: "putin OR путин sanctions"
  // means (putin OR путин) AND sanctions, which is what people who write it mean.
  private parseAnd(): QueryNode {
    const parts: QueryNode[] = [];
    for (let l = this.peek(); l && l.t !== 'rparen'; l = this.peek()) {
      if (l.t === 'and') {
        this.i++;
        if (parts.length === 0 || this.endsOperand(this.peek())) throw this.err('AND needs a term on both sides', l.start, l.end - l.start);
        continue;
      }
      parts.push(this.parseOr());
    }
    if (parts.length === 0) {
      // Groups are never empty (parsePrimary checks), so only a leading ) gets here.
      const at = this.peek()?.start ?? this.query.length;
      throw this.err(`unmatched ) at column ${colOf(this.query, at)}`, at, 1);
    }
    if (parts.length === 1) return parts[0] as QueryNode;
    return group('and', parts);
  }

  private parseOr(): QueryNode {
    const parts: QueryNode[] = [this.parseUnary()];
    for (let l = this.peek(); l?.t === 'or'; l = this.peek()) {
      this.i++;
      if (this.endsOperand(this.peek())) throw this.err('OR needs a term on both sides', l.start, l.end - l.start);
      parts.push(this.parseUnary());
    }
    if (parts.length === 1) return parts[0] as QueryNode;
    return group('or', parts);
  }

  private parseUnary(): QueryNode {
    const l = this.peek();
    if (l && (l.t === 'not' || l.t === 'minus')) {
      this.i++;
      if (this.endsOperand(this.peek())) {
        throw this.err(l.t === 'not' ? 'NOT needs a term after it' : '- needs a term after it', l.start, l.end - l.start);
      }
      const child = this.parseUnary();
      if (child.kind === 'not') throw this.err(`double negation at column ${colOf(this.query, l.start)}; remove one of them`, l.start, child.start - l.start + 1);
      return { kind: 'not', child, start: l.start, end: child.end };
    }
    return this.parseNear();
  }

  private parseNear(): QueryNode {
    const first = this.parsePrimary();
    let l = this.peek();
    if (l?.t !== 'near') return first;
    const members = [this.nearMember(first)];
    const distance = l.distance;
    while (l?.t === 'near') {
      this.i++;
      const next = this.peek();
      if (this.endsOperand(next) || next?.t === 'not' || next?.t === 'minus') {
        throw this.err('NEAR needs a word or "phrase" on both sides', l.start, l.end - l.start);
      }
      if (l.distance !== distance) {
        throw this.err(`NEAR distances differ in one chain (${distance} and ${l.distance}); write NEAR(a b c, N) for one distance`, l.start, l.end - l.start);
      }
      members.push(this.nearMember(this.parsePrimary()));
      l = this.peek();
    }
    const last = members[members.length - 1] ?? first;
    return { kind: 'near', members, distance, start: first.start, end: last.end };
  }

  private nearMember(node: QueryNode): TermNode | PhraseNode {
    if ((node.kind === 'term' || node.kind === 'phrase') && node.field === null) return node;
    const what = node.kind === 'filter' || node.kind === 'term' || node.kind === 'phrase' ? 'a field' : 'a group';
    throw this.err(`NEAR joins words or "phrases", not ${what} (column ${colOf(this.query, node.start)})`, node.start, node.end - node.start);
  }

  private parsePrimary(): QueryNode {
    const l = this.peek();
    if (!l) throw this.err('missing term at the end of the query', this.query.length, 1);
    switch (l.t) {
      case 'word':
        this.i++;
        return { kind: 'term', text: l.text, prefix: l.prefix, field: null, start: l.start, end: l.end };
      case 'quoted':
        this.i++;
        return { kind: 'phrase', text: l.text, prefix: l.prefix, field: null, start: l.start, end: l.end };
      case 'field':
        this.i++;
        return this.fieldNode(l);
      case 'lparen': {
        this.i++;
        if (this.peek()?.t === 'rparen') throw this.err(`empty parentheses at column ${colOf(this.query, l.start)}`, l.start, 2);
        if (this.peek() === undefined) throw this.err(`missing ) for ( at column ${colOf(this.query, l.start)}`, l.start, 1);
        if (++this.depth > MAX_DEPTH) throw this.err(`parentheses nested more than ${MAX_DEPTH} deep`, l.start, 1);
        const inner = this.parseAnd();
        this.depth--;
        const close = this.peek();
        if (close?.t !== 'rparen') throw this.err(`missing ) for ( at column ${colOf(this.query, l.start)}`, l.start, 1);
        this.i++;
        // Parentheses only group; keep the span so later errors can point at the whole group.
        return { ...inner, start: l.start, end: close.end };
      }
      case 'nearfn':
        this.i++;
        return this.nearFunction(l.start);
      case 'rparen':
        throw this.err(`unmatched ) at column ${colOf(this.query, l.start)}`, l.start, 1);
      case 'and':
      case 'or':
        throw this.err(`${l.t.toUpperCase()} needs a term on both sides`, l.start, l.end - l.start);
      case 'near':
        throw this.err('NEAR needs a word or "phrase" on both sides', l.start, l.end - l.start);
      case 'not':
      case 'minus':
        // parseUnary consumes these; reaching here means a NOT where an operand must be bare.
        throw this.err('NEAR joins words or "phrases", not NOT terms', l.start, l.end - l.start);
      case 'comma':
        throw this.err(`unexpected , at column ${colOf(this.query, l.start)}`, l.start, 1);
    }
  }

  private nearFunction(start: number): NearNode {
    const members: Array<TermNode | PhraseNode> = [];
    let distance = DEFAULT_NEAR_DISTANCE;
    for (;;) {
      const l = this.peek();
      if (!l) throw this.err(`missing ) for NEAR( at column ${colOf(this.query, start)}`, start, 5);
      this.i++;
      if (l.t === 'word') members.push({ kind: 'term', text: l.text, prefix: l.prefix, field: null, start: l.start, end: l.end });
      else if (l.t === 'quoted') members.push({ kind: 'phrase', text: l.text, prefix: l.prefix, field: null, start: l.start, end: l.end });
      else if (l.t === 'comma') {
        const num = this.peek();
        const text = num ? this.query.slice(num.start, num.end) : '';
        if (num?.t !== 'word' || num.prefix || !/^\d+$/.test(text) || Number(text) > MAX_NEAR_DISTANCE) {
          const at = num ? num.start : l.end;
          throw this.err(`NEAR( ) needs a whole number of words from 0 to ${MAX_NEAR_DISTANCE} after the comma, as in NEAR(a b, 5)`, at, num ? num.end - num.start : 1);
        }
        this.i++;
        distance = Number(text);
        const close = this.peek();
        if (close?.t !== 'rparen') throw this.err(`missing ) for NEAR( at column ${colOf(this.query, start)}`, start, 5);
        this.i++;
        return this.finishNear(members, distance, start, close.end);
      } else if (l.t === 'rparen') {
        return this.finishNear(members, distance, start, l.end);
      } else {
        throw this.err(`NEAR( ) takes words and "phrases" only, then an optional distance: NEAR(a b, 5)`, l.start, l.end - l.start);
      }
    }
  }

  private finishNear(members: Array<TermNode | PhraseNode>, distance: number, start: number, end: number): NearNode {
    if (members.length < 2) throw this.err('NEAR needs at least two words or "phrases"', start, end - start);
    return { kind: 'near', members, distance, start, end };
  }

  private fieldNode(l: Extract<Lexeme, { t: 'field' }>): QueryNode {
    const name = l.name.toLowerCase();
    const valueLen = Math.max(1, l.valueEnd - l.valueStart);
    if (!(KNOWN_FIELDS as readonly string[]).includes(name)) {
      const close = KNOWN_FIELDS.filter((f) => editDistance(f, name) <= 2);
      const hint = close.length > 0 ? `did you mean ${close.map((f) => `${f}:`).join(' or ')}? ` : '';
      throw this.err(
        `unknown field "${l.name}:"; ${hint}known fields: ${KNOWN_FIELDS.join(', ')} (to search for the text itself, put it in quotes)`,
        l.start,
        l.name.length + 1,
      );
    }
    if (name === 'title') {
      if (!hasWords(l.value)) throw this.err('title: needs a word or a "phrase"', l.start, l.end - l.start);
      return l.quoted
        ? { kind: 'phrase', text: l.value, prefix: l.prefix, field: 'title', start: l.start, end: l.end }
        : { kind: 'term', text: l.value, prefix: l.prefix, field: 'title', start: l.start, end: l.end };
    }
    const field = name as FilterField;
    let value = l.quoted ? l.value.trim() : l.value + (l.prefix ? '*' : '');
    if (value === '') throw this.err(`${field}: needs a value`, l.start, l.end - l.start);
    if (field === 'from' || field === 'to') {
      if (!isQueryDate(value)) {
        throw this.err(`bad date "${value}" for ${field}:; use YYYY, YYYY-MM or YYYY-MM-DD`, l.valueStart, valueLen);
      }
    } else if (field === 'lang') {
      value = value.toLowerCase();
      if (!/^[a-z]{2,3}$/.test(value)) {
        throw this.err(`bad language "${value}" for lang:; use a code such as en, ru or uk`, l.valueStart, valueLen);
      }
    }
    return { kind: 'filter', field, value, valueStart: l.valueStart, valueEnd: l.valueEnd, start: l.start, end: l.end };
  }
}

function group(kind: 'and' | 'or', parts: QueryNode[]): AndNode | OrNode {
  // (a b) c is a b c and (a OR b) OR c is a OR b OR c: flatten so checks see one level.
  const children: QueryNode[] = [];
  for (const p of parts) {
    if (p.kind === kind) children.push(...p.children);
    else children.push(p);
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  return { kind, children, start: first ? first.start : 0, end: last ? last.end : 0 };
}

// ---------------------------------------------------------------------------------------------
// Structure checks: where filters and NOT may stand

function findFilter(node: QueryNode): FilterNode | null {
  switch (node.kind) {
    case 'filter':
      return node;
    case 'and':
    case 'or':
      for (const c of node.children) {
        const f = findFilter(c);
        if (f) return f;
      }
      return null;
    case 'not':
      return findFilter(node.child);
    default:
      return null;
  }
}

function isFilterConjunct(node: QueryNode): boolean {
  if (node.kind === 'filter') return true;
  if (node.kind === 'not') return node.child.kind === 'filter';
  if (node.kind === 'or') return node.children.every((c) => c.kind === 'filter');
  return false;
}

class Checker {
  constructor(private readonly query: string) {}

  private err(message: string, node: QuerySpan): QueryError {
    return new QueryError(message, this.query, node.start, Math.max(1, node.end - node.start));
  }

  check(root: QueryNode): void {
    const conjuncts = root.kind === 'and' ? root.children : [root];
    const seen = new Map<string, FilterNode>();
    let positive = false;
    for (const c of conjuncts) {
      if (isFilterConjunct(c)) {
        this.checkFilterConjunct(c, seen);
        if (c.kind !== 'not') positive = true;
        continue;
      }
      const nested = findFilter(c);
      if (nested) this.misplacedFilter(c, nested);
      this.checkText(c);
      if (c.kind !== 'not') positive = true;
    }
    if (!positive) {
      const first = conjuncts[0] ?? root;
      throw new QueryError('a query of only NOT terms matches nothing to exclude from; add a term', this.query, first.start, Math.max(1, root.end - first.start));
    }
    const from = seen.get('from');
    const to = seen.get('to');
    if (from && to && firstDay(from.value) > lastDay(to.value)) {
      throw this.err(`from:${from.value} is after to:${to.value}; no date can be in both`, from);
    }
  }

  private checkFilterConjunct(c: QueryNode, seen: Map<string, FilterNode>): void {
    if (c.kind === 'or') {
      const filters = c.children as FilterNode[];
      const field = filters[0]?.field;
      const other = filters.find((f) => f.field !== field);
      if (other) {
        throw this.err(`filters combine with AND; OR can only join values of one field (${field}: and ${other.field}: here)`, other);
      }
      if (field === 'from' || field === 'to') throw this.err(`${field}: takes one date; OR between dates is not supported`, c);
      return;
    }
    const f = c.kind === 'not' ? (c.child as FilterNode) : (c as FilterNode);
    if (f.field === 'from' || f.field === 'to') {
      if (c.kind === 'not') throw this.err(`${f.field}: cannot be negated; use ${f.field === 'from' ? 'to:' : 'from:'} for the other side`, c);
      const before = seen.get(f.field);
      if (before) throw this.err(`${f.field}: given twice (columns ${colOf(this.query, before.start)} and ${colOf(this.query, f.start)})`, f);
      seen.set(f.field, f);
    }
  }

  private misplacedFilter(c: QueryNode, f: FilterNode): never {
    const text = this.query.slice(f.start, f.end);
    if (c.kind === 'not') throw this.err(`negate a filter on its own (-${text}), not inside -( )`, f);
    throw this.err(`filters combine with AND: ${text} cannot be one side of OR`, f);
  }

  // Within word expressions: AND needs one positive member, OR members and NOT operands must be
  // positive, because FTS5 can only subtract from something it has matched.
  private checkText(node: QueryNode): void {
    switch (node.kind) {
      case 'and': {
        if (node.children.every((c) => c.kind === 'not')) {
          throw this.err('a group of only NOT terms matches nothing to exclude from; add a term', node);
        }
        for (const c of node.children) this.checkText(c);
        return;
      }
      case 'or':
        for (const c of node.children) {
          if (c.kind === 'not') throw this.err(`NOT cannot be one side of OR (column ${colOf(this.query, c.start)}); write "a -b" or "a OR b"`, c);
          this.checkText(c);
        }
        return;
      case 'not':
        this.checkText(node.child);
        return;
      default:
        return;
    }
  }
}

/**
 * Parses a search query into its syntax tree, checking syntax, field values and structure.
 * Throws QueryError pointing at the fault.
 * @example parseQuery('партия -выборы lang:ru')
 */
export function parseQuery(query: string): QueryNode {
  if (typeof query !== 'string') throw createError(ERRORS.USAGE, 'the query must be text');
  const lexemes = lex(query);
  if (lexemes.length === 0) {
    const message = query.trim() === '' ? 'the query is empty; give a word, a "phrase" or a filter such as lang:ru' : 'the query has no letters or digits to search for';
    throw new QueryError(message, query, 0, Math.max(1, query.length));
  }
  const root = new Parser(query, lexemes).parseQuery();
  new Checker(query).check(root);
  return root;
}
