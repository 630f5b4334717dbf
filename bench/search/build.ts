// Builds the search benchmark's store through the real Store API: each generated capture becomes
// one IngestUnit (capture bytes, one dump document, its items), written in batches of ~8 MB
// with writeIngestBatch as ingest does, then indexed by syncSearchIndex.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { cpLength } from '../../src/core/codepoints.js';
import { sha256, stableId } from '../../src/core/hash.js';
import type { Item } from '../../src/core/types.js';
import { openStore } from '../../src/store/index.js';
import type { IngestUnit } from '../../src/store/index.js';
import { generateSearchCorpus, itemIdOf, SEARCH_SOURCES } from './generate.js';
import type { GeneratedCapture } from './generate.js';

export interface BuildTimings {
  items: number;
  /** Generating and writing items (store API), seconds. */
  writeS: number;
  /** syncSearchIndex, seconds. */
  indexS: number;
}

const BATCH_CHARS = 8 * 1024 * 1024;

function dmy(iso: string | null): string {
  if (iso === null) return '';
  const [y, m, d] = iso.split('-');
  return d === undefined ? ` (${Number(m)}.${y})` : ` (${Number(d)}.${Number(m)}.${y})`;
}

/** The ingest unit a text dump of these items would give: items are slices of the document text. */
export function unitOf(c: GeneratedCapture, sourceId: string, seen: Map<string, number>): IngestUnit {
  const parts: string[] = [];
  const spans: Array<{ start: number; end: number }> = [];
  let at = 0;
  for (const it of c.items) {
    const head = `${it.title}${dmy(it.publishedAt)}\n\n`;
    if (parts.length > 0) {
      parts.push('\n\n');
      at += 2;
    }
    parts.push(head, it.text);
    at += cpLength(head);
    const len = cpLength(it.text);
    spans.push({ start: at, end: at + len });
    at += len;
  }
  const docText = parts.join('') + '\n';
  const bytes = Buffer.from(docText, 'utf8');
  const hash = sha256(bytes);
  const documentId = stableId('doc', hash, c.originKey);
  const lastDate = c.items.reduce<string | null>((d, it) => (it.publishedAt && (!d || it.publishedAt > d) ? it.publishedAt : d), null);
  const receivedAt = `${(lastDate ?? '2024-12-31').padEnd(10, '-01').slice(0, 10)}T12:00:00.000Z`;
  const items: Item[] = c.items.map((it, k) => {
    const key = `${sourceId}\u0000${c.originKey}\u0000${it.contentHash}`;
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    const span = spans[k] ?? { start: 0, end: 0 };
    return {
      id: itemIdOf(sourceId, c.originKey, it.contentHash, repeat),
      sourceId,
      documentId,
      kind: 'post',
      parentId: null,
      ordinal: k,
      title: it.title,
      author: it.author,
      url: it.url,
      publishedAt: it.publishedAt,
      datePrecision: it.datePrecision,
      language: it.language,
      languageConfidence: 0.95,
      text: it.text,
      start: span.start,
      end: span.end,
      contentHash: it.contentHash,
      metadata: {},
    };
  });
  return {
    capture: { id: hash, sha256: hash, size: bytes.byteLength, origin: `/scrapes/${c.originKey}`, sourceId, receivedAt, mediaType: 'text/plain' },
    chunks: [{ seq: 0, bytes }],
    documents: [
      {
        document: {
          id: documentId,
          captureId: hash,
          sourceId,
          originKey: c.originKey,
          format: 'text',
          charset: 'utf-8',
          title: null,
          text: docText,
          metadata: { removedLines: 0 },
          createdAt: receivedAt,
        },
        items,
        annotations: [],
      },
    ],
    final: true,
  };
}

/**
 * Writes `items` generated items into a new store at `path` (built under a temporary name and
 * renamed when complete, so an interrupted build never leaves a half store behind).
 */
export async function buildSearchStore(path: string, opts: { items: number; seed: number; log?: (s: string) => void }): Promise<BuildTimings> {
  const partial = `${path}.partial`;
  for (const p of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(p, { force: true });
  const store = await openStore(partial);
  const ids = new Map<string, string>();
  for (const s of SEARCH_SOURCES) ids.set(s.name, (await store.upsertSource({ name: s.name, kind: s.kind })).id);
  const seen = new Map<string, number>();
  const t0 = performance.now();
  let batch: IngestUnit[] = [];
  let chars = 0;
  let items = 0;
  let lastLog = 0;
  for (const c of generateSearchCorpus({ items: opts.items, seed: opts.seed })) {
    const unit = unitOf(c, ids.get(c.source) ?? '', seen);
    batch.push(unit);
    chars += unit.documents[0]?.document.text.length ?? 0;
    items += c.items.length;
    if (chars >= BATCH_CHARS) {
      await store.writeIngestBatch(batch);
      batch = [];
      chars = 0;
      if (opts.log && items - lastLog >= 100_000) {
        lastLog = items;
        opts.log(`  ${items} items written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
  }
  if (batch.length > 0) await store.writeIngestBatch(batch);
  const t1 = performance.now();
  opts.log?.(`  ${items} items written in ${((t1 - t0) / 1000).toFixed(1)} s; indexing …`);
  const indexed = await store.syncSearchIndex();
  const t2 = performance.now();
  opts.log?.(`  ${indexed} items indexed in ${((t2 - t1) / 1000).toFixed(1)} s`);
  await store.close();
  if (existsSync(`${partial}-wal`)) throw new Error(`${partial}-wal is still there after close`);
  renameSync(partial, path);
  return { items, writeS: (t1 - t0) / 1000, indexS: (t2 - t1) / 1000 };
}
