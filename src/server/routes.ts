// The read-only resources of the API. Each route names its schemas (schemas.ts): Fastify validates
// the inputs and serialises the outputs with them, and openapi.ts publishes them.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OffsetConverter } from '../core/codepoints.js';
import { LAYERS, type Annotation, type Item, type Layer, type Source } from '../core/types.js';
import { CSV_COLUMNS, itemCsvRow, presentAnnotation, presentItem } from '../cli/present.js';
import type { Store } from '../store/store.js';
import { gexfExport, labelSeries, registerAnalysisRoutes } from './analysis-routes.js';
import { LayerViews } from './analysis.js';
import { excerpt, type DerivedViews, type Cluster, type ClusterMember, type PassageRef } from './derived.js';
import { badParam, notFound } from './problem.js';
import * as S from './schemas.js';
import { compileOrProblem, isWholeSource, iterateSelection, pageOf, restrictFilters, select, type SelectParams } from './select.js';
import { plainSnippet } from '../search/snippet.js';
import { safeJson } from './security.js';
import type { Accounts } from '../accounts/accounts.js';
import { visibleSources } from './accounts-guard.js';
import { countSeries, type Interval, type Series } from './timeseries.js';
import { toWebAnnotation, WEB_ANNOTATION_CONTEXT } from './webannotation.js';

/** What the routes share: the store, the cached corpus views and the session's CSRF token. */
export interface RouteContext {
  store: Store;
  views: DerivedViews;
  csrfToken: string;
  authRequired: boolean;
  version: string;
  /** User accounts of the store (reviews are audited and named after the signed-in user). */
  accounts?: Accounts;
}

export interface Paging {
  limit: number;
  offset: number;
}

/** Relative links to the next and previous pages (the request's own parameters, offset moved). */
export function pageLinks(request: FastifyRequest, reply: FastifyReply, total: number, { limit, offset }: Paging): { next: string | null; prev: string | null } {
  const at = (o: number): string => {
    const url = new URL(request.url, 'http://localhost');
    url.searchParams.set('offset', String(o));
    url.searchParams.set('limit', String(limit));
    return `${url.pathname}${url.search}`;
  };
  const next = offset + limit < total ? at(offset + limit) : null;
  const prev = offset > 0 ? at(Math.max(0, Math.min(offset, total) - limit)) : null;
  const links = [next ? `<${next}>; rel="next"` : null, prev ? `<${prev}>; rel="prev"` : null].filter((x): x is string => x !== null);
  if (links.length > 0) reply.header('Link', links.join(', '));
  return { next, prev };
}

/** Sources by id. */
export async function sourceMap(store: Store): Promise<Map<string, Source>> {
  return new Map((await store.listSourceRecords()).map((s) => [s.id, s]));
}

/** An annotation as JSON with its stretch of the item text (code point offsets). */
function annotationJson(a: Annotation, item: Item, conv: OffsetConverter): Record<string, unknown> {
  return { id: a.id ?? null, ...presentAnnotation(a), text: item.text.slice(conv.toUtf16(a.start), conv.toUtf16(a.end)) };
}

/** Register every /api route on the app. */
export function registerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store, views } = ctx;
  // Entity, technique and narrative counts: cached per layer, forgotten after a review.
  const layers = new LayerViews(store);
  registerAnalysisRoutes(app, ctx, layers);

  app.get('/api/health', {
    schema: { operationId: 'health', summary: 'Liveness: answers without authentication', tags: ['meta'], response: { 200: S.healthResponse } },
    handler: () => ({ status: 'ok', version: ctx.version }),
  });

  app.get('/api/session', {
    schema: {
      operationId: 'session',
      summary: 'The CSRF token to send in X-CSRF-Token with every change (also set as a SameSite=Strict cookie)',
      tags: ['meta'],
      response: { 200: S.sessionResponse },
    },
    handler: (request, reply) => {
      reply.header('Set-Cookie', `narrascope_csrf=${ctx.csrfToken}; Path=/; SameSite=Strict`);
      const p = request.principal;
      return {
        csrfToken: ctx.csrfToken,
        csrfHeader: 'X-CSRF-Token',
        authRequired: ctx.authRequired || p !== null,
        ...(p ? { user: { username: p.user.username, displayName: p.user.displayName, role: p.role } } : {}),
      };
    },
  });

  app.get('/api/sources', {
    schema: { operationId: 'listSources', summary: 'Sources with their items, languages and date range', tags: ['corpus'], response: { 200: S.sourcesResponse } },
    handler: async (request) => {
      const visible = visibleSources(request);
      const sources = (await store.listSources()).filter((s) => visible === null || visible.has(s.id));
      return { total: sources.length, sources };
    },
  });

  app.get('/api/items', {
    schema: {
      operationId: 'listItems',
      summary: 'Items, filtered by parameters or by a query in the search language',
      description: 'Without q: in stored order (source, document, position). With q: ranked by relevance when it has words, newest first when it has filters only.',
      tags: ['corpus'],
      querystring: S.itemsQuery,
      response: { 200: S.itemsResponse },
    },
    handler: async (request, reply) => {
      const q = request.query as SelectParams & Paging;
      const sel = await select(store, q, visibleSources(request));
      const [{ total, items }, sources] = await Promise.all([pageOf(store, sel, q.limit, q.offset), sourceMap(store)]);
      return { total, limit: q.limit, offset: q.offset, ...pageLinks(request, reply, total, q), items: items.map((i) => presentItem(i, sources)) };
    },
  });

  app.get('/api/items/:id', {
    schema: {
      operationId: 'getItem',
      summary: 'One item with its spans by layer and its provenance down to the capture hash',
      tags: ['corpus'],
      params: S.idParams,
      response: { 200: S.itemResponse },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const item = await store.getItem(id);
      const visible = visibleSources(request);
      // An item outside the user's collections is answered as absent, not as forbidden: its id says nothing.
      if (!item || (visible !== null && !visible.has(item.sourceId))) throw notFound(`no item with id "${id}"`);
      const [annotations, document, sources] = await Promise.all([store.listAnnotations(item.id), store.getDocument(item.documentId), sourceMap(store)]);
      const capture = document ? await store.findCapture(document.captureId) : null;
      const conv = new OffsetConverter(item.text);
      const byLayer: Record<string, Array<Record<string, unknown>>> = {};
      for (const a of annotations) (byLayer[a.layer] ??= []).push(annotationJson(a, item, conv));
      const source = sources.get(item.sourceId);
      return {
        item: presentItem(item, sources),
        annotations: byLayer,
        provenance: {
          source: { id: item.sourceId, name: source?.name ?? item.sourceId, kind: source?.kind ?? 'unknown', url: source?.url ?? null },
          document: document
            ? { id: document.id, originKey: document.originKey, format: document.format, charset: document.charset, title: document.title, start: item.start, end: item.end }
            : null,
          capture: capture ? { sha256: capture.sha256, size: capture.size, origin: capture.origin, receivedAt: capture.receivedAt, mediaType: capture.mediaType } : null,
          producers: [...new Set(annotations.map((a) => `${a.producer.id}@${a.producer.version}`))].sort(),
        },
      };
    },
  });

  app.get('/api/search', {
    schema: {
      operationId: 'search',
      summary: 'Full-text search in the query language, with plain-text snippets, match offsets and facets',
      description: 'An invalid query is a 400 problem whose detail points at the error with a caret and whose position member gives its code point offset.',
      tags: ['search'],
      querystring: S.searchQuery,
      response: { 200: S.searchResponse },
    },
    handler: async (request, reply) => {
      const q = request.query as Paging & { q: string; collapse: boolean; facets: boolean };
      const compiled = compileOrProblem(q.q);
      await store.syncSearchIndex();
      const [result, sources] = await Promise.all([
        store.search({ match: compiled.match, mode: compiled.mode, filters: await restrictFilters(store, compiled.filters, visibleSources(request)), limit: q.limit, offset: q.offset, collapseDuplicates: q.collapse, facets: q.facets }),
        sourceMap(store),
      ]);
      const hits = result.hits.map((h) => {
        const snip = plainSnippet(h.item.text, h.item.language, compiled.highlight);
        return {
          id: h.item.id,
          title: h.item.title,
          source: sources.get(h.item.sourceId)?.name ?? h.item.sourceId,
          language: h.item.language,
          publishedAt: h.item.publishedAt,
          url: h.item.url,
          author: h.item.author,
          score: h.score,
          copies: h.copies,
          snippet: { text: snip.text, highlights: snip.highlights, clippedStart: snip.clippedStart, clippedEnd: snip.clippedEnd },
          matches: snip.matches,
        };
      });
      return { total: result.total, limit: q.limit, offset: q.offset, ...pageLinks(request, reply, result.total, q), query: q.q, hits, facets: result.facets };
    },
  });

  app.get('/api/duplicates', {
    schema: {
      operationId: 'listDuplicates',
      summary: 'Clusters of identical and near-identical items, largest first, each first seen first',
      tags: ['reuse'],
      querystring: S.duplicatesQuery,
      response: { 200: S.duplicatesResponse },
    },
    handler: async (request, reply) => {
      const q = request.query as Paging & { minSimilarity: number };
      const [all, sources] = await Promise.all([views.duplicateClusters(q.minSimilarity), sourceMap(store)]);
      const visible = visibleSources(request);
      // A cluster is shown with the members the user may see, when two or more remain.
      const clusters = visible === null ? all : all.map((c) => ({ ...c, members: c.members.filter((m) => m.sourceId !== null && visible.has(m.sourceId)) })).filter((c) => c.members.length > 1);
      const member = (m: ClusterMember): Record<string, unknown> => ({
        id: m.id,
        source: m.sourceId === null ? null : (sources.get(m.sourceId)?.name ?? m.sourceId),
        title: m.title,
        publishedAt: m.publishedAt,
        similarity: m.similarity,
        exact: m.exact,
      });
      const shown = clusters.slice(q.offset, q.offset + q.limit).filter((c): c is Cluster & { members: [ClusterMember, ...ClusterMember[]] } => c.members.length > 0);
      return {
        total: clusters.length,
        limit: q.limit,
        offset: q.offset,
        ...pageLinks(request, reply, clusters.length, q),
        minSimilarity: q.minSimilarity,
        clusters: shown.map((c) => ({ id: c.id, size: c.members.length, firstSeen: member(c.members[0]), reposts: c.members.slice(1).map(member) })),
      };
    },
  });

  /** A passage as JSON; `withText` adds each occurrence's own wording. */
  const passageJson = async (p: PassageRef, sources: Map<string, Source>, withText: boolean): Promise<Record<string, unknown>> => {
    const items = new Map<string, Item>();
    for (const o of p.occurrences) {
      if (items.has(o.item)) continue;
      const it = await store.getItem(o.item);
      if (it) items.set(o.item, it);
    }
    const sliceOf = (itemId: string, start: number, end: number): string => {
      const it = items.get(itemId);
      if (!it) return '';
      const conv = new OffsetConverter(it.text);
      return it.text.slice(conv.toUtf16(start), conv.toUtf16(end));
    };
    const name = (id: string): string => sources.get(id)?.name ?? id;
    const first = p.occurrences[0];
    return {
      id: p.id,
      text: first ? sliceOf(first.item, first.start, first.end) : '',
      words: p.words,
      sources: p.sources,
      firstSeen: first ? { item: first.item, source: name(first.sourceId), publishedAt: first.publishedAt } : null,
      occurrences: p.occurrences.map((o) => {
        const it = items.get(o.item);
        return {
          item: o.item,
          source: name(o.sourceId),
          title: it ? (it.title ?? excerpt(it.text)) : null,
          publishedAt: o.publishedAt,
          start: o.start,
          end: o.end,
          words: o.words,
          first: o.first,
          ...(withText ? { text: sliceOf(o.item, o.start, o.end) } : {}),
        };
      }),
    };
  };

  app.get('/api/passages', {
    schema: {
      operationId: 'listPassages',
      summary: 'Passages shared by several items (as the last `narrascope reuse` run stored them), most widespread first',
      tags: ['reuse'],
      querystring: S.passagesQuery,
      response: { 200: S.passagesResponse },
    },
    handler: async (request, reply) => {
      const q = request.query as Paging & { source?: string };
      let sourceId: string | undefined;
      if (q.source !== undefined) {
        const s = await store.getSource(q.source);
        if (!s) throw badParam('source', `unknown source "${q.source}"; known sources: ${(await store.listSourceRecords()).map((x) => x.name).join(', ') || '(none yet)'}`);
        sourceId = s.id;
      }
      const [all, sources] = await Promise.all([views.sharedPassages(), sourceMap(store)]);
      const visible = visibleSources(request);
      const seen = visible === null ? all : all.map((p) => ({ ...p, occurrences: p.occurrences.filter((o) => visible.has(o.sourceId)) })).filter((p) => p.occurrences.length > 1);
      const passages = sourceId === undefined ? seen : seen.filter((p) => p.occurrences.some((o) => o.sourceId === sourceId));
      const page: Array<Record<string, unknown>> = [];
      for (const p of passages.slice(q.offset, q.offset + q.limit)) page.push(await passageJson(p, sources, false));
      return { total: passages.length, limit: q.limit, offset: q.offset, ...pageLinks(request, reply, passages.length, q), passages: page };
    },
  });

  app.get('/api/passages/:id', {
    schema: {
      operationId: 'getPassage',
      summary: 'One shared passage with every occurrence in time order and its wording there',
      tags: ['reuse'],
      params: S.idParams,
      response: { 200: S.passageSchema },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const visible = visibleSources(request);
      const found = (await views.sharedPassages()).find((x) => x.id === id);
      const p = found && visible !== null ? { ...found, occurrences: found.occurrences.filter((o) => visible.has(o.sourceId)) } : found;
      if (!p || p.occurrences.length === 0) throw notFound(`no shared passage with id "${id}"; passages come from the last \`narrascope reuse\` run`);
      return passageJson(p, await sourceMap(store), true);
    },
  });

  app.get('/api/timeseries', {
    schema: {
      operationId: 'timeseries',
      summary: 'Items per day, week or month by source, language, technique, narrative or entity, or a layer\'s spans by label',
      tags: ['corpus'],
      querystring: S.timeseriesQuery,
      response: { 200: S.timeseriesResponse },
    },
    handler: async (request) => {
      const q = request.query as SelectParams & { by: (typeof S.TIMESERIES_BY)[number]; interval: Interval; top?: number };
      const sel = await select(store, q, visibleSources(request));
      const top = q.top ?? (q.by === 'entity' ? 50 : undefined);
      const cut = (s: Series): Series => (top === undefined ? s : { ...s, series: s.series.slice(0, top) });
      if (q.by === 'technique' || q.by === 'narrative' || q.by === 'entity') {
        return { by: q.by, interval: q.interval, ...cut(await labelSeries(store, layers, sel, q.by, q.interval)) };
      }
      const sources = await sourceMap(store);
      const name = (id: string): string => sources.get(id)?.name ?? id;
      if (q.by === 'source' || q.by === 'language') {
        const by = q.by;
        const rows = (async function* () {
          for await (const item of iterateSelection(store, sel)) yield { key: by === 'source' ? name(item.sourceId) : item.language, date: item.publishedAt };
        })();
        return { by: q.by, interval: q.interval, ...cut(await countSeries(rows, q.interval)) };
      }
      const layer = q.by.slice('layer:'.length) as Layer;
      if (!LAYERS.includes(layer)) throw badParam('by', `unknown layer "${layer}"`);
      // Spans are dated by their item; a narrower selection than a whole source is read as a set of ids.
      let keep: Set<string> | null = null;
      if (!isWholeSource(sel)) {
        keep = new Set<string>();
        for await (const item of iterateSelection(store, sel)) keep.add(item.id);
      }
      const sourceId = sel.kind === 'filter' ? sel.filter.sourceId : undefined;
      const rows = (async function* () {
        for await (const r of store.iterateAnnotations({ layer, ...(sourceId !== undefined ? { sourceId } : {}) })) {
          if (keep && !keep.has(r.annotation.itemId)) continue;
          yield { key: r.annotation.label, date: r.publishedAt };
        }
      })();
      return { by: q.by, interval: q.interval, ...cut(await countSeries(rows, q.interval)) };
    },
  });

  app.get('/api/export', {
    schema: {
      operationId: 'export',
      summary: 'Every matching item as JSON Lines or CSV, their spans as W3C Web Annotation JSON-LD, or their entity co-occurrence network as GEXF 1.3, as a download',
      tags: ['export'],
      querystring: S.exportQuery,
      produces: ['application/x-ndjson', 'text/csv', 'application/ld+json', 'application/gexf+xml'],
    },
    handler: async (request, reply) => {
      const q = request.query as SelectParams & { format: (typeof S.EXPORT_FORMATS)[number]; annotations: boolean; layer?: Layer; limit?: number; min?: number; type?: string };
      for (const p of ['limit', 'min', 'type'] as const) {
        if (q[p] !== undefined && q.format !== 'gexf') throw badParam(p, 'works with format=gexf only');
      }
      if (q.annotations && q.format !== 'jsonl') throw badParam('annotations', 'works with format=jsonl only (CSV has one row per item; Web Annotation exports spans anyway)');
      if (q.layer !== undefined && q.format !== 'webannotation') throw badParam('layer', 'works with format=webannotation only');
      // Everything that can fail with a problem is checked before the first byte goes out.
      const sel = await select(store, q, visibleSources(request));
      const sources = await sourceMap(store);
      const items = iterateSelection(store, sel);
      let body: AsyncIterable<string> | Iterable<string>;
      let type: string;
      let filename: string;
      if (q.format === 'gexf') {
        const xml = await gexfExport(store, layers, sel, { limit: q.limit ?? 100, min: q.min ?? 2, version: ctx.version, ...(q.type !== undefined ? { type: q.type } : {}) });
        type = 'application/gexf+xml; charset=utf-8';
        filename = 'narrascope-entities.gexf';
        body = [xml];
      } else if (q.format === 'csv') {
        type = 'text/csv; charset=utf-8';
        filename = 'narrascope-items.csv';
        body = (async function* () {
          yield `${CSV_COLUMNS.join(',')}\r\n`;
          for await (const item of items) yield `${itemCsvRow(presentItem(item, sources))}\r\n`;
        })();
      } else if (q.format === 'jsonl') {
        type = 'application/x-ndjson; charset=utf-8';
        filename = 'narrascope-items.jsonl';
        body = (async function* () {
          for await (const item of items) {
            const json = presentItem(item, sources);
            yield `${safeJson(q.annotations ? { ...json, annotations: (await store.listAnnotations(item.id)).map(presentAnnotation) } : json)}\n`;
          }
        })();
      } else {
        type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8';
        filename = 'narrascope-annotations.jsonld';
        const collection = `urn:narrascope:export:${new Date().toISOString()}`;
        body = (async function* () {
          const head = { '@context': WEB_ANNOTATION_CONTEXT, id: collection, type: 'AnnotationCollection', label: 'narrascope spans' };
          yield `${safeJson(head).slice(0, -1)},"first":${safeJson({ id: `${collection}#page-1`, type: 'AnnotationPage', startIndex: 0 }).slice(0, -1)},"items":[\n`;
          let n = 0;
          for await (const item of items) {
            const conv = new OffsetConverter(item.text);
            for (const a of await store.listAnnotations(item.id, q.layer)) {
              yield `${n++ > 0 ? ',\n' : ''}${safeJson(toWebAnnotation(a, item, conv))}`;
            }
          }
          yield `\n]},"total":${n}}\n`;
        })();
      }
      reply.header('Content-Type', type);
      reply.header('Content-Disposition', `attachment; filename="${filename}"`);
      return reply.send(Readable.from(body));
    },
  });
}
