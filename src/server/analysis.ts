// Corpus-wide counts over the analysis layers (entities, techniques, narratives): who is named
// where, which techniques and narratives occur, what co-occurs in the same item. The spans of a
// layer are read once into compact rows and kept until the store's totals change or a review is
// recorded; each request then counts over the rows in memory, within its own selection of items.
// Spans a reviewer rejected are left out of every count (they are judged wrong); added ones count.
import { OffsetConverter } from '../core/codepoints.js';
import type { Item, Layer } from '../core/types.js';
import type { Store } from '../store/store.js';

/** One stored span, reduced to what the counts need. */
export interface SpanRow {
  id: number;
  itemId: string;
  sourceId: string;
  publishedAt: string | null;
  label: string;
  value: string | null;
  /** Code point offsets in the item text, end exclusive. */
  start: number;
  end: number;
  status: 'accepted' | 'rejected' | 'added' | null;
  /** The annotated stretch of the item text (entity rows only; '' elsewhere). */
  text: string;
}

/** Which items a request counts: every item, one source's, or an explicit set. */
export interface Scope {
  sourceId?: string;
  keep?: ReadonlySet<string>;
}

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/** An entity of the corpus: spans whose canonical keys meet, named by their most frequent form. */
export interface EntityInfo {
  /** `TYPE:key`, stable across runs. */
  id: string;
  key: string;
  type: string;
  name: string;
  /** Every surface form seen, most frequent first. */
  aliases: string[];
}

/** The entity layer read once: rows plus the entity each row belongs to. */
export interface EntityTable {
  rows: SpanRow[];
  /** Row index → entity id. */
  entityOf: string[];
  entities: Map<string, EntityInfo>;
}

/** Counts of one entity within a scope. */
export interface EntityCount extends EntityInfo {
  mentions: number;
  items: number;
}

const inScope = (r: SpanRow, scope: Scope): boolean =>
  r.status !== 'rejected' && (scope.sourceId === undefined || r.sourceId === scope.sourceId) && (scope.keep === undefined || scope.keep.has(r.itemId));

/** Older first, undated last; then by id. */
export function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** The form to name an entity by: the most frequent; among equals more words, then Latin, then first in order. */
function bestForm(forms: Map<string, number>): string {
  const sorted = [...forms].sort(
    (x, y) => y[1] - x[1] || words(y[0]) - words(x[0]) || Number(CYRILLIC.test(x[0])) - Number(CYRILLIC.test(y[0])) || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0),
  );
  return sorted[0]?.[0] ?? '';
}

/** Build the entity table: a lone surname (PER, one word) joins the one full name that ends with it. */
export function entityTable(rows: SpanRow[]): EntityTable {
  const rawId = (r: SpanRow): string => `${r.label}:${r.value ?? r.text.toLowerCase()}`;
  const fullByLast = new Map<string, Set<string>>();
  for (const r of rows) {
    const id = rawId(r);
    const key = id.slice(r.label.length + 1);
    if (r.label !== 'PER' || !key.includes(' ')) continue;
    const last = key.slice(key.lastIndexOf(' ') + 1);
    let s = fullByLast.get(last);
    if (!s) fullByLast.set(last, (s = new Set()));
    s.add(id);
  }
  const forms = new Map<string, Map<string, number>>();
  const entityOf = rows.map((r) => {
    let id = rawId(r);
    const key = id.slice(r.label.length + 1);
    if (r.label === 'PER' && !key.includes(' ')) {
      const full = fullByLast.get(key);
      if (full?.size === 1) id = [...full][0] ?? id;
    }
    let f = forms.get(id);
    if (!f) forms.set(id, (f = new Map<string, number>()));
    // The same name across line breaks reads as one form.
    const form = r.text.replace(/\s+/g, ' ').trim();
    if (form !== '' && r.status !== 'rejected') f.set(form, (f.get(form) ?? 0) + 1);
    return id;
  });
  const entities = new Map<string, EntityInfo>();
  for (const [id, f] of forms) {
    const colon = id.indexOf(':');
    entities.set(id, {
      id,
      type: id.slice(0, colon),
      key: id.slice(colon + 1),
      name: bestForm(f) || id.slice(colon + 1),
      aliases: [...f].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map((x) => x[0]),
    });
  }
  return { rows, entityOf, entities };
}

/** Mentions and items of every entity within the scope, most mentioned first. */
export function countEntities(t: EntityTable, scope: Scope, type?: string): EntityCount[] {
  const acc = new Map<string, { mentions: number; items: Set<string> }>();
  t.rows.forEach((r, i) => {
    if (!inScope(r, scope) || (type !== undefined && r.label !== type)) return;
    const id = t.entityOf[i] ?? '';
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { mentions: 0, items: new Set() }));
    a.mentions++;
    a.items.add(r.itemId);
  });
  const out: EntityCount[] = [];
  for (const [id, a] of acc) {
    const e = t.entities.get(id);
    if (e) out.push({ ...e, mentions: a.mentions, items: a.items.size });
  }
  return out.sort((x, y) => y.mentions - x.mentions || y.items - x.items || (x.id < y.id ? -1 : 1));
}

/** The rows of one entity within the scope, in time order. */
export function entityMentions(t: EntityTable, id: string, scope: Scope): SpanRow[] {
  const out = t.rows.filter((r, i) => t.entityOf[i] === id && inScope(r, scope));
  return out.sort((a, b) => compareDates(a.publishedAt, b.publishedAt) || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.start - b.start));
}

/** Entity ids per item, within the scope. */
function entitiesByItem(t: EntityTable, scope: Scope, type?: string): Map<string, Set<string>> {
  const byItem = new Map<string, Set<string>>();
  t.rows.forEach((r, i) => {
    if (!inScope(r, scope) || (type !== undefined && r.label !== type)) return;
    let s = byItem.get(r.itemId);
    if (!s) byItem.set(r.itemId, (s = new Set()));
    s.add(t.entityOf[i] ?? '');
  });
  return byItem;
}

/** Entity × technique: how many items name the entity and carry a span of the technique. */
export interface Matrix {
  entities: EntityCount[];
  techniques: Array<{ technique: string; items: number }>;
  /** counts[e][t]: items in which entity e and technique t co-occur. */
  counts: number[][];
}

/** The co-occurrence matrix of the `limit` entities found in most items against every technique. */
export function entityTechniqueMatrix(t: EntityTable, techniqueRows: SpanRow[], scope: Scope, limit: number, type?: string): Matrix {
  const top = countEntities(t, scope, type)
    .sort((x, y) => y.items - x.items || y.mentions - x.mentions || (x.id < y.id ? -1 : 1))
    .slice(0, limit);
  const techniquesOf = new Map<string, Set<string>>();
  for (const r of techniqueRows) {
    if (!inScope(r, scope)) continue;
    let s = techniquesOf.get(r.itemId);
    if (!s) techniquesOf.set(r.itemId, (s = new Set()));
    s.add(r.label);
  }
  const byItem = entitiesByItem(t, scope, type);
  const cell = new Map<string, Map<string, number>>(top.map((e) => [e.id, new Map()]));
  const columnItems = new Map<string, Set<string>>();
  for (const [itemId, ents] of byItem) {
    const techs = techniquesOf.get(itemId);
    if (!techs) continue;
    for (const e of ents) {
      const row = cell.get(e);
      if (!row) continue;
      for (const tech of techs) {
        row.set(tech, (row.get(tech) ?? 0) + 1);
        let s = columnItems.get(tech);
        if (!s) columnItems.set(tech, (s = new Set()));
        s.add(itemId);
      }
    }
  }
  const techniques = [...columnItems]
    .map(([technique, items]) => ({ technique, items: items.size }))
    .sort((x, y) => y.items - x.items || (x.technique < y.technique ? -1 : 1));
  const counts = top.map((e) => techniques.map((c) => cell.get(e.id)?.get(c.technique) ?? 0));
  return { entities: top, techniques, counts };
}

/** A co-occurrence graph: entities as nodes, items naming two of them as edge weights. */
export interface Network {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: Array<{ source: string; target: string; weight: number }>;
}

/**
 * Among the `limit` entities found in most items, the pairs named together in at least `min` items;
 * nodes without such an edge are left out. A node's weight is the items that name it.
 */
export function entityNetwork(t: EntityTable, scope: Scope, limit: number, min: number, type?: string): Network {
  const top = countEntities(t, scope, type)
    .sort((x, y) => y.items - x.items || y.mentions - x.mentions || (x.id < y.id ? -1 : 1))
    .slice(0, limit);
  const rank = new Map(top.map((e, i) => [e.id, i]));
  const pairs = new Map<string, number>();
  for (const ents of entitiesByItem(t, scope, type).values()) {
    const ids = [...ents].filter((e) => rank.has(e)).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const k = `${ids[i] ?? ''}\u0000${ids[j] ?? ''}`;
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
  }
  const edges: Network['edges'] = [];
  const linked = new Set<string>();
  for (const [k, weight] of pairs) {
    if (weight < min) continue;
    const [source = '', target = ''] = k.split('\u0000');
    edges.push({ source, target, weight });
    linked.add(source);
    linked.add(target);
  }
  edges.sort((a, b) => b.weight - a.weight || (rank.get(a.source) ?? 0) - (rank.get(b.source) ?? 0) || (rank.get(a.target) ?? 0) - (rank.get(b.target) ?? 0));
  const nodes = top.filter((e) => linked.has(e.id)).map((e) => ({ id: e.id, label: e.name, type: e.type, weight: e.items }));
  return { nodes, edges };
}

/** Spans and items of one label with the reviews of its spans. */
export interface LabelCount {
  label: string;
  spans: number;
  items: number;
  accepted: number;
  rejected: number;
  added: number;
  /** accepted / (accepted + rejected), null before any such review. */
  precision: number | null;
  firstDate: string | null;
  lastDate: string | null;
}

/** Precision of reviewed spans: null when nothing was accepted or rejected. */
export function precision(accepted: number, rejected: number): number | null {
  return accepted + rejected === 0 ? null : Math.round((accepted / (accepted + rejected)) * 1000) / 1000;
}

/** Per label within the scope: spans and items (rejected spans left out), reviews, first and last date. */
export function countLabels(rows: SpanRow[], scope: Scope): LabelCount[] {
  const acc = new Map<string, { spans: number; items: Set<string>; accepted: number; rejected: number; added: number; first: string | null; last: string | null }>();
  for (const r of rows) {
    if (scope.sourceId !== undefined && r.sourceId !== scope.sourceId) continue;
    if (scope.keep !== undefined && !scope.keep.has(r.itemId)) continue;
    let a = acc.get(r.label);
    if (!a) acc.set(r.label, (a = { spans: 0, items: new Set(), accepted: 0, rejected: 0, added: 0, first: null, last: null }));
    if (r.status === 'accepted') a.accepted++;
    else if (r.status === 'rejected') a.rejected++;
    else if (r.status === 'added') a.added++;
    if (r.status === 'rejected') continue;
    a.spans++;
    a.items.add(r.itemId);
    if (r.publishedAt !== null) {
      if (a.first === null || r.publishedAt < a.first) a.first = r.publishedAt;
      if (a.last === null || r.publishedAt > a.last) a.last = r.publishedAt;
    }
  }
  const out: LabelCount[] = [];
  for (const [label, a] of acc) {
    out.push({ label, spans: a.spans, items: a.items.size, accepted: a.accepted, rejected: a.rejected, added: a.added, precision: precision(a.accepted, a.rejected), firstDate: a.first, lastDate: a.last });
  }
  return out.sort((x, y) => y.items - x.items || y.spans - x.spans || (x.label < y.label ? -1 : 1));
}

/** The items carrying a label within the scope, in time order, each with its spans of that label. */
export function itemsWithLabel(rows: SpanRow[], label: string, scope: Scope): Array<{ itemId: string; publishedAt: string | null; spans: SpanRow[] }> {
  const byItem = new Map<string, { itemId: string; publishedAt: string | null; spans: SpanRow[] }>();
  for (const r of rows) {
    if (r.label !== label || !inScope(r, scope)) continue;
    let e = byItem.get(r.itemId);
    if (!e) byItem.set(r.itemId, (e = { itemId: r.itemId, publishedAt: r.publishedAt, spans: [] }));
    e.spans.push(r);
  }
  const out = [...byItem.values()];
  for (const e of out) e.spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.sort((a, b) => compareDates(a.publishedAt, b.publishedAt) || (a.itemId < b.itemId ? -1 : 1));
}

/**
 * One row per item and label within the scope (an item counts once per label), dated by the item:
 * what a time series of items per technique, narrative or entity counts. `keyOf` names the label.
 */
export function itemLabelRows(rows: SpanRow[], scope: Scope, keyOf: (r: SpanRow, index: number) => string): Array<{ key: string; date: string | null }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; date: string | null }> = [];
  rows.forEach((r, i) => {
    if (!inScope(r, scope)) return;
    const key = keyOf(r, i);
    const k = `${key}\u0000${r.itemId}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ key, date: r.publishedAt });
  });
  return out;
}

/** Entity display names for series keys: the name, with the id added where two entities share it. */
export function entitySeriesKeys(t: EntityTable): Map<string, string> {
  const byName = new Map<string, number>();
  for (const e of t.entities.values()) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
  return new Map([...t.entities.values()].map((e) => [e.id, (byName.get(e.name) ?? 0) > 1 ? `${e.name} [${e.id}]` : e.name]));
}

/** Cached rows of the analysis layers over one store. */
export class LayerViews {
  private stamp: string | null = null;
  private rows = new Map<Layer, Promise<SpanRow[]>>();
  private entities: Promise<EntityTable> | null = null;

  constructor(private readonly store: Store) {}

  /** Forget every cached layer (after a review: the totals may not move, the statuses do). */
  invalidate(): void {
    this.stamp = null;
    this.rows.clear();
    this.entities = null;
  }

  private async fresh(): Promise<void> {
    const stamp = JSON.stringify(await this.store.stats());
    if (stamp !== this.stamp) {
      this.invalidate();
      this.stamp = stamp;
    }
  }

  /** Every span of a layer as rows (entity rows with their text). */
  async layer(layer: Layer): Promise<SpanRow[]> {
    await this.fresh();
    let p = this.rows.get(layer);
    if (!p) {
      p = this.read(layer);
      // Concurrent requests share one read; a failed one is not kept.
      p.catch(() => {
        if (this.rows.get(layer) === p) this.rows.delete(layer);
      });
      this.rows.set(layer, p);
    }
    return p;
  }

  /** The entity layer with its entities resolved. */
  async entityTable(): Promise<EntityTable> {
    const rows = await this.layer('entity');
    if (!this.entities) {
      const p = Promise.resolve(entityTable(rows));
      this.entities = p;
    }
    return this.entities;
  }

  private async read(layer: Layer): Promise<SpanRow[]> {
    const withText = layer === 'entity';
    const out: SpanRow[] = [];
    let item: Item | null = null;
    let conv: OffsetConverter | null = null;
    for await (const r of this.store.iterateAnnotations({ layer })) {
      const a = r.annotation;
      let text = '';
      if (withText) {
        // Rows come by annotation id, which mostly keeps an item's spans together.
        if (item?.id !== a.itemId) {
          item = await this.store.getItem(a.itemId);
          conv = item ? new OffsetConverter(item.text) : null;
        }
        if (item && conv) text = item.text.slice(conv.toUtf16(a.start), conv.toUtf16(a.end));
      }
      out.push({
        id: a.id ?? 0,
        itemId: a.itemId,
        sourceId: r.sourceId,
        publishedAt: r.publishedAt,
        label: a.label,
        value: a.value,
        start: a.start,
        end: a.end,
        status: a.review?.status ?? null,
        text,
      });
    }
    return out;
  }
}
