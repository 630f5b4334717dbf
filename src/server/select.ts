// Which items a request means: the `q` search language (compiled exactly as the CLI compiles it)
// and the plain source/lang/from/to parameters, resolved once and then listed, counted or streamed.
import type { Item, Source } from '../core/types.js';
import { compileQuery, dateAfter, QueryError, type CompiledQuery } from '../search/index.js';
import type { SearchFilters } from '../search/compile.js';
import type { ItemFilter, SearchRequest, Store } from '../store/store.js';
import { badParam, invalidQuery } from './problem.js';

/** The item-selecting parameters every listing, series and export takes. */
export interface SelectParams {
  q?: string;
  source?: string;
  lang?: string;
  from?: string;
  to?: string;
}

/**
 * Either a plain filter (fast listing in stored order) or a compiled search (ranked when the query
 * has words, newest first when it has filters only).
 */
export type Selection =
  | { kind: 'filter'; filter: ItemFilter; source: Source | null }
  | { kind: 'search'; compiled: CompiledQuery | null; request: Omit<SearchRequest, 'limit' | 'offset'> };

/** A source id no source has: a source filter of it matches nothing (an empty collection). */
export const NO_SOURCE = 'urn:narrascope:no-source';

/**
 * Search filters narrowed to the visible sources (null: all visible). Sources the query names are
 * intersected with them, never added: `source:` is "any of", so appending would widen the query.
 */
export async function restrictFilters(store: Store, filters: SearchFilters, visible: ReadonlySet<string> | null): Promise<SearchFilters> {
  if (visible === null) return filters;
  let sources = [...visible];
  if (filters.sources.length > 0) {
    const records = await store.listSourceRecords();
    const named = new Set(filters.sources.map((x) => x.toLowerCase()));
    sources = records.filter((r) => visible.has(r.id) && (named.has(r.id.toLowerCase()) || named.has(r.name.toLowerCase()))).map((r) => r.id);
  }
  return { ...filters, sources: sources.length > 0 ? sources : [NO_SOURCE] };
}

/** A selection narrowed to the visible sources (see restrictFilters); null visible leaves it. */
export async function restrictSelection(store: Store, sel: Selection, visible: ReadonlySet<string> | null): Promise<Selection> {
  if (visible === null) return sel;
  if (sel.kind === 'search') return { ...sel, request: { ...sel.request, filters: await restrictFilters(store, sel.request.filters, visible) } };
  const f = sel.filter;
  if (f.sourceId !== undefined) return visible.has(f.sourceId) ? sel : { ...sel, filter: { ...f, sourceId: NO_SOURCE } };
  const only = visible.size === 1 ? [...visible][0] : undefined;
  // One visible source keeps the plain listing (stored order); several become a filter-only search.
  if (only !== undefined) return { ...sel, filter: { ...f, sourceId: only } };
  if (visible.size === 0) return { ...sel, filter: { ...f, sourceId: NO_SOURCE } };
  const filters: SearchFilters = { sources: [...visible], excludeSources: [], languages: f.language !== undefined ? [f.language] : [], excludeLanguages: [], authors: [], excludeAuthors: [], from: f.from ?? null, to: f.to ?? null, toExclusive: f.to !== undefined ? dateAfter(f.to) : null, annotations: [] };
  return { kind: 'search', compiled: null, request: { match: null, mode: 'none', filters } };
}

/** Compile `q` or answer 400 with the caret message and the error position. */
export function compileOrProblem(q: string, parameter = 'q'): CompiledQuery {
  try {
    return compileQuery(q);
  } catch (err) {
    if (err instanceof QueryError) throw invalidQuery(q, err, parameter);
    throw err;
  }
}

async function resolveSource(store: Store, nameOrId: string, parameter = 'source'): Promise<Source> {
  const source = await store.getSource(nameOrId);
  if (source) return source;
  const names = (await store.listSourceRecords()).map((s) => s.name);
  throw badParam(parameter, `unknown source "${nameOrId}"; known sources: ${names.join(', ') || '(none yet)'}`);
}

/**
 * Resolve the parameters to a selection; a parameter that repeats a filter of `q` is a 400.
 * `visible` narrows it to the sources a user may see (null: all).
 */
export async function select(store: Store, p: SelectParams, visible: ReadonlySet<string> | null = null): Promise<Selection> {
  return restrictSelection(store, await selectAll(store, p), visible);
}

async function selectAll(store: Store, p: SelectParams): Promise<Selection> {
  const source = p.source !== undefined ? await resolveSource(store, p.source) : null;
  if (p.from !== undefined && p.to !== undefined && p.from.slice(0, Math.min(p.from.length, p.to.length)) > p.to.slice(0, Math.min(p.from.length, p.to.length))) {
    throw badParam('to', `"${p.to}" is before from "${p.from}"`);
  }
  if (p.q === undefined || p.q.trim() === '') {
    const filter: ItemFilter = {};
    if (source) filter.sourceId = source.id;
    if (p.lang !== undefined) filter.language = p.lang;
    if (p.from !== undefined) filter.from = p.from;
    if (p.to !== undefined) filter.to = p.to;
    return { kind: 'filter', filter, source };
  }
  const compiled = compileOrProblem(p.q);
  const f = compiled.filters;
  // The same condition given twice would have to be intersected; saying so is clearer.
  const clash = (param: string, field: string, set: boolean): void => {
    if (set) throw badParam(param, `q already has a ${field}: filter; give it in one place`);
  };
  clash('source', 'source', source !== null && (f.sources.length > 0 || f.excludeSources.length > 0));
  clash('lang', 'lang', p.lang !== undefined && (f.languages.length > 0 || f.excludeLanguages.length > 0));
  clash('from', 'from', p.from !== undefined && f.from !== null);
  clash('to', 'to', p.to !== undefined && f.to !== null);
  const filters = { ...f, sources: [...f.sources], languages: [...f.languages] };
  if (source) filters.sources.push(source.id);
  if (p.lang !== undefined) filters.languages.push(p.lang);
  if (p.from !== undefined) filters.from = p.from;
  if (p.to !== undefined) {
    filters.to = p.to;
    filters.toExclusive = dateAfter(p.to);
  }
  return { kind: 'search', compiled, request: { match: compiled.match, mode: compiled.mode, filters } };
}

/** True when the selection is every item (or every item of one source). */
export function isWholeSource(sel: Selection): boolean {
  if (sel.kind !== 'filter') return false;
  const f = sel.filter;
  return f.language === undefined && f.from === undefined && f.to === undefined;
}

/** One page of the selection with the total. */
export async function pageOf(store: Store, sel: Selection, limit: number, offset: number): Promise<{ total: number; items: Item[] }> {
  if (sel.kind === 'filter') {
    const [total, items] = await Promise.all([store.countItems(sel.filter), store.listItems({ ...sel.filter, limit, offset })]);
    return { total, items };
  }
  await store.syncSearchIndex();
  const r = await store.search({ ...sel.request, limit, offset });
  return { total: r.total, items: r.hits.map((h) => h.item) };
}

const BATCH = 500;

/** Every item of the selection, streamed (a search is read in pages of 500). */
export async function* iterateSelection(store: Store, sel: Selection): AsyncGenerator<Item> {
  if (sel.kind === 'filter') {
    yield* store.iterateItems(sel.filter);
    return;
  }
  await store.syncSearchIndex();
  for (let offset = 0; ; offset += BATCH) {
    const r = await store.search({ ...sel.request, limit: BATCH, offset });
    for (const h of r.hits) yield h.item;
    if (r.hits.length < BATCH) return;
  }
}
