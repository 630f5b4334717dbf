// `enrich`: run enrichers over items already in the store. Resumable: each batch of results is
// written with a record of which producer (at which version) has seen each item, so a killed run
// repeats at most one batch and a rerun picks up the items still missing; `redo` runs everything.
import { OffsetConverter } from '../core/codepoints.js';
import type { Annotation, Item, Producer } from '../core/types.js';
import { DEFAULT_LANGUAGES } from '../enrichers/language/index.js';
import { ENRICHERS, getEnricher } from '../enrichers/registry.js';
import type { EnrichContext, EnrichInput, EnrichResult, ItemPatch } from '../enrichers/types.js';
import type { EnrichmentWrite, ItemFilter, Store } from '../store/store.js';

export interface EnrichOptions {
  /** Enricher ids, run in registry order whatever order they are given in. */
  enrichers: readonly string[];
  /** Options per enricher id (validated by each enricher's schema). */
  enricherOptions?: Record<string, unknown>;
  /** Run again on items already enriched at the current version. */
  redo?: boolean;
  filter?: ItemFilter;
  /** Only these items, in this order (a queued job's batch); `filter` is then ignored, ids no longer stored are skipped. */
  itemIds?: readonly string[];
  /** Items per transaction (500). */
  batchSize?: number;
  onProgress?: (p: { done: number; total: number }) => void;
}

export interface EnrichReport {
  /** Items looked at. */
  items: number;
  /** Items on which at least one enricher ran. */
  enriched: number;
  /** Items every selected enricher had already seen at its version. */
  skipped: number;
  /** Spans written, by enricher id. */
  spans: Record<string, number>;
  /** Items an enricher failed on: the item, the enricher and the reason; the rest went on. */
  failures: Array<{ itemId: string; enricher: string; reason: string }>;
  ms: number;
}

interface Bound extends Producer {
  run: (input: EnrichInput, ctx: EnrichContext) => EnrichResult;
  done: Set<string>;
}

/** Run enrichers over stored items, writing each batch atomically (see the file comment). */
export async function enrichStore(store: Store, opts: EnrichOptions): Promise<EnrichReport> {
  const started = Date.now();
  const bound: Bound[] = [];
  for (const id of opts.enrichers) {
    const e = getEnricher(id);
    const producer = { id: e.id, version: e.version };
    bound.push({ ...producer, run: e.bind(opts.enricherOptions?.[e.id]), done: opts.redo ? new Set() : await store.enrichedItems(producer) });
  }
  const order = new Map(ENRICHERS.map((e, i) => [e.id, i]));
  bound.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));

  const sources = new Map((await store.listSourceRecords()).map((s) => [s.id, s]));
  const report: EnrichReport = { items: 0, enriched: 0, skipped: 0, spans: Object.fromEntries(bound.map((b) => [b.id, 0])), failures: [], ms: 0 };
  const total = opts.itemIds ? opts.itemIds.length : await store.countItems(opts.filter);
  const batchSize = opts.batchSize ?? 500;
  let batch: EnrichmentWrite[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length > 0) await store.applyEnrichment(batch);
    batch = [];
  };
  for await (const item of opts.itemIds ? itemsById(store, opts.itemIds) : store.iterateItems(opts.filter)) {
    report.items++;
    const pending = bound.filter((b) => !b.done.has(item.id));
    if (pending.length === 0) {
      report.skipped++;
    } else {
      batch.push(enrichItem(item, pending, { dateOrder: sources.get(item.sourceId)?.dateOrder ?? null, languages: DEFAULT_LANGUAGES }, report));
      report.enriched++;
      if (batch.length >= batchSize) await flush();
    }
    if (report.items % 200 === 0) opts.onProgress?.({ done: report.items, total });
  }
  await flush();
  opts.onProgress?.({ done: report.items, total });
  report.ms = Date.now() - started;
  return report;
}

async function* itemsById(store: Store, ids: readonly string[]): AsyncIterable<Item> {
  for (const id of ids) {
    const item = await store.getItem(id);
    if (item) yield item;
  }
}

function enrichItem(item: Item, pending: Bound[], ctx: EnrichContext, report: EnrichReport): EnrichmentWrite {
  const rawDate = typeof item.metadata.rawDate === 'string' ? item.metadata.rawDate : null;
  const input: EnrichInput = {
    text: item.text,
    title: item.title,
    rawDate,
    publishedAt: item.publishedAt,
    datePrecision: item.datePrecision,
    language: item.language,
  };
  const conv = new OffsetConverter(item.text);
  const annotations: Annotation[] = [];
  const producers: Producer[] = [];
  const patch: ItemPatch = {};
  for (const e of pending) {
    let res: EnrichResult;
    try {
      res = e.run(input, ctx);
    } catch (err) {
      // One bad item must not stop a corpus run; the producer is not marked done, so a rerun retries.
      report.failures.push({ itemId: item.id, enricher: e.id, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    producers.push({ id: e.id, version: e.version });
    if (res.patch) {
      Object.assign(patch, res.patch);
      if (res.patch.language !== undefined) input.language = res.patch.language;
      if (res.patch.publishedAt !== undefined) input.publishedAt = res.patch.publishedAt;
      if (res.patch.datePrecision !== undefined) input.datePrecision = res.patch.datePrecision;
    }
    for (const span of res.spans) {
      annotations.push({
        itemId: item.id,
        layer: span.layer,
        label: span.label,
        start: conv.toCp(span.start),
        end: conv.toCp(span.end),
        value: span.value,
        confidence: span.confidence,
        producer: { id: e.id, version: e.version },
      });
      report.spans[e.id] = (report.spans[e.id] ?? 0) + 1;
    }
  }
  return { itemId: item.id, producers, annotations, ...(Object.keys(patch).length > 0 ? { patch } : {}) };
}
