// Matches narratives to one item in memory, with the semantics of search (src/search): a narrative
// query finds an item here exactly when `narrascope search` with the same query would find it.
//   - bare words match stems (stemTerm on the query side, indexStem on the item side, as the
//     stems columns of the full-text index do), in the title or the text;
//   - "phrases" and word* prefixes match folded words as written, never stemmed;
//   - NEAR counts words between the end of the first member and the start of the last (FTS5);
//     its bare words are stemmed only when every member is a bare word, as in search;
//   - AND, OR, NOT apply to the whole item; filters (source:, lang:, from:, to:, author:) apply to
//     its metadata as the store applies them; technique:, entity:, narrative: are refused.
// Each matching item gets a span on every sentence in which the query's positive part matches
// on its own; when the words are spread over several sentences, on the sentence holding most of
// them; when only the title matched, on the whole text.
import { compileAst, foldToken, foldYo, indexStem, parseQuery, QueryError, stemTerm, tokenize } from '../search/index.js';
import type { NearNode, PhraseNode, QueryNode, SearchFilters, TermNode, Token } from '../search/index.js';
import type { Narrative } from './codebook.js';
import { splitSentences } from './sentences.js';

/** What matching needs to know of an item besides its text. */
export interface NarrativeMeta {
  /** The source's name (matched case-insensitively, as search matches source:). */
  source: string;
  /** The source's id, which source: also accepts. */
  sourceId?: string | null;
  publishedAt: string | null;
  title: string | null;
  author: string | null;
}

/** One sentence of an item that a narrative matched (UTF-16 offsets into the text, end exclusive). */
export interface NarrativeMatch {
  narrative: string;
  start: number;
  end: number;
  /** The codebook query that matched. */
  query: string;
  confidence: number;
}

/** A leaf of a query, prepared for matching against the words of an item. */
type Leaf =
  | { kind: 'stems'; alternatives: string[][]; field: 'title' | null }
  | { kind: 'exact'; words: string[]; lastIsPrefix: boolean; field: 'title' | null };

type Node =
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'and'; children: Node[] }
  | { kind: 'or'; children: Node[] }
  | { kind: 'not'; child: Node }
  | { kind: 'near'; members: Leaf[]; distance: number };

/** One codebook query, compiled for matching. */
export interface CompiledNarrativeQuery {
  text: string;
  filters: SearchFilters;
  /** The word part of the query: every conjunct that is not a metadata filter. */
  root: Node;
  /** Conjuncts of the word part that are not negated: what a sentence must hold. */
  positives: Node[];
  /** Leaves outside any NOT: the words whose places mark sentences. */
  positiveLeaves: Leaf[];
}

/** A narrative compiled for matching; build once with compileNarrative, reuse for every item. */
export interface NarrativeMatcher {
  id: string;
  queries: readonly CompiledNarrativeQuery[];
}

// Same limit as search: past this many stem combinations only the likeliest stem of each word.
const MAX_VARIANTS = 16;

// Filters on other layers: matching runs on one item's text and metadata, without annotations.
const UNSUPPORTED = new Set(['technique', 'entity', 'narrative']);

const CONFIDENCE_SENTENCE = 0.9;
const CONFIDENCE_SPREAD = 0.6;
const CONFIDENCE_TITLE = 0.5;

class QueryCompiler {
  constructor(private readonly hint: string | undefined) {}

  private stems(text: string, field: 'title' | null): Leaf {
    const perWord = tokenize(text.normalize('NFC')).map((t) => stemTerm(t.text, this.hint));
    const count = perWord.reduce((n, alts) => n * alts.length, 1);
    const alternatives = count > MAX_VARIANTS ? perWord.map((alts) => alts.slice(0, 1)) : perWord;
    return { kind: 'stems', alternatives, field };
  }

  private exact(text: string, prefix: boolean, field: 'title' | null): Leaf {
    const words = tokenize(foldYo(text.normalize('NFC'))).map((t) => foldToken(t.text));
    return { kind: 'exact', words, lastIsPrefix: prefix, field };
  }

  leaf(node: TermNode | PhraseNode, stemmed: boolean): Leaf {
    if (node.kind === 'term' && !node.prefix && stemmed) return this.stems(node.text, node.field);
    return this.exact(node.text, node.prefix, node.field);
  }

  node(node: QueryNode): Node {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return { kind: 'leaf', leaf: this.leaf(node, true) };
      case 'near':
        return this.near(node);
      case 'and':
        return { kind: 'and', children: node.children.map((c) => this.node(c)) };
      case 'or':
        return { kind: 'or', children: node.children.map((c) => this.node(c)) };
      case 'not':
        return { kind: 'not', child: this.node(node.child) };
      case 'filter':
        // compileAst has taken every filter out of the word part; the parser allows no others.
        throw new Error(`filter ${node.field}: inside the word part of a query`);
    }
  }

  private near(node: NearNode): Node {
    // FTS5 compares positions within one column: all bare words use the stems, else all exact.
    const stemmed = node.members.every((m) => m.kind === 'term' && !m.prefix);
    return { kind: 'near', members: node.members.map((m) => this.leaf(m, stemmed)), distance: node.distance };
  }
}

function collectLeaves(node: Node, out: Leaf[]): void {
  switch (node.kind) {
    case 'leaf':
      out.push(node.leaf);
      return;
    case 'near':
      out.push(...node.members);
      return;
    case 'and':
    case 'or':
      for (const c of node.children) collectLeaves(c, out);
      return;
    case 'not':
      return;
  }
}

/**
 * Compiles one query of a narrative. Throws QueryError for a query search would reject, for the
 * filters matching cannot apply (technique:, entity:, narrative:), and for a query with no word to
 * match (filters alone would mark every item).
 */
export function compileNarrativeQuery(query: string): CompiledNarrativeQuery {
  const ast = parseQuery(query);
  // The parser lets filters stand only among the top-level conjuncts (alone, negated or OR-ed).
  for (const c of ast.kind === 'and' ? ast.children : [ast]) {
    const filters = c.kind === 'filter' ? [c] : c.kind === 'not' && c.child.kind === 'filter' ? [c.child] : c.kind === 'or' ? c.children : [];
    for (const f of filters) {
      if (f.kind === 'filter' && UNSUPPORTED.has(f.field)) {
        throw new QueryError(`${f.field}: cannot be used in a narrative query; narratives match words and the filters source:, lang:, from:, to:, title: and author:`, query, f.start, f.end - f.start);
      }
    }
  }
  const compiled = compileAst(ast, query);
  if (compiled.mode !== 'include') {
    throw new QueryError('a narrative query needs a word or "phrase" that items must contain; filters and NOT terms alone would mark every item', query, 0, Math.max(1, query.length));
  }
  const only = compiled.filters.languages.length === 1 ? compiled.filters.languages[0] : undefined;
  const c = new QueryCompiler(only === 'ru' || only === 'uk' ? only : undefined);
  // The same split as compileAst: top-level conjuncts that are filters go to the metadata check.
  const conjuncts = ast.kind === 'and' ? ast.children : [ast];
  const words = conjuncts.filter((k) => {
    if (k.kind === 'filter') return false;
    if (k.kind === 'not' && k.child.kind === 'filter') return false;
    if (k.kind === 'or' && k.children.every((x) => x.kind === 'filter')) return false;
    return true;
  });
  const nodes = words.map((k) => c.node(k));
  const positives = nodes.filter((n) => n.kind !== 'not');
  const positiveLeaves: Leaf[] = [];
  for (const p of positives) collectLeaves(p, positiveLeaves);
  return { text: query, filters: compiled.filters, root: { kind: 'and', children: nodes }, positives, positiveLeaves };
}

/** Compiles every query of a narrative; throws QueryError (with the query) on the first bad one. */
export function compileNarrative(n: Narrative): NarrativeMatcher {
  return { id: n.id, queries: n.queries.map((q) => compileNarrativeQuery(q)) };
}

// ---------------------------------------------------------------------------------------------
// The words of one item

/** Token positions [start, end) of a match in one field. */
interface Hit {
  start: number;
  end: number;
}

class FieldWords {
  readonly tokens: Token[];
  private folded: string[] | null = null;
  private stems: string[] | null = null;
  private byStem: Map<string, number[]> | null = null;
  private byWord: Map<string, number[]> | null = null;

  constructor(
    text: string,
    private readonly language: string,
  ) {
    this.tokens = tokenize(text);
  }

  private foldedWords(): string[] {
    this.folded ??= this.tokens.map((t) => foldToken(t.text));
    return this.folded;
  }

  private stemIndex(): { stems: string[]; index: Map<string, number[]> } {
    if (!this.stems || !this.byStem) {
      const folded = this.foldedWords();
      this.stems = folded.map((w) => indexStem(w, this.language));
      this.byStem = positions(this.stems);
    }
    return { stems: this.stems, index: this.byStem };
  }

  private wordIndex(): { words: string[]; index: Map<string, number[]> } {
    const words = this.foldedWords();
    this.byWord ??= positions(words);
    return { words, index: this.byWord };
  }

  hits(leaf: Leaf): Hit[] {
    if (this.tokens.length === 0) return [];
    if (leaf.kind === 'stems') {
      const first = leaf.alternatives[0];
      if (!first) return [];
      const { stems, index } = this.stemIndex();
      const starts = first.flatMap((s) => index.get(s) ?? []);
      const out: Hit[] = [];
      for (const at of starts.sort((a, b) => a - b)) {
        let ok = true;
        for (let k = 1; k < leaf.alternatives.length && ok; k++) ok = (leaf.alternatives[k] ?? []).includes(stems[at + k] ?? '\u0000');
        if (ok) out.push({ start: at, end: at + leaf.alternatives.length });
      }
      return out;
    }
    const { words, index } = this.wordIndex();
    const n = leaf.words.length;
    if (n === 0) return [];
    let starts: number[];
    if (n === 1 && leaf.lastIsPrefix) {
      const prefix = leaf.words[0] ?? '';
      starts = [];
      for (const [w, at] of index) if (w.startsWith(prefix)) starts.push(...at);
      starts.sort((a, b) => a - b);
    } else {
      starts = index.get(leaf.words[0] ?? '') ?? [];
    }
    const out: Hit[] = [];
    for (const at of starts) {
      let ok = true;
      for (let k = 1; k < n && ok; k++) {
        const w = words[at + k];
        const q = leaf.words[k] ?? '';
        ok = w !== undefined && (leaf.lastIsPrefix && k === n - 1 ? w.startsWith(q) : w === q);
      }
      if (ok) out.push({ start: at, end: at + n });
    }
    return out;
  }
}

function positions(words: string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  words.forEach((w, i) => {
    const list = map.get(w);
    if (list) list.push(i);
    else map.set(w, [i]);
  });
  return map;
}

/** The item's words, with every leaf's hits cached: many narratives share words. */
class ItemWords {
  readonly text: FieldWords;
  readonly title: FieldWords;
  private readonly cache = new Map<Leaf, { text: Hit[]; title: Hit[] }>();

  constructor(text: string, title: string, language: string) {
    this.text = new FieldWords(text, language);
    this.title = new FieldWords(title, language);
  }

  hits(leaf: Leaf): { text: Hit[]; title: Hit[] } {
    let h = this.cache.get(leaf);
    if (!h) {
      h = { text: leaf.field === 'title' ? [] : this.text.hits(leaf), title: this.title.hits(leaf) };
      this.cache.set(leaf, h);
    }
    return h;
  }
}

/** A token range to look in, or null for the whole field. */
type Range = { from: number; to: number } | null;

function inRange(h: Hit, r: Range): boolean {
  return r === null || (h.start >= r.from && h.end <= r.to);
}

function nearMatches(members: Hit[][], distance: number, r: Range): boolean {
  const lists = members.map((m) => m.filter((h) => inRange(h, r)));
  if (lists.some((l) => l.length === 0)) return false;
  // Each hit in turn as the first of the group; every other member takes its earliest hit at or
  // after it, which keeps the group as short as it can be.
  for (let a = 0; a < lists.length; a++) {
    for (const anchor of lists[a] ?? []) {
      let lastStart = anchor.start;
      let ok = true;
      for (let b = 0; b < lists.length && ok; b++) {
        if (b === a) continue;
        const next = (lists[b] ?? []).find((h) => h.start >= anchor.start);
        if (!next) ok = false;
        else lastStart = Math.max(lastStart, next.start);
      }
      if (ok && lastStart - anchor.end <= distance) return true;
    }
  }
  return false;
}

/** Whether `node` matches the item (range null) or, ignoring NOT, one stretch of its text. */
function evaluate(node: Node, item: ItemWords, r: Range): boolean {
  switch (node.kind) {
    case 'leaf': {
      const h = item.hits(node.leaf);
      if (r !== null) return h.text.some((x) => inRange(x, r));
      return h.text.length > 0 || h.title.length > 0;
    }
    case 'near': {
      const hits = node.members.map((m) => item.hits(m));
      if (nearMatches(hits.map((h) => h.text), node.distance, r)) return true;
      return r === null && nearMatches(hits.map((h) => h.title), node.distance, null);
    }
    case 'and':
      return node.children.every((c) => evaluate(c, item, r));
    case 'or':
      return node.children.some((c) => evaluate(c, item, r));
    case 'not':
      // NOT excludes items, not sentences: within a sentence it is already settled.
      return r !== null || !evaluate(node.child, item, r);
  }
}

function fold(s: string): string {
  return s.normalize('NFC').toLowerCase();
}

/** The metadata filters, as the store applies them in SQL. */
function passesFilters(f: SearchFilters, language: string, meta: NarrativeMeta): boolean {
  const isSource = (x: string): boolean => x === meta.sourceId || fold(x) === fold(meta.source);
  if (f.sources.length > 0 && !f.sources.some(isSource)) return false;
  if (f.excludeSources.some(isSource)) return false;
  if (f.languages.length > 0 && !f.languages.includes(language)) return false;
  if (f.excludeLanguages.includes(language)) return false;
  const author = meta.author === null ? null : fold(meta.author);
  if (f.authors.length > 0 && (author === null || !f.authors.some((a) => fold(a) === author))) return false;
  if (author !== null && f.excludeAuthors.some((a) => fold(a) === author)) return false;
  if (f.from !== null && (meta.publishedAt === null || meta.publishedAt < f.from)) return false;
  if (f.toExclusive !== null && (meta.publishedAt === null || meta.publishedAt >= f.toExclusive)) return false;
  return true;
}

interface SentenceTokens {
  start: number;
  end: number;
  from: number;
  to: number;
}

function sentenceTokens(text: string, words: FieldWords): SentenceTokens[] {
  const out: SentenceTokens[] = [];
  const tokens = words.tokens;
  let k = 0;
  for (const s of splitSentences(text)) {
    while (k < tokens.length && (tokens[k]?.start ?? 0) < s.start) k++;
    const from = k;
    while (k < tokens.length && (tokens[k]?.end ?? 0) <= s.end) k++;
    out.push({ start: s.start, end: s.end, from, to: k });
  }
  return out;
}

/** Sentences of the text a query marks on an item it matched, with their confidence. */
function markedSentences(q: CompiledNarrativeQuery, item: ItemWords, sentences: SentenceTokens[], textLength: number): Array<{ start: number; end: number; confidence: number }> {
  const hitsPerLeaf = q.positiveLeaves.map((l) => item.hits(l).text);
  if (hitsPerLeaf.every((h) => h.length === 0)) {
    return textLength > 0 ? [{ start: 0, end: textLength, confidence: CONFIDENCE_TITLE }] : [];
  }
  const whole: Array<{ start: number; end: number; confidence: number }> = [];
  let best: SentenceTokens | null = null;
  let bestScore = 0;
  for (const s of sentences) {
    const r = { from: s.from, to: s.to };
    let leaves = 0;
    let count = 0;
    for (const hits of hitsPerLeaf) {
      const n = hits.filter((h) => inRange(h, r)).length;
      if (n > 0) leaves++;
      count += n;
    }
    if (leaves === 0) continue;
    if (q.positives.every((p) => evaluate(p, item, r))) {
      whole.push({ start: s.start, end: s.end, confidence: CONFIDENCE_SENTENCE });
      continue;
    }
    // Distinct words first, then how often they occur; the earlier sentence wins a tie.
    const score = leaves * 1000 + count;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  if (whole.length > 0) return whole;
  return best ? [{ start: best.start, end: best.end, confidence: CONFIDENCE_SPREAD }] : [];
}

/**
 * The narratives that match an item, one entry per sentence they mark (UTF-16 offsets into
 * `text`), ordered by narrative, then by position. An item matches a narrative when any of its
 * queries matches, exactly as search would find it.
 */
export function matchNarratives(matchers: readonly NarrativeMatcher[], text: string, language: string, meta: NarrativeMeta): NarrativeMatch[] {
  return matchItem(matchers, text, language, meta, true);
}

function matchItem(matchers: readonly NarrativeMatcher[], text: string, language: string, meta: NarrativeMeta, useMeta: boolean): NarrativeMatch[] {
  const out: NarrativeMatch[] = [];
  let item: ItemWords | null = null;
  let sentences: SentenceTokens[] | null = null;
  for (const m of matchers) {
    const marked = new Map<number, NarrativeMatch>();
    for (const q of m.queries) {
      if (useMeta ? !passesFilters(q.filters, language, meta) : !passesLanguage(q.filters, language)) continue;
      item ??= new ItemWords(text, meta.title ?? '', language);
      if (!evaluate(q.root, item, null)) continue;
      sentences ??= sentenceTokens(text, item.text);
      for (const s of markedSentences(q, item, sentences, text.length)) {
        const before = marked.get(s.start);
        if (!before || before.confidence < s.confidence) {
          marked.set(s.start, { narrative: m.id, start: s.start, end: s.end, query: q.text, confidence: s.confidence });
        }
      }
    }
    out.push(...[...marked.values()].sort((a, b) => a.start - b.start));
  }
  return out;
}

function passesLanguage(f: SearchFilters, language: string): boolean {
  return (f.languages.length === 0 || f.languages.includes(language)) && !f.excludeLanguages.includes(language);
}

/**
 * Examples of a narrative that none of its own queries match, a check for codebook authors.
 * Examples have no source, date or author, so only lang: of the metadata filters applies.
 */
export function unmatchedExamples(n: Narrative, matcher: NarrativeMatcher = compileNarrative(n)): Array<{ lang: string; text: string }> {
  const meta: NarrativeMeta = { source: '', publishedAt: null, title: null, author: null };
  return n.examples.filter((e) => matchItem([matcher], e.text, e.lang, meta, false).length === 0);
}
