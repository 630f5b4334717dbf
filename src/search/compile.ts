// Compiles a parsed query into an FTS5 MATCH expression and a filter object for the SQL WHERE.
//
// Assumed index: items_fts(title, text, title_stems, text_stems), tokenize 'unicode61
// remove_diacritics 2', where
//   - title, text hold the item's words as written, with ё folded to е (FTS5 keeps ё, so the
//     indexer must fold it: SQL replace(replace(x, 'ё', 'е'), 'Ё', 'Е'), or foldYo() here);
//   - title_stems, text_stems hold stemmedText(title / text, item language) from analyze.ts.
//
// Where each part of a query looks:
//   - bare words → the stems columns, so "партия" finds "партии" and "elections" finds "election";
//   - "quoted phrases" → the exact columns: case- and accent-insensitive, never stemmed;
//   - word* prefixes → the exact columns: a prefix of the word as the user typed it, which is what
//     people expect ("elect*" finds "electorate"; a prefix of a stem would not be what they typed);
//   - NEAR → the stems columns when every member is a bare word, else the exact columns (FTS5
//     compares positions within one column, so a group cannot mix the two);
//   - title: → the same, restricted to title or title_stems.
// Every term is written as an FTS5 string ("…", with " doubled), built from the words that
// analyze.ts finds, so no user input can reach FTS5 as syntax.
import { foldToken, hasWords, indexStem, stemTerm, tokenize } from './analyze.js';
import { canonicalKey } from '../entities/canonical.js';
import { dateAfter, parseQuery, QueryError } from './parse.js';
import type { FilterNode, NearNode, PhraseNode, QueryNode, TermNode } from './parse.js';

/** Column groups of items_fts that compiled queries name. */
export const FTS_COLUMNS = {
  exact: ['title', 'text'],
  stems: ['title_stems', 'text_stems'],
  exactTitle: ['title'],
  stemsTitle: ['title_stems'],
} as const;

/** Metadata conditions for the SQL WHERE; every list is "any of", and lists combine with AND. */
export interface SearchFilters {
  /** Source names or ids as typed (the store resolves them). */
  sources: string[];
  excludeSources: string[];
  /** Lower-case language codes. */
  languages: string[];
  excludeLanguages: string[];
  /** Authors as typed; match them case-insensitively. */
  authors: string[];
  excludeAuthors: string[];
  /** Inclusive lower bound as typed (YYYY, YYYY-MM or YYYY-MM-DD): published_at >= from. */
  from: string | null;
  /** Inclusive upper bound as typed. */
  to: string | null;
  /** The same bound as an exclusive one: published_at < toExclusive ("to:2024-03" → "2024-04"). */
  toExclusive: string | null;
  /**
   * Items holding (or, negated, not holding) a span of a layer: `technique:` by technique name
   * (case, `-`, `_`, `,` and spaces alike; a prefix names the technique), `narrative:` by narrative
   * id, `entity:` by canonical key (any spelling of a known name; a surname finds the full name) or
   * by type (`entity:PER`). Spans a reviewer rejected do not count.
   */
  annotations?: AnnotationFilter[];
}

export interface AnnotationFilter {
  layer: 'technique' | 'entity' | 'narrative';
  negated: boolean;
  /** Normalised label prefix (technique), exact folded label (narrative, entity type). */
  label: string;
  /** Entity keys the value may equal (or end with, after a space). */
  keys: string[];
}

/** How technique names compare: lower case, runs of separators as one underscore. */
export function normaliseTechnique(name: string): string {
  return name.toLowerCase().replace(/[\s,_-]+/g, '_');
}

/**
 * How the MATCH applies:
 * - 'include': items whose rowid matches (rank by BM25);
 * - 'exclude': a query of filters and NOT terms only (`lang:ru -война`): every filtered item
 *   except those matching, i.e. rowid NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?);
 * - 'none': filters only, no full-text condition.
 */
export type MatchMode = 'include' | 'exclude' | 'none';

/** What a snippet marks in an item's text: see highlightSpans. */
export interface HighlightPlan {
  /** Stems of bare positive words, every alternative. */
  stems: string[];
  /** Folded word sequences of positive phrases. */
  phrases: string[][];
  /** Folded word sequences whose last word is a prefix. */
  prefixes: string[][];
}

export interface CompiledQuery {
  /** The FTS5 MATCH expression; null when mode is 'none'. */
  match: string | null;
  mode: MatchMode;
  filters: SearchFilters;
  highlight: HighlightPlan;
  ast: QueryNode;
}

// A word like "Северо-Западный" is two FTS words with a Russian and a Ukrainian stem each;
// past this many combinations only the first (most likely) stem of each word is kept.
const MAX_VARIANTS = 16;

/** FTS5 string literal: the only escape FTS5 knows inside "…" is a doubled quote. */
export function ftsString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Folds ё to е, length-preserving, for text going into the exact columns (FTS5 does not). */
export function foldYo(s: string): string {
  return s.replace(/[ёЁ]/g, (c) => (c === 'ё' ? 'е' : 'Е'));
}

function cols(names: readonly string[]): string {
  return `{${names.join(' ')}}`;
}

function product(lists: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) {
    const next: string[][] = [];
    for (const prefix of out) for (const item of list) next.push([...prefix, item]);
    out = next;
  }
  return out;
}

class Compiler {
  readonly highlight: HighlightPlan = { stems: [], phrases: [], prefixes: [] };
  private collect = true;

  constructor(private readonly languageHint: string | undefined) {}

  /** Stem sequences a bare word may be indexed as (one entry per variant). */
  private stemVariants(text: string): string[] {
    const perWord = tokenize(text.normalize('NFC')).map((t) => stemTerm(t.text, this.languageHint));
    if (this.collect) for (const alts of perWord) this.highlight.stems.push(...alts);
    const count = perWord.reduce((n, alts) => n * alts.length, 1);
    const lists = count > MAX_VARIANTS ? perWord.map((alts) => alts.slice(0, 1)) : perWord;
    return product(lists).map((words) => words.join(' '));
  }

  /** The exact-column string of a phrase or prefix, remembered for highlighting. */
  private exactText(text: string, prefix: boolean): string {
    const nfc = foldYo(text.normalize('NFC'));
    if (this.collect) {
      const words = tokenize(nfc).map((t) => foldToken(t.text));
      (prefix ? this.highlight.prefixes : this.highlight.phrases).push(words);
    }
    return ftsString(nfc) + (prefix ? ' *' : '');
  }

  private anyOf(parts: string[]): string {
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
  }

  private word(node: TermNode | PhraseNode): string {
    const title = node.field === 'title';
    if (node.kind === 'term' && !node.prefix) {
      const spec = cols(title ? FTS_COLUMNS.stemsTitle : FTS_COLUMNS.stems);
      return this.anyOf(this.stemVariants(node.text).map((v) => `${spec} : ${ftsString(v)}`));
    }
    const spec = cols(title ? FTS_COLUMNS.exactTitle : FTS_COLUMNS.exact);
    return `${spec} : ${this.exactText(node.text, node.prefix)}`;
  }

  private near(node: NearNode): string {
    const stemmed = node.members.every((m) => m.kind === 'term' && !m.prefix);
    if (stemmed) {
      const variants = node.members.map((m) => this.stemVariants(m.text));
      const count = variants.reduce((n, v) => n * v.length, 1);
      const lists = count > MAX_VARIANTS ? variants.map((v) => v.slice(0, 1)) : variants;
      const groups = product(lists).map((phrases) => `${cols(FTS_COLUMNS.stems)} : NEAR(${phrases.map(ftsString).join(' ')}, ${node.distance})`);
      return this.anyOf(groups);
    }
    const phrases = node.members.map((m) => this.exactText(m.text, m.prefix));
    return `${cols(FTS_COLUMNS.exact)} : NEAR(${phrases.join(' ')}, ${node.distance})`;
  }

  expr(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return this.word(node);
      case 'near':
        return this.near(node);
      case 'or':
        return `(${node.children.map((c) => this.expr(c)).join(' OR ')})`;
      case 'and': {
        const positives = node.children.filter((c) => c.kind !== 'not');
        const negatives = node.children.filter((c) => c.kind === 'not');
        return this.andNot(positives, negatives);
      }
      case 'not':
        // The parser allows NOT only beside a positive term, where 'and' handles it.
        return this.negated(node.child);
      case 'filter':
        throw new Error(`filter ${node.field}: reached the MATCH compiler; the parser should have rejected its place`);
    }
  }

  andNot(positives: QueryNode[], negatives: QueryNode[]): string {
    let out = positives.length === 1 ? this.expr(positives[0] as QueryNode) : `(${positives.map((p) => this.expr(p)).join(' AND ')})`;
    for (const n of negatives) out = `(${out} NOT ${this.negated(n.kind === 'not' ? n.child : n)})`;
    return out;
  }

  negated(node: QueryNode): string {
    // Words under NOT are not shown as matches.
    const before = this.collect;
    this.collect = false;
    try {
      return this.expr(node);
    } finally {
      this.collect = before;
    }
  }
}

function emptyFilters(): SearchFilters {
  return { sources: [], excludeSources: [], languages: [], excludeLanguages: [], authors: [], excludeAuthors: [], from: null, to: null, toExclusive: null, annotations: [] };
}

const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

function addFilter(filters: SearchFilters, f: FilterNode, negated: boolean, query: string): void {
  switch (f.field) {
    case 'source':
      (negated ? filters.excludeSources : filters.sources).push(f.value);
      return;
    case 'lang':
      (negated ? filters.excludeLanguages : filters.languages).push(f.value);
      return;
    case 'author':
      (negated ? filters.excludeAuthors : filters.authors).push(f.value);
      return;
    case 'from':
      filters.from = f.value;
      return;
    case 'to':
      filters.to = f.value;
      filters.toExclusive = dateAfter(f.value);
      return;
    case 'technique':
      (filters.annotations ??= []).push({ layer: 'technique', negated, label: normaliseTechnique(f.value), keys: [] });
      return;
    case 'narrative':
      (filters.annotations ??= []).push({ layer: 'narrative', negated, label: f.value, keys: [] });
      return;
    case 'entity': {
      const type = ENTITY_TYPES.find((t) => t === f.value.toUpperCase());
      const keys = type ? [] : [...new Set(ENTITY_TYPES.map((t) => canonicalKey(f.value, t)))].filter(Boolean);
      if (!type && keys.length === 0) throw new QueryError(`entity: needs a name or a type (PER, ORG, LOC, MISC)`, query, f.start, f.end - f.start);
      (filters.annotations ??= []).push({ layer: 'entity', negated, label: type ?? '', keys });
      return;
    }
  }
}

/**
 * Compiles a parsed query (with the text it was parsed from, for error positions).
 * Throws QueryError for filters this version cannot apply.
 */
export function compileAst(ast: QueryNode, query: string): CompiledQuery {
  const filters = emptyFilters();
  const text: QueryNode[] = [];
  const conjuncts = ast.kind === 'and' ? ast.children : [ast];
  for (const c of conjuncts) {
    if (c.kind === 'filter') addFilter(filters, c, false, query);
    else if (c.kind === 'not' && c.child.kind === 'filter') addFilter(filters, c.child, true, query);
    else if (c.kind === 'or' && c.children.every((k) => k.kind === 'filter')) {
      for (const k of c.children) addFilter(filters, k, false, query);
    } else text.push(c);
  }
  for (const list of [filters.sources, filters.excludeSources, filters.languages, filters.excludeLanguages, filters.authors, filters.excludeAuthors]) {
    const unique = [...new Set(list)];
    list.splice(0, list.length, ...unique);
  }
  const only = filters.languages.length === 1 ? filters.languages[0] : undefined;
  const compiler = new Compiler(only === 'ru' || only === 'uk' ? only : undefined);
  const positives = text.filter((c) => c.kind !== 'not');
  const negatives = text.filter((c) => c.kind === 'not');
  let match: string | null = null;
  let mode: MatchMode = 'none';
  if (positives.length > 0) {
    match = compiler.andNot(positives, negatives);
    mode = 'include';
  } else if (negatives.length > 0) {
    const parts = negatives.map((n) => compiler.negated(n.kind === 'not' ? n.child : n));
    match = parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(' OR ')})`;
    mode = 'exclude';
  }
  return { match, mode, filters, highlight: compiler.highlight, ast };
}

/**
 * Parses and compiles a search query. Throws QueryError (exit code 2 at the CLI) on any fault.
 * @example compileQuery('партия -"единая россия" lang:ru').match
 */
export function compileQuery(query: string): CompiledQuery {
  return compileAst(parseQuery(query), query);
}

/** A highlighted stretch of an item's text (UTF-16 offsets, end exclusive). */
export interface HighlightSpan {
  start: number;
  end: number;
}

function matchesSequence(words: string[], at: number, seq: string[], lastIsPrefix: boolean): boolean {
  for (let k = 0; k < seq.length; k++) {
    const w = words[at + k];
    const s = seq[k] ?? '';
    if (w === undefined) return false;
    if (lastIsPrefix && k === seq.length - 1 ? !w.startsWith(s) : w !== s) return false;
  }
  return true;
}

/**
 * Where the query's positive words, phrases and prefixes occur in `text` (an item of
 * `language`), merged and in order, for snippets. Offsets are UTF-16; convert with
 * OffsetConverter from core/codepoints.ts before they leave the process.
 */
export function highlightSpans(text: string, language: string, plan: HighlightPlan): HighlightSpan[] {
  if (!hasWords(text)) return [];
  const tokens = tokenize(text);
  const folded = tokens.map((t) => foldToken(t.text));
  const stems = new Set(plan.stems);
  const raw: HighlightSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const word = folded[i];
    if (tok === undefined || word === undefined) continue;
    if (stems.size > 0 && stems.has(indexStem(word, language))) raw.push({ start: tok.start, end: tok.end });
    for (const [list, isPrefix] of [
      [plan.phrases, false],
      [plan.prefixes, true],
    ] as const) {
      for (const seq of list) {
        if (seq.length === 0 || !matchesSequence(folded, i, seq, isPrefix)) continue;
        const last = tokens[i + seq.length - 1];
        raw.push({ start: tok.start, end: last ? last.end : tok.end });
      }
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: HighlightSpan[] = [];
  for (const s of raw) {
    const prev = out[out.length - 1];
    if (prev && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
