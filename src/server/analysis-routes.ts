// Routes over the analysis layers: reviews of spans (the only changes the API makes), entities
// with their co-occurrences, techniques and narratives. Counts come from the cached rows of
// analysis.ts, narrowed to the request's items by the same parameters every listing takes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cpLength, OffsetConverter } from '../core/codepoints.js';
import type { Annotation, Item, Layer, Source } from '../core/types.js';
import { presentAnnotation } from '../cli/present.js';
import type { Store } from '../store/store.js';
import {
  countEntities,
  countLabels,
  entityMentions,
  entityNetwork,
  entitySeriesKeys,
  entityTechniqueMatrix,
  itemLabelRows,
  itemsWithLabel,
  precision,
  type EntityTable,
  type EntityInfo,
  type LayerViews,
  type Scope,
} from './analysis.js';
import { excerpt } from './derived.js';
import { toGexf } from './gexf.js';
import { badParam, notFound } from './problem.js';
import { pageLinks, sourceMap, type Paging, type RouteContext } from './routes.js';
import * as S from './schemas.js';
import { isWholeSource, iterateSelection, select, type Selection, type SelectParams } from './select.js';
import { countSeries, type Interval, type Series } from './timeseries.js';
import { actorOf, roleOnSource, type Accounts } from '../accounts/accounts.js';
import { roleAtLeast } from '../accounts/model.js';
import { forbidden, visibleSources } from './accounts-guard.js';

/** Who made a review or an added span: the producer recorded with it. */
export const REVIEW_PRODUCER = { id: 'review', version: '1' } as const;

/**
 * The reviewer: the signed-in user when the store has accounts (X-Reviewer cannot stand in for
 * someone else then); else the name in X-Reviewer (1–80 printable characters), or "anonymous".
 */
export function reviewerOf(request: FastifyRequest): string {
  if (request.principal) return request.principal.user.username;
  const h = request.headers['x-reviewer'];
  if (h === undefined) return 'anonymous';
  const v = Array.isArray(h) ? (h[0] ?? '') : h;
  if (!/^[^\p{C}]{1,80}$/u.test(v) || v.trim() === '') throw badParam('X-Reviewer', 'must be 1–80 printable characters (or leave the header out)', 'header');
  return v;
}

/** The items a selection means, as a scope over span rows (a whole source needs no item list). */
export async function scopeOf(store: Store, sel: Selection): Promise<Scope> {
  if (sel.kind === 'filter' && isWholeSource(sel)) return sel.filter.sourceId !== undefined ? { sourceId: sel.filter.sourceId } : {};
  const keep = new Set<string>();
  for await (const item of iterateSelection(store, sel)) keep.add(item.id);
  return { keep };
}

/** A short reference to an item, for listings. */
function itemRef(item: Item, sources: Map<string, Source>): Record<string, unknown> {
  return {
    id: item.id,
    title: item.title,
    source: sources.get(item.sourceId)?.name ?? item.sourceId,
    publishedAt: item.publishedAt,
    language: item.language,
    excerpt: excerpt(item.text),
  };
}

async function itemsById(store: Store, ids: Iterable<string>): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  for (const id of ids) {
    if (out.has(id)) continue;
    const it = await store.getItem(id);
    if (it) out.set(id, it);
  }
  return out;
}

/** A reviewed span as JSON, with its stretch of the item text. */
async function reviewedJson(store: Store, a: Annotation): Promise<Record<string, unknown>> {
  const item = await store.getItem(a.itemId);
  const conv = item ? new OffsetConverter(item.text) : null;
  const text = item && conv ? item.text.slice(conv.toUtf16(a.start), conv.toUtf16(a.end)) : '';
  return { id: a.id ?? null, ...presentAnnotation(a), text, item: a.itemId };
}

function findEntity(t: EntityTable, key: string): EntityInfo {
  const direct = t.entities.get(key);
  if (direct) return direct;
  const same = [...t.entities.values()].filter((e) => e.key === key.toLowerCase());
  if (same.length === 1 && same[0]) return same[0];
  if (same.length > 1) throw badParam('key', `"${key}" is the key of ${same.length} entities (${same.map((e) => e.id).join(', ')}); ask with one of these ids`, 'path');
  throw notFound(`no entity "${key}"; GET /api/entities lists them by id (TYPE:key)`);
}

/** Items per technique, narrative or entity and interval (an item counts once per label). */
export async function labelSeries(store: Store, layers: LayerViews, sel: Selection, by: 'technique' | 'narrative' | 'entity', interval: Interval): Promise<Series> {
  const scope = await scopeOf(store, sel);
  let rows: Array<{ key: string; date: string | null }>;
  if (by === 'entity') {
    const t = await layers.entityTable();
    const names = entitySeriesKeys(t);
    rows = itemLabelRows(t.rows, scope, (_r, i) => {
      const id = t.entityOf[i] ?? '';
      return names.get(id) ?? id;
    });
  } else {
    rows = itemLabelRows(await layers.layer(by), scope, (r) => r.label);
  }
  return countSeries(rows, interval);
}

/** The entity co-occurrence network of a selection as GEXF 1.3. */
export async function gexfExport(store: Store, layers: LayerViews, sel: Selection, opts: { limit: number; min: number; type?: string; version: string }): Promise<string> {
  const net = entityNetwork(await layers.entityTable(), await scopeOf(store, sel), opts.limit, opts.min, opts.type);
  return toGexf(net, {
    creator: `narrascope ${opts.version}`,
    description: `Entities named together in at least ${opts.min} item(s); the ${opts.limit} entities found in most items, those without such a link left out. Edge weight: items naming both.`,
    date: new Date().toISOString().slice(0, 10),
  });
}

/** Register the review, entity, technique and narrative routes. */
export function registerAnalysisRoutes(app: FastifyInstance, ctx: RouteContext, layers: LayerViews): void {
  const { store } = ctx;

  /**
   * With accounts: the item must be one the user may see (else 404, as if absent), and their role
   * on its source (a collection may give less than their own) must allow reviewing.
   */
  const mayReview = async (request: FastifyRequest, itemId: string, what: string): Promise<boolean> => {
    const p = request.principal;
    if (!p) return true;
    const item = await store.getItem(itemId);
    if (!item) return false;
    const role = roleOnSource(p, item.sourceId);
    if (role === null) return false;
    if (!roleAtLeast(role, 'analyst')) throw forbidden('analyst', role, `${what} in this source's collection`);
    return true;
  };
  const audit = async (request: FastifyRequest, accounts: Accounts | undefined, action: string, target: string, details: Record<string, unknown>): Promise<void> => {
    if (accounts && request.principal) await accounts.audit(actorOf(request.principal, request.ip), action, target, details);
  };

  app.post('/api/annotations/:id/review', {
    schema: {
      operationId: 'reviewAnnotation',
      summary: 'Accept or reject a span; the reviewer (X-Reviewer) and the time are recorded with it',
      description: 'A reviewed span is kept when its producer runs again. Rejected spans leave the entity, technique and narrative counts.',
      tags: ['reviews'],
      params: S.annotationIdParams,
      body: S.reviewBody,
      headerParams: S.reviewerHeader,
      response: { 200: S.reviewedAnnotationResponse },
    },
    handler: async (request) => {
      const { id } = request.params as { id: number };
      const { status } = request.body as { status: 'accepted' | 'rejected' };
      const reviewer = reviewerOf(request);
      if (request.principal) {
        const before = await store.getAnnotation(id);
        if (!before || !(await mayReview(request, before.itemId, 'reviewing a span'))) throw notFound(`no span with id ${id}`);
      }
      const a = await store.reviewAnnotation(id, { reviewer, at: new Date().toISOString(), status });
      if (!a) throw notFound(`no span with id ${id}`);
      layers.invalidate();
      await audit(request, ctx.accounts, status === 'accepted' ? 'span.accept' : 'span.reject', `annotation:${id}`, { item: a.itemId, layer: a.layer, label: a.label, start: a.start, end: a.end });
      return reviewedJson(store, a);
    },
  });

  app.post('/api/items/:id/annotations', {
    schema: {
      operationId: 'addAnnotation',
      summary: 'Add a span by hand (review status "added", producer review@1)',
      description: 'Offsets are code points in the item text, end exclusive, and must lie within it.',
      tags: ['reviews'],
      params: S.idParams,
      body: S.newSpanBody,
      headerParams: S.reviewerHeader,
      response: { 201: S.reviewedAnnotationResponse },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = request.body as { layer: Layer; label: string; start: number; end: number; value?: string | null };
      const reviewer = reviewerOf(request);
      const item = await store.getItem(id);
      if (!item || !(await mayReview(request, id, 'adding a span'))) throw notFound(`no item with id "${id}"`);
      const length = cpLength(item.text);
      if (b.start >= length) throw badParam('start', `${b.start} is past the end of the item text (${length} code points)`, 'body');
      if (b.end > length) throw badParam('end', `${b.end} is past the end of the item text (${length} code points)`, 'body');
      if (b.end <= b.start) throw badParam('end', `must be after start (${b.start}): a span covers at least one character`, 'body');
      const added = await store.addReviewedAnnotation({
        itemId: item.id,
        layer: b.layer,
        label: b.label,
        start: b.start,
        end: b.end,
        value: b.value ?? null,
        confidence: 1,
        producer: { ...REVIEW_PRODUCER },
        review: { reviewer, at: new Date().toISOString(), status: 'added' },
      });
      layers.invalidate();
      await audit(request, ctx.accounts, 'span.add', `annotation:${added.id ?? ''}`, { item: item.id, layer: added.layer, label: added.label, start: added.start, end: added.end });
      return reply.code(201).send(await reviewedJson(store, added));
    },
  });

  app.get('/api/reviews/summary', {
    schema: {
      operationId: 'reviewSummary',
      summary: 'Reviews of a layer per label: accepted, rejected and added spans, and the precision they give',
      tags: ['reviews'],
      querystring: S.reviewSummaryQuery,
      response: { 200: S.reviewSummaryResponse },
    },
    handler: async (request) => {
      const { layer } = request.query as { layer: Layer };
      const counts = await store.reviewCounts(layer);
      const total = { accepted: 0, rejected: 0, added: 0 };
      const labels = counts.map((c) => {
        total.accepted += c.accepted;
        total.rejected += c.rejected;
        total.added += c.added;
        return { label: c.label, accepted: c.accepted, rejected: c.rejected, added: c.added, precision: precision(c.accepted, c.rejected) };
      });
      return { layer, labels, total: { ...total, precision: precision(total.accepted, total.rejected) } };
    },
  });

  app.get('/api/entities', {
    schema: {
      operationId: 'listEntities',
      summary: 'People, organisations, places and other names, most mentioned first',
      description: 'Mentions meet under one canonical key across spellings, scripts and case forms (Zelensky, Zelenskyy, Зеленского); a lone surname joins the one full name that ends with it. The name is the most frequent form in the texts.',
      tags: ['entities'],
      querystring: S.entitiesQuery,
      response: { 200: S.entitiesResponse },
    },
    handler: async (request, reply) => {
      const q = request.query as SelectParams & Paging & { type?: string };
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      const all = countEntities(await layers.entityTable(), scope, q.type);
      return { total: all.length, limit: q.limit, offset: q.offset, ...pageLinks(request, reply, all.length, q), entities: all.slice(q.offset, q.offset + q.limit) };
    },
  });

  app.get('/api/entities/matrix', {
    schema: {
      operationId: 'entityTechniqueMatrix',
      summary: 'Entities × techniques: how many items name the entity and carry a span of the technique',
      description: 'An entity and a technique co-occur when both are in the same item (anywhere in it, not necessarily the same sentence). Rows: the entities found in most items.',
      tags: ['entities', 'techniques'],
      querystring: S.matrixQuery,
      response: { 200: S.matrixResponse },
    },
    handler: async (request) => {
      const q = request.query as SelectParams & { limit: number; type?: string };
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      return entityTechniqueMatrix(await layers.entityTable(), await layers.layer('technique'), scope, q.limit, q.type);
    },
  });

  app.get('/api/entities/network', {
    schema: {
      operationId: 'entityNetwork',
      summary: 'Entities named in the same items as a weighted graph (also as GEXF: /api/export?format=gexf)',
      description: 'Nodes: among the entities found in most items, those named together with another in at least `min` items. Edge weight: the items that name both.',
      tags: ['entities'],
      querystring: S.networkQuery,
      response: { 200: S.networkResponse },
    },
    handler: async (request) => {
      const q = request.query as SelectParams & { limit: number; min: number; type?: string };
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      return entityNetwork(await layers.entityTable(), scope, q.limit, q.min, q.type);
    },
  });

  app.get('/api/entities/:key', {
    schema: {
      operationId: 'getEntity',
      summary: 'One entity with its mentions and their items, in time order',
      tags: ['entities'],
      params: S.entityParams,
      querystring: S.entityQuery,
      response: { 200: S.entityResponse },
    },
    handler: async (request, reply) => {
      const { key } = request.params as { key: string };
      const q = request.query as SelectParams & Paging;
      const t = await layers.entityTable();
      const entity = findEntity(t, key);
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      const rows = entityMentions(t, entity.id, scope);
      const shown = rows.slice(q.offset, q.offset + q.limit);
      const [items, sources] = await Promise.all([itemsById(store, shown.map((r) => r.itemId)), sourceMap(store)]);
      const mentions = shown.flatMap((r) => {
        const it = items.get(r.itemId);
        return it ? [{ id: r.id, item: itemRef(it, sources), start: r.start, end: r.end, text: r.text, review: r.status }] : [];
      });
      return {
        total: rows.length,
        limit: q.limit,
        offset: q.offset,
        ...pageLinks(request, reply, rows.length, q),
        entity: { ...entity, mentions: rows.length, items: new Set(rows.map((r) => r.itemId)).size },
        mentions,
      };
    },
  });

  app.get('/api/techniques', {
    schema: {
      operationId: 'listTechniques',
      summary: 'Propaganda techniques: spans and items of each, and the precision reviewers found',
      description: 'Rejected spans are left out of spans and items; precision is accepted / (accepted + rejected) over the selected items, null before any review.',
      tags: ['techniques'],
      querystring: S.techniquesQuery,
      response: { 200: S.techniquesResponse },
    },
    handler: async (request) => {
      const q = request.query as SelectParams;
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      const techniques = countLabels(await layers.layer('technique'), scope).map((c) => ({
        technique: c.label,
        spans: c.spans,
        items: c.items,
        accepted: c.accepted,
        rejected: c.rejected,
        added: c.added,
        precision: c.precision,
      }));
      return { total: techniques.length, techniques };
    },
  });

  app.get('/api/narratives', {
    schema: {
      operationId: 'listNarratives',
      summary: 'Narratives of the codebook (as the last `narrascope narratives` run matched them): items, sentences, first and last date',
      tags: ['narratives'],
      querystring: S.narrativesQuery,
      response: { 200: S.narrativesResponse },
    },
    handler: async (request) => {
      const q = request.query as SelectParams;
      const scope = await scopeOf(store, await select(store, q, visibleSources(request)));
      const narratives = countLabels(await layers.layer('narrative'), scope)
        .filter((c) => c.items > 0)
        .map((c) => ({ id: c.label, items: c.items, spans: c.spans, firstDate: c.firstDate, lastDate: c.lastDate }));
      return { total: narratives.length, narratives };
    },
  });

  app.get('/api/narratives/:id/items', {
    schema: {
      operationId: 'listNarrativeItems',
      summary: 'The items a narrative matched, in time order, with the matched sentences',
      tags: ['narratives'],
      params: S.idParams,
      querystring: S.narrativeItemsQuery,
      response: { 200: S.narrativeItemsResponse },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const q = request.query as SelectParams & Paging;
      const rows = await layers.layer('narrative');
      if (!rows.some((r) => r.label === id && r.status !== 'rejected')) {
        throw notFound(`no narrative "${id}" in the store; narratives come from \`narrascope narratives --codebook FILE\``);
      }
      const list = itemsWithLabel(rows, id, await scopeOf(store, await select(store, q, visibleSources(request))));
      const shown = list.slice(q.offset, q.offset + q.limit);
      const [items, sources] = await Promise.all([itemsById(store, shown.map((e) => e.itemId)), sourceMap(store)]);
      const out = shown.flatMap((e) => {
        const it = items.get(e.itemId);
        if (!it) return [];
        const conv = new OffsetConverter(it.text);
        const spans = e.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, text: it.text.slice(conv.toUtf16(s.start), conv.toUtf16(s.end)), query: s.value }));
        return [{ item: itemRef(it, sources), spans }];
      });
      return { total: list.length, limit: q.limit, offset: q.offset, ...pageLinks(request, reply, list.length, q), narrative: id, items: out };
    },
  });
}
