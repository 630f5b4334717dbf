// `copy`: move a corpus between any two stores (SQLite file or PostgreSQL URL), losing nothing:
// sources, captures with their exact bytes and headers, documents, items with their rowids,
// every annotation with its id and review, enrichment records, signatures and line counts.
// Records go over in batches, each one transaction; an interrupted copy run again completes
// without duplicates (import keeps what is already there). The target must be empty or hold an
// earlier, unfinished copy of the same corpus: two different corpora are never merged, since
// their span ids and item ranks would collide.
import { createError, ERRORS } from '../core/errors.js';
import type { CorpusRecord, Store, StoreStats } from '../store/store.js';

export interface CopyOptions {
  /** Records per transaction (default 2,000; fewer when bytes are large). */
  batchRecords?: number;
  /** Bytes of capture chunks per transaction (default 32 MB). */
  batchBytes?: number;
  onProgress?: (p: { records: number; bytes: number }) => void;
}

export interface CopyReport {
  records: Record<CorpusRecord['type'], number>;
  bytes: number;
  /** Totals of both stores after the copy; they must be equal. */
  from: StoreStats;
  to: StoreStats;
  ms: number;
}

/** Copy every record of `from` into `to` (see the file comment); throws when the totals differ after. */
export async function copyCorpus(from: Store, to: Store, opts: CopyOptions = {}): Promise<CopyReport> {
  const started = Date.now();
  const fromSources = new Map((await from.listSourceRecords()).map((s) => [s.id, s]));
  const foreign = (await to.listSourceRecords()).filter((s) => !fromSources.has(s.id));
  if (foreign.length > 0) {
    throw createError(
      ERRORS.USAGE,
      `The target store ${to.location} already holds another corpus (sources ${foreign
        .slice(0, 3)
        .map((s) => s.name)
        .join(', ')}${foreign.length > 3 ? ', …' : ''}); copy into an empty store`,
      to.location,
    );
  }
  const maxRecords = opts.batchRecords ?? 2_000;
  const maxBytes = opts.batchBytes ?? 32 * 1024 * 1024;
  const counts = { source: 0, chunk: 0, capture: 0, document: 0, item: 0, annotation: 0, enrichment: 0, signature: 0, lines: 0 };
  let batch: CorpusRecord[] = [];
  let batchBytes = 0;
  let records = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await to.importRecords(batch);
    records += batch.length;
    batch = [];
    batchBytes = 0;
    opts.onProgress?.({ records, bytes });
  };
  for await (const r of from.exportRecords()) {
    counts[r.type]++;
    batch.push(r);
    if (r.type === 'chunk') {
      batchBytes += r.bytes.byteLength;
      bytes += r.bytes.byteLength;
    } else if (r.type === 'document') {
      batchBytes += r.document.text.length * 2;
    } else if (r.type === 'item') {
      batchBytes += r.item.text.length * 2;
    }
    if (batch.length >= maxRecords || batchBytes >= maxBytes) await flush();
  }
  await flush();
  await to.syncSearchIndex();
  const a = await from.stats();
  const b = await to.stats();
  const fields = ['sources', 'captures', 'captureBytes', 'documents', 'items', 'annotations'] as const;
  const differ = fields.filter((f) => a[f] !== b[f]);
  if (differ.length > 0) {
    throw createError(
      ERRORS.STORE,
      `The copy in ${to.location} does not match ${from.location}: ${differ.map((f) => `${f} ${b[f]} ≠ ${a[f]}`).join(', ')}`,
      to.location,
    );
  }
  return { records: counts, bytes, from: a, to: b, ms: Date.now() - started };
}
