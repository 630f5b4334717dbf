// The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous; the async
// Store methods wrap it so that network backends share the interface.
import { stemmedText } from '../../search/analyze.js';
import { foldYo } from '../../search/compile.js';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createError, ERRORS, NarrascopeError } from '../../core/errors.js';
import { stableId } from '../../core/hash.js';
import type { Annotation, Capture, DateOrder, DocumentRecord, Item, Layer, Producer, Source } from '../../core/types.js';
import type {
  AnnotationWithItem,
  CorpusRecord,
  EnrichmentWrite,
  IngestCounts,
  IngestUnit,
  ItemFilter,
  SearchRequest,
  SearchResult,
  SourceInput,
  SourceSummary,
  Store,
  StoreHandle,
  StoreStats,
} from '../store.js';
import { itemFilterSql } from './filter.js';
import { migrate } from './migrations.js';
import {
  annotationFromRow,
  annotationParams,
  captureFromRow,
  documentFromRow,
  ITEM_COLUMNS,
  itemFromRow,
  itemParams,
  sourceFromRow,
  type AnnotationParams,
  type AnnotationRow,
  type CaptureRow,
  type DocumentRow,
  type ItemParams,
  type ItemRow,
  type SourceRow,
} from './rows.js';

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

/** Rows per page when streaming items: bounded memory, few round trips. */
const PAGE_SIZE = 500;
// Spans are written in multi-row INSERTs of this many rows (12 columns: far under SQLite's limit
// of 32,766 parameters).
const SPAN_BATCH = 64;
const SPAN_COLUMNS = 12;
const SPAN_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_SPAN = `INSERT INTO annotations (item_id, layer, label, start_cp, end_cp, value, confidence, producer_id,
  producer_version, reviewer, reviewed_at, review_status) VALUES`;

const ITEM_UPDATE_COLUMNS = [
  'source_id',
  'document_id',
  'kind',
  'parent_id',
  'ordinal',
  'title',
  'author',
  'url',
  'published_at',
  'date_precision',
  'language',
  'language_confidence',
  'text',
  'start_cp',
  'end_cp',
  'content_hash',
  'metadata',
] as const;

function isSqliteError(err: unknown, code: string): boolean {
  return err instanceof Error && (err as Error & { code?: unknown }).code === code;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Counts of a GROUP BY query as a plain object. */
function histogram(rows: Array<{ key: string | null; n: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key ?? ''] = r.n;
  return out;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly handle: StoreHandle;
  private closed = false;
  private readonly cache = new Map<string, Stmt<unknown[], unknown>>();

  private readonly s: {
    sourceById: Stmt<[string], SourceRow>;
    sourceByName: Stmt<[string], SourceRow>;
    insertSource: Stmt<[SourceRow]>;
    fillSource: Stmt<[{ id: string; url: string | null; language_hint: string | null; date_order: string | null; notes: string | null }]>;
    setDateOrder: Stmt<[string | null, string]>;
    captureById: Stmt<[string], CaptureRow>;
    chunksOf: Stmt<[string], { bytes: Buffer }>;
    insertChunk: Stmt<[string, number, Uint8Array]>;
    insertCapture: Stmt<[CaptureRow]>;
    documentById: Stmt<[string], DocumentRow>;
    upsertDocument: Stmt<[DocumentRow]>;
    itemIdsOfDocument: Stmt<[string], { id: string }>;
    itemState: Stmt<[string, string], { same: number }>;
    upsertItem: Stmt<[ItemParams]>;
    itemById: Stmt<[string], ItemRow>;
    deleteItem: Stmt<[string]>;
    deleteItemsOfDocument: Stmt<[string]>;
    deleteDocument: Stmt<[string]>;
    originsOfCapture: Stmt<[string], { source_id: string; origin_key: string }>;
    earlierDocuments: Stmt<[string, string, string], { id: string }>;
    deleteMachineAnnotations: Stmt<[string]>;
    deleteProducerAnnotations: Stmt<[string, string]>;
    insertAnnotation: Stmt<[AnnotationParams]>;
    lineCounts: Stmt<[string, string], { line_hash: string; docs: number }>;
    addLine: Stmt<[string, string]>;
  };

  private readonly writeTx: (unit: IngestUnit) => IngestCounts;
  private readonly syncTx: () => number;
  private readonly writeBatchTx: (units: IngestUnit[]) => IngestCounts;
  private readonly addLinesTx: (sourceId: string, hashes: Set<string>) => void;

  constructor(
    /** The connection, for modules that keep tables of their own (watches, accounts). */
    readonly db: Database.Database,
    readonly location: string,
  ) {
    this.handle = { kind: 'sqlite', db };
    const updateSet = ITEM_UPDATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
    const changed = ITEM_UPDATE_COLUMNS.map((c) => `items.${c} IS NOT excluded.${c}`).join(' OR ');
    this.s = {
      sourceById: db.prepare('SELECT * FROM sources WHERE id = ?'),
      sourceByName: db.prepare('SELECT * FROM sources WHERE name = ?'),
      insertSource: db.prepare(
        `INSERT INTO sources (id, name, kind, url, language_hint, date_order, notes, created_at)
         VALUES (@id, @name, @kind, @url, @language_hint, @date_order, @notes, @created_at)`,
      ),
      // A later ingest may know what the first one did not (a feed's URL); it never overwrites.
      fillSource: db.prepare(
        `UPDATE sources SET url = coalesce(url, @url), language_hint = coalesce(language_hint, @language_hint),
           date_order = coalesce(date_order, @date_order), notes = coalesce(notes, @notes)
         WHERE id = @id`,
      ),
      setDateOrder: db.prepare('UPDATE sources SET date_order = ? WHERE id = ?'),
      captureById: db.prepare('SELECT * FROM captures WHERE id = ?'),
      chunksOf: db.prepare('SELECT bytes FROM capture_chunks WHERE capture_id = ? ORDER BY seq'),
      insertChunk: db.prepare('INSERT OR IGNORE INTO capture_chunks (capture_id, seq, bytes) VALUES (?, ?, ?)'),
      insertCapture: db.prepare(
        `INSERT OR IGNORE INTO captures (id, size, origin, source_id, received_at, media_type, headers)
         VALUES (@id, @size, @origin, @source_id, @received_at, @media_type, @headers)`,
      ),
      documentById: db.prepare('SELECT * FROM documents WHERE id = ?'),
      upsertDocument: db.prepare(
        `INSERT INTO documents (id, capture_id, source_id, origin_key, format, charset, title, text, metadata, created_at)
         VALUES (@id, @capture_id, @source_id, @origin_key, @format, @charset, @title, @text, @metadata, @created_at)
         ON CONFLICT(id) DO UPDATE SET capture_id = excluded.capture_id, source_id = excluded.source_id,
           origin_key = excluded.origin_key, format = excluded.format, charset = excluded.charset,
           title = excluded.title, text = excluded.text, metadata = excluded.metadata, created_at = excluded.created_at`,
      ),
      itemIdsOfDocument: db.prepare('SELECT id FROM items WHERE document_id = ?'),
      // Compared in SQL so that the old text never crosses into JavaScript.
      itemState: db.prepare('SELECT text = ? AS same FROM items WHERE id = ?'),
      // The WHERE skips rewriting rows that did not change, which keeps re-ingests cheap.
      upsertItem: db.prepare(
        `INSERT INTO items (${ITEM_COLUMNS.replace('rowid, ', '')})
         VALUES (@id, ${ITEM_UPDATE_COLUMNS.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${updateSet} WHERE ${changed}`,
      ),
      itemById: db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`),
      deleteItem: db.prepare('DELETE FROM items WHERE id = ?'),
      deleteItemsOfDocument: db.prepare('DELETE FROM items WHERE document_id = ?'),
      deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
      originsOfCapture: db.prepare('SELECT DISTINCT source_id, origin_key FROM documents WHERE capture_id = ?'),
      earlierDocuments: db.prepare(
        'SELECT id FROM documents WHERE source_id = ? AND origin_key = ? AND capture_id <> ?',
      ),
      deleteMachineAnnotations: db.prepare('DELETE FROM annotations WHERE item_id = ? AND reviewer IS NULL'),
      deleteProducerAnnotations: db.prepare(
        'DELETE FROM annotations WHERE item_id = ? AND producer_id = ? AND reviewer IS NULL',
      ),
      insertAnnotation: db.prepare(
        `INSERT INTO annotations (item_id, layer, label, start_cp, end_cp, value, confidence, producer_id,
           producer_version, reviewer, reviewed_at, review_status)
         VALUES (@item_id, @layer, @label, @start_cp, @end_cp, @value, @confidence, @producer_id,
           @producer_version, @reviewer, @reviewed_at, @review_status)`,
      ),
      lineCounts: db.prepare(
        'SELECT line_hash, docs FROM source_lines WHERE source_id = ? AND line_hash IN (SELECT value FROM json_each(?))',
      ),
      addLine: db.prepare(
        `INSERT INTO source_lines (source_id, line_hash, docs) VALUES (?, ?, 1)
         ON CONFLICT(source_id, line_hash) DO UPDATE SET docs = docs + 1`,
      ),
    };
    const tx = db.transaction((unit: IngestUnit) => this.applyIngest(unit));
    // IMMEDIATE takes the write lock up front, so two writers wait on busy_timeout instead of
    // failing when a read transaction tries to upgrade.
    this.writeTx = (unit) => tx.immediate(unit);
    // Ids first, then one row at a time: a page of huge items (parts of a 200 MB file) would
    // otherwise sit in memory all at once.
    const pendingIds = db
      .prepare<[number], number>('SELECT rowid FROM fts_pending WHERE rowid > ? ORDER BY rowid LIMIT 1000')
      .pluck();
    const pendingRow = db.prepare<[number], { title: string | null; text: string; language: string }>(
      'SELECT title, text, language FROM items WHERE rowid = ?',
    );
    const index = db.prepare<[number, string, string, string, string]>(
      'INSERT INTO items_fts (rowid, title, text, title_stems, text_stems) VALUES (?, ?, ?, ?, ?)',
    );
    const clearPendingUpTo = db.prepare<[number]>('DELETE FROM fts_pending WHERE rowid <= ?');
    // One transaction per ~32 MB of text: FTS5 keeps a transaction's new terms in memory, so one
    // transaction over a whole 200 MB run would hold them all.
    const SYNC_TEXT_BUDGET = 32 * 1024 * 1024;
    const syncSome = db.transaction((): { n: number; done: boolean } => {
      let n = 0;
      let chars = 0;
      let after = 0;
      for (;;) {
        const ids = pendingIds.all(after);
        if (ids.length === 0) break;
        for (const rowid of ids) {
          after = rowid;
          const r = pendingRow.get(rowid);
          if (!r) continue;
          const title = r.title ?? '';
          // Queued rows are never in the index: the update trigger removes a row before queueing it.
          index.run(rowid, foldYo(title), foldYo(r.text), stemmedText(title, r.language), stemmedText(r.text, r.language));
          n++;
          chars += r.text.length + title.length;
          if (chars >= SYNC_TEXT_BUDGET) {
            clearPendingUpTo.run(after);
            return { n, done: false };
          }
        }
      }
      clearPendingUpTo.run(after);
      return { n, done: true };
    });
    this.syncTx = () => {
      let total = 0;
      for (;;) {
        const { n, done } = syncSome.immediate();
        total += n;
        if (done) return total;
      }
    };
    const batch = db.transaction((units: IngestUnit[]) => {
      const total: IngestCounts = { itemsAdded: 0, itemsUpdated: 0, itemsRemoved: 0 };
      for (const unit of units) {
        const c = this.applyIngest(unit);
        total.itemsAdded += c.itemsAdded;
        total.itemsUpdated += c.itemsUpdated;
        total.itemsRemoved += c.itemsRemoved;
      }
      return total;
    });
    this.writeBatchTx = (units) => batch.immediate(units);
    const lines = db.transaction((sourceId: string, hashes: Set<string>) => {
      for (const h of hashes) this.s.addLine.run(sourceId, h);
    });
    this.addLinesTx = (sourceId, hashes) => lines.immediate(sourceId, hashes);
  }

  /** Run synchronous work as a promise, turning a throw into a rejection. */
  private task<T>(fn: () => T): Promise<T> {
    try {
      if (this.closed) throw createError(ERRORS.STORE, `The store ${this.location} is closed`, this.location);
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** A prepared statement for SQL built at run time (filters), prepared once per distinct text. */
  private prepared<R>(sql: string): Stmt<unknown[], R> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as Stmt<unknown[], R>;
  }

  upsertSource(input: SourceInput): Promise<Source> {
    return this.task(() => {
      const existing = this.s.sourceByName.get(input.name);
      const fields = {
        url: input.url ?? null,
        language_hint: input.languageHint ?? null,
        date_order: input.dateOrder ?? null,
        notes: input.notes ?? null,
      };
      if (existing) {
        this.s.fillSource.run({ id: existing.id, ...fields });
        const row = this.s.sourceById.get(existing.id);
        if (!row) throw createError(ERRORS.STORE, `Source ${input.name} vanished while updating it`, input.name);
        return sourceFromRow(row);
      }
      const row: SourceRow = {
        id: stableId('source', input.name),
        name: input.name,
        kind: input.kind,
        ...fields,
        created_at: new Date().toISOString(),
      };
      this.s.insertSource.run(row);
      return sourceFromRow(row);
    });
  }

  getSource(idOrName: string): Promise<Source | null> {
    return this.task(() => {
      // An id wins over a name, so a source named like another's id stays reachable by id.
      const row = this.s.sourceById.get(idOrName) ?? this.s.sourceByName.get(idOrName);
      return row ? sourceFromRow(row) : null;
    });
  }

  listSourceRecords(): Promise<Source[]> {
    return this.task(() => this.prepared<SourceRow>('SELECT * FROM sources ORDER BY name').all().map(sourceFromRow));
  }

  listSources(): Promise<SourceSummary[]> {
    return this.task(() => {
      const sources = this.prepared<SourceRow>('SELECT * FROM sources ORDER BY name').all();
      // One pass over items gives counts, languages and date range per source.
      const groups = this.prepared<{ source_id: string; language: string; n: number; first: string | null; last: string | null }>(
        `SELECT source_id, language, count(*) AS n, min(published_at) AS first, max(published_at) AS last
         FROM items GROUP BY source_id, language`,
      ).all();
      const captures = this.prepared<{ source_id: string; n: number }>(
        'SELECT source_id, count(*) AS n FROM captures GROUP BY source_id',
      ).all();
      const captureCount = new Map(captures.map((c) => [c.source_id, c.n]));
      const summaries = new Map<string, SourceSummary>();
      for (const row of sources) {
        summaries.set(row.id, {
          ...sourceFromRow(row),
          items: 0,
          captures: captureCount.get(row.id) ?? 0,
          languages: {},
          firstDate: null,
          lastDate: null,
        });
      }
      for (const g of groups) {
        const s = summaries.get(g.source_id);
        if (!s) continue;
        s.items += g.n;
        s.languages[g.language] = g.n;
        if (g.first !== null && (s.firstDate === null || g.first < s.firstDate)) s.firstDate = g.first;
        if (g.last !== null && (s.lastDate === null || g.last > s.lastDate)) s.lastDate = g.last;
      }
      return [...summaries.values()];
    });
  }

  setSourceDateOrder(sourceId: string, order: DateOrder | null): Promise<void> {
    return this.task(() => {
      const r = this.s.setDateOrder.run(order, sourceId);
      if (r.changes === 0) throw createError(ERRORS.NOT_FOUND, `No source with id ${sourceId}`, sourceId);
    });
  }

  findCapture(sha256: string): Promise<Capture | null> {
    return this.task(() => {
      const row = this.s.captureById.get(sha256);
      return row ? captureFromRow(row) : null;
    });
  }

  readCaptureBytes(sha256: string): Promise<Uint8Array | null> {
    return this.task(() => {
      const capture = this.s.captureById.get(sha256);
      if (!capture) return null;
      const parts: Buffer[] = [];
      for (const c of this.s.chunksOf.iterate(sha256)) parts.push(c.bytes);
      const bytes = Buffer.concat(parts);
      // Evidence must be exact: refuse to hand back a capture with a chunk missing.
      if (bytes.byteLength !== capture.size) {
        throw createError(
          ERRORS.STORE,
          `The stored bytes of capture ${sha256} (${capture.origin}) are incomplete: ${bytes.byteLength} of ${capture.size} bytes`,
          capture.origin,
        );
      }
      return bytes;
    });
  }

  listCaptures(sourceId?: string): Promise<Capture[]> {
    return this.task(() => {
      const rows =
        sourceId === undefined
          ? this.prepared<CaptureRow>('SELECT * FROM captures ORDER BY received_at, id').all()
          : this.prepared<CaptureRow>('SELECT * FROM captures WHERE source_id = ? ORDER BY received_at, id').all(
              sourceId,
            );
      return rows.map(captureFromRow);
    });
  }

  writeIngestBatch(units: IngestUnit[]): Promise<IngestCounts> {
    return this.task(() => {
      try {
        return this.writeBatchTx(units);
      } catch (err) {
        const origins = units.map((u) => u.capture.origin);
        const e = createError(
          ERRORS.STORE,
          `Could not store ${origins.length} input(s) (${origins.slice(0, 3).join(', ')}${origins.length > 3 ? ', …' : ''}): ${messageOf(err)}`,
          origins[0],
        );
        e.cause = err;
        throw e;
      }
    });
  }

  writeIngest(unit: IngestUnit): Promise<IngestCounts> {
    return this.task(() => {
      try {
        return this.writeTx(unit);
      } catch (err) {
        const e = createError(
          ERRORS.STORE,
          `Could not store ${unit.capture.origin}: ${messageOf(err)}`,
          unit.capture.origin,
        );
        e.cause = err;
        throw e;
      }
    });
  }

  /**
   * The body of writeIngest, inside one transaction. Replacement rules:
   * - a document with a known id replaces it, and that document's items missing from the write go;
   * - items are upserted by id, so an item that moved to the new document of an edited file keeps
   *   its row, its review annotations and its full-text entry;
   * - documents of the same source and origin from other captures are the earlier versions. When
   *   the capture's final unit arrives, whatever items they still hold are no longer in the file:
   *   they are removed, and so are those documents. Documents of one capture never replace each
   *   other, so a large capture may be written as several part documents over several units.
   */
  private applyIngest(unit: IngestUnit): IngestCounts {
    const s = this.s;
    const counts: IngestCounts = { itemsAdded: 0, itemsUpdated: 0, itemsRemoved: 0 };
    this.spanRows.length = 0;
    // Items stored before this unit: only they can hold reviewed spans a rerun must not repeat.
    const existing = new Set<string>();
    const captureId = unit.capture.id;
    for (const chunk of unit.chunks) s.insertChunk.run(captureId, chunk.seq, chunk.bytes);

    for (const write of unit.documents) {
      const doc = write.document;
      const keep = new Set(write.items.map((i) => i.id));
      for (const { id } of s.itemIdsOfDocument.all(doc.id)) {
        if (!keep.has(id)) counts.itemsRemoved += s.deleteItem.run(id).changes;
      }
      s.upsertDocument.run({
        id: doc.id,
        capture_id: doc.captureId,
        source_id: doc.sourceId,
        origin_key: doc.originKey,
        format: doc.format,
        charset: doc.charset,
        title: doc.title,
        text: doc.text,
        metadata: JSON.stringify(doc.metadata ?? {}),
        created_at: doc.createdAt,
      });
      for (const item of write.items) {
        const before = s.itemState.get(item.text, item.id);
        if (before !== undefined) existing.add(item.id);
        s.upsertItem.run(itemParams(item));
        if (before === undefined) {
          counts.itemsAdded++;
        } else {
          counts.itemsUpdated++;
          // Machine spans point into the old text; a human review stays for the reviewer to judge.
          if (before.same !== 1) s.deleteMachineAnnotations.run(item.id);
        }
        for (const p of write.enrichedBy ?? []) this.markEnriched(item.id, p);
      }
    }

    // Replace per item and producer across the whole unit, so one producer's spans are never
    // half old and half new.
    const producersByItem = new Map<string, Set<string>>();
    const fresh: Annotation[] = [];
    for (const write of unit.documents) {
      for (const a of write.annotations) {
        let producers = producersByItem.get(a.itemId);
        if (!producers) producersByItem.set(a.itemId, (producers = new Set()));
        producers.add(a.producer.id);
        fresh.push(a);
      }
    }
    for (const [itemId, producers] of producersByItem) {
      for (const p of producers) s.deleteProducerAnnotations.run(itemId, p);
    }
    for (const a of fresh) this.insertMachineSpan(a, existing);
    this.flushSpans();

    if (unit.lineKeys) {
      for (const key of new Set(unit.lineKeys.keys)) s.addLine.run(unit.lineKeys.sourceId, key);
    }

    if (unit.final) {
      for (const origin of s.originsOfCapture.all(captureId)) {
        for (const { id } of s.earlierDocuments.all(origin.source_id, origin.origin_key, captureId)) {
          counts.itemsRemoved += s.deleteItemsOfDocument.run(id).changes;
          s.deleteDocument.run(id);
        }
      }
      const c = unit.capture;
      s.insertCapture.run({
        id: c.id,
        size: c.size,
        origin: c.origin,
        source_id: c.sourceId,
        received_at: c.receivedAt,
        media_type: c.mediaType,
        headers: c.headers ? JSON.stringify(c.headers) : null,
      });
    }
    return counts;
  }

  syncSearchIndex(): Promise<number> {
    return this.task(() => this.syncTx());
  }

  search(req: SearchRequest): Promise<SearchResult> {
    return this.task(() => {
      const f = req.filters;
      // The filters over one alias of items: the same conditions select the matches and count a
      // hit's copies.
      const filterSql = (a: string): { sql: string[]; params: unknown[] } => {
        const sql: string[] = [];
        const params: unknown[] = [];
        const list = (n: number): string => new Array<string>(n).fill('?').join(', ');
        const sourceIds = (names: string[]): string =>
          `SELECT id FROM sources WHERE ${names.map(() => '(id = ? OR ns_fold(name) = ns_fold(?))').join(' OR ')}`;
        if (f.sources.length > 0) {
          sql.push(`${a}.source_id IN (${sourceIds(f.sources)})`);
          params.push(...f.sources.flatMap((x) => [x, x]));
        }
        if (f.excludeSources.length > 0) {
          sql.push(`${a}.source_id NOT IN (${sourceIds(f.excludeSources)})`);
          params.push(...f.excludeSources.flatMap((x) => [x, x]));
        }
        if (f.languages.length > 0) {
          sql.push(`${a}.language IN (${list(f.languages.length)})`);
          params.push(...f.languages);
        }
        if (f.excludeLanguages.length > 0) {
          sql.push(`${a}.language NOT IN (${list(f.excludeLanguages.length)})`);
          params.push(...f.excludeLanguages);
        }
        if (f.authors.length > 0) {
          sql.push(`ns_fold(${a}.author) IN (${f.authors.map(() => 'ns_fold(?)').join(', ')})`);
          params.push(...f.authors);
        }
        if (f.excludeAuthors.length > 0) {
          sql.push(`(${a}.author IS NULL OR ns_fold(${a}.author) NOT IN (${f.excludeAuthors.map(() => 'ns_fold(?)').join(', ')}))`);
          params.push(...f.excludeAuthors);
        }
        if (f.from) {
          sql.push(`${a}.published_at >= ?`);
          params.push(f.from);
        }
        if (f.toExclusive) {
          sql.push(`${a}.published_at < ?`);
          params.push(f.toExclusive);
        }
        for (const an of f.annotations ?? []) {
          const cond: string[] = [];
          const p: unknown[] = [];
          if (an.layer === 'technique') {
            cond.push(`replace(replace(replace(replace(lower(x.label), ' ', '_'), ',', '_'), '-', '_'), '__', '_') LIKE ? ESCAPE '\\'`);
            p.push(`${an.label.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
          } else if (an.layer === 'narrative') {
            cond.push('ns_fold(x.label) = ns_fold(?)');
            p.push(an.label);
          } else {
            if (an.label) {
              cond.push('x.label = ?');
              p.push(an.label);
            }
            if (an.keys.length > 0) {
              cond.push(`(${an.keys.map(() => "x.value = ? OR x.value LIKE '% ' || ?").join(' OR ')})`);
              p.push(...an.keys.flatMap((k) => [k, k]));
            }
          }
          const exists = `EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = ${a}.id AND x.layer = ? AND ${cond.join(' AND ')}
            AND (x.review_status IS NULL OR x.review_status <> 'rejected'))`;
          sql.push(an.negated ? `NOT ${exists}` : exists);
          params.push(an.layer, ...p);
        }
        return { sql, params };
      };
      const include = req.mode === 'include' && req.match !== null;
      const exclude = req.mode === 'exclude' && req.match !== null;
      const collapse = req.collapseDuplicates === true;
      const facets = req.facets === true;
      const filters = filterSql('i');
      const where = [...filters.sql];
      const params = [...filters.params];
      // The matched set carries only what ranking, collapsing and facets need; full rows are read
      // for the page alone (carrying every text through the set cost 15–50× the engine's time).
      // A plain word search needs no item column at all, so it does not even join items.
      const needItems = !include || where.length > 0 || collapse || facets;
      let fromSql = 'items i';
      let rowid = 'i.rowid';
      let score = '0';
      let order = 'published_at DESC, rowid';
      if (include) {
        fromSql = needItems ? 'items_fts JOIN items i ON i.rowid = items_fts.rowid' : 'items_fts';
        rowid = 'items_fts.rowid';
        where.unshift('items_fts MATCH ?');
        params.unshift(req.match);
        // Titles weigh twice the body, in both the exact and the stemmed columns.
        score = '-bm25(items_fts, 2.0, 1.0, 2.0, 1.0)';
        order = 'score DESC, rowid';
      } else if (exclude) {
        where.push('i.rowid NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
        params.push(req.match);
      }
      const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const itemCols = needItems ? ', i.published_at AS published_at, i.content_hash AS content_hash, i.source_id AS source_id, i.language AS language' : '';
      // bm25() may not share a SELECT with window functions: the match is materialised first.
      const matched = `m AS MATERIALIZED (SELECT ${rowid} AS rowid, ${score} AS score${itemCols} FROM ${fromSql} ${whereSql})`;
      // Collapsing keeps the first published item of each group of identical texts.
      const kept = collapse
        ? `WITH ${matched}, w AS MATERIALIZED (SELECT *, count(*) OVER (PARTITION BY content_hash) AS copies,
            row_number() OVER (PARTITION BY content_hash ORDER BY published_at IS NULL, published_at, rowid) AS nth FROM m),
            hits AS (SELECT * FROM w WHERE nth = 1)`
        : `WITH ${matched}, hits AS (SELECT *, NULL AS copies FROM m)`;
      type PageRow = { rowid: number; score: number; copies: number | null };
      let page: PageRow[];
      let total: number;
      // lang: alone is checked in the small items_language index (language, rowid); any other
      // filter reads the item's row.
      const languageOnly = include && filters.sql.length === 1 && f.languages.length > 0;
      if (collapse || (include && filters.sql.length > 0 && !languageOnly)) {
        // One pass gives the page and the total when every match costs a row lookup anyway (the
        // filters) or the window needs them all (collapsing): a second pass would repeat it.
        page = this.prepared<PageRow & { total: number }>(
          `${kept} SELECT rowid, score, copies, (SELECT count(*) FROM hits) AS total FROM hits ORDER BY ${order} LIMIT ? OFFSET ?`,
        ).all(...params, req.limit, req.offset);
        total = (page[0] as { total?: number } | undefined)?.total ?? 0;
        if (page.length === 0 && req.offset > 0) total = this.prepared<{ n: number }>(`${kept} SELECT count(*) AS n FROM hits`).get(...params)?.n ?? 0;
      } else {
        // The page as one would write it against FTS5 directly (a bounded sort, nothing stored),
        // and the total by a count that skips ranking: cheaper together than materialising every match.
        page = this.prepared<PageRow>(
          `SELECT ${rowid} AS rowid, ${score} AS score, NULL AS copies FROM ${fromSql} ${whereSql} ORDER BY ${order.replace('published_at', 'i.published_at')} LIMIT ? OFFSET ?`,
        ).all(...params, req.limit, req.offset);
        total =
          page.length < req.limit && (page.length > 0 || req.offset === 0)
            ? req.offset + page.length
            : (this.prepared<{ n: number }>(
                languageOnly
                  ? // As EXISTS, SQLite checks the language in the index, as it does for the page.
                    `SELECT count(*) AS n FROM items_fts WHERE items_fts MATCH ? AND EXISTS (SELECT 1 FROM items i WHERE i.rowid = items_fts.rowid AND ${filters.sql.join(' AND ')})`
                  : `SELECT count(*) AS n FROM ${fromSql} ${whereSql}`,
              ).get(...params)?.n ?? 0);
      }
      const cols = ITEM_COLUMNS.split(', ').map((x) => `i.${x}`).join(', ');
      const rows = new Map<number, ItemRow>();
      if (page.length > 0) {
        const sql = `SELECT ${cols} FROM items i WHERE i.rowid IN (SELECT value FROM json_each(?))`;
        for (const r of this.prepared<ItemRow>(sql).all(JSON.stringify(page.map((p) => p.rowid)))) rows.set(r.rowid, r);
      }
      // Copies of a hit, when no window counted them: the items with its content hash that are
      // matches too. They are looked up by hash (a few items each), and only those outside the
      // page are checked against the MATCH, all in one statement. FTS5 builds a prefix term's
      // doclist again for every cursor, so with a prefix the check is one pass over the matches
      // (+rowid keeps SQLite from opening a cursor per candidate); otherwise one seek per candidate.
      const copies = new Map<string, number>();
      if (!collapse && rows.size > 0) {
        const c = filterSql('c');
        const hashes = [...new Set([...rows.values()].map((r) => r.content_hash))];
        const candidates = this.prepared<{ rowid: number; content_hash: string }>(
          `SELECT c.rowid, c.content_hash FROM items c WHERE c.content_hash IN (SELECT value FROM json_each(?))${c.sql.map((x) => ` AND ${x}`).join('')}`,
        ).all(JSON.stringify(hashes), ...c.params);
        const others = candidates.filter((r) => !rows.has(r.rowid)).map((r) => r.rowid);
        let inFts = new Set<number>();
        if (others.length > 0 && req.match !== null && (include || exclude)) {
          const prefixQuery = /" \*/.test(req.match);
          inFts = new Set(
            this.prepared<number>(
              `SELECT rowid FROM items_fts WHERE items_fts MATCH ? AND ${prefixQuery ? '+' : ''}rowid IN (SELECT value FROM json_each(?))`,
            )
              .pluck()
              .all(req.match, JSON.stringify(others)),
          );
        }
        for (const r of candidates) {
          const matches = rows.has(r.rowid) || (include ? inFts.has(r.rowid) : exclude ? !inFts.has(r.rowid) : true);
          if (matches) copies.set(r.content_hash, (copies.get(r.content_hash) ?? 0) + 1);
        }
      }
      const hits: SearchResult['hits'] = [];
      for (const p of page) {
        const r = rows.get(p.rowid);
        if (r) hits.push({ item: itemFromRow(r), score: Math.round(p.score * 1000) / 1000, copies: p.copies ?? copies.get(r.content_hash) ?? 1 });
      }
      let facetCounts: SearchResult['facets'] = null;
      if (facets) {
        facetCounts = { source: {}, language: {}, month: {} };
        // One statement, so the matches are computed once for the three counts.
        const sql = `${kept}
          SELECT 'source' AS facet, (SELECT name FROM sources WHERE sources.id = source_id) AS k, count(*) AS n FROM hits GROUP BY source_id
          UNION ALL SELECT 'language', language, count(*) FROM hits GROUP BY language
          UNION ALL SELECT 'month', substr(published_at, 1, 7), count(*) FROM hits GROUP BY 2
          ORDER BY facet, n DESC, k`;
        for (const r of this.prepared<{ facet: 'source' | 'language' | 'month'; k: string | null; n: number }>(sql).all(...params)) {
          facetCounts[r.facet][r.k ?? 'unknown'] = r.n;
        }
      }
      return { total, hits, facets: facetCounts };
    });
  }

  getDocument(id: string): Promise<DocumentRecord | null> {
    return this.task(() => {
      const row = this.s.documentById.get(id);
      return row ? documentFromRow(row) : null;
    });
  }

  getItem(id: string): Promise<Item | null> {
    return this.task(() => {
      const row = this.s.itemById.get(id);
      return row ? itemFromRow(row) : null;
    });
  }

  listItems(filter: ItemFilter = {}): Promise<Item[]> {
    return this.task(() => {
      const { where, params } = itemFilterSql(filter);
      const sql = `SELECT ${ITEM_COLUMNS} FROM items ${where}
        ORDER BY source_id, document_id, ordinal, rowid LIMIT ? OFFSET ?`;
      const limit = filter.limit ?? -1;
      return this.prepared<ItemRow>(sql)
        .all(...params, limit, filter.offset ?? 0)
        .map(itemFromRow);
    });
  }

  countItems(filter: ItemFilter = {}): Promise<number> {
    return this.task(() => {
      const { where, params } = itemFilterSql(filter);
      const row = this.prepared<{ n: number }>(`SELECT count(*) AS n FROM items ${where}`).get(...params);
      return row?.n ?? 0;
    });
  }

  /**
   * Keyset pages over the ordering index: each page is a short read, so no cursor stays open
   * across a yield (better-sqlite3 forbids other statements while one iterates) and memory holds
   * one page whatever the corpus size.
   */
  async *iterateSignatures(): AsyncGenerator<{ item: Item; capturedAt: string; signature: Uint8Array | null }> {
    const cols = ITEM_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ');
    const sql = `SELECT ${cols}, d.created_at AS captured_at, s.signature AS signature
      FROM items i JOIN documents d ON d.id = i.document_id LEFT JOIN item_signatures s ON s.item_id = i.id
      WHERE i.rowid > ? ORDER BY i.rowid LIMIT ?`;
    let after = 0;
    for (;;) {
      const page = await this.task(() =>
        this.prepared<ItemRow & { captured_at: string; signature: Buffer | null }>(sql).all(after, PAGE_SIZE),
      );
      if (page.length === 0) return;
      for (const r of page) yield { item: itemFromRow(r), capturedAt: r.captured_at, signature: r.signature };
      after = page[page.length - 1]?.rowid ?? after;
    }
  }

  putSignatures(rows: Array<{ itemId: string; signature: Uint8Array }>): Promise<void> {
    return this.task(() => {
      const put = this.prepared<never>('INSERT OR REPLACE INTO item_signatures (item_id, signature) VALUES (?, ?)');
      this.db.transaction(() => {
        for (const r of rows) put.run(r.itemId, Buffer.from(r.signature.buffer, r.signature.byteOffset, r.signature.byteLength));
      })();
    });
  }

  async *iterateItems(filter: ItemFilter = {}): AsyncGenerator<Item> {
    const { where, params } = itemFilterSql(filter);
    const after = '(source_id, document_id, ordinal, rowid) > (?, ?, ?, ?)';
    // Walking the ordering index makes each page a seek plus a short scan; left to itself the
    // planner may pick the language or date index and sort every match again for every page.
    // One document's items are few, so its own index serves better there.
    const from = filter.documentId === undefined ? 'items INDEXED BY items_source_order' : 'items';
    const firstSql = `SELECT ${ITEM_COLUMNS} FROM ${from} ${where}
      ORDER BY source_id, document_id, ordinal, rowid LIMIT ? OFFSET ?`;
    const nextSql = `SELECT ${ITEM_COLUMNS} FROM ${from}
      ${where ? `${where} AND ${after}` : `WHERE ${after}`}
      ORDER BY source_id, document_id, ordinal, rowid LIMIT ?`;
    let remaining = filter.limit ?? Number.POSITIVE_INFINITY;
    let last: ItemRow | undefined;
    while (remaining > 0) {
      const size = Math.min(PAGE_SIZE, remaining);
      const page = await this.task(() => {
        const rows: ItemRow[] = [];
        const it = last
          ? this.prepared<ItemRow>(nextSql).iterate(
              ...params,
              last.source_id,
              last.document_id,
              last.ordinal,
              last.rowid,
              size,
            )
          : this.prepared<ItemRow>(firstSql).iterate(...params, size, filter.offset ?? 0);
        for (const row of it) rows.push(row);
        return rows;
      });
      for (const row of page) yield itemFromRow(row);
      last = page[page.length - 1];
      if (page.length < size || !last) return;
      remaining -= page.length;
      // Let other work (an HTTP request, a progress bar) run between pages of a long export.
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  listAnnotations(itemId: string, layer?: string): Promise<Annotation[]> {
    return this.task(() => {
      const rows =
        layer === undefined
          ? this.prepared<AnnotationRow>(
              'SELECT * FROM annotations WHERE item_id = ? ORDER BY start_cp, end_cp, id',
            ).all(itemId)
          : this.prepared<AnnotationRow>(
              'SELECT * FROM annotations WHERE item_id = ? AND layer = ? ORDER BY start_cp, end_cp, id',
            ).all(itemId, layer);
      return rows.map(annotationFromRow);
    });
  }

  /**
   * Insert a machine span unless a person already reviewed the same span of the same producer
   * (reviewed spans survive a rerun; the fresh copy would double them). Only items in
   * `mayHaveReviews` are checked: new items have no reviews.
   */
  private insertMachineSpan(a: Annotation, mayHaveReviews: ReadonlySet<string>): void {
    if (!a.review && mayHaveReviews.has(a.itemId)) {
      const same = this.prepared<{ one: number }>(
        `SELECT 1 AS one FROM annotations WHERE item_id = ? AND layer = ? AND producer_id = ? AND label = ?
           AND start_cp = ? AND end_cp = ? AND reviewer IS NOT NULL LIMIT 1`,
      ).get(a.itemId, a.layer, a.producer.id, a.label, a.start, a.end);
      if (same) return;
    }
    const r = annotationParams(a);
    this.spanRows.push(r.item_id, r.layer, r.label, r.start_cp, r.end_cp, r.value, r.confidence, r.producer_id, r.producer_version, r.reviewer, r.reviewed_at, r.review_status);
    if (this.spanRows.length >= SPAN_BATCH * SPAN_COLUMNS) this.flushSpans();
  }

  /** Flat parameters of spans waiting for a multi-row INSERT (inside the current transaction). */
  private readonly spanRows: unknown[] = [];

  /** Writes the waiting spans: 64 rows per statement (1.7× the single-row rate), the rest one by one. */
  private flushSpans(): void {
    const rows = this.spanRows;
    let at = 0;
    if (rows.length >= SPAN_BATCH * SPAN_COLUMNS) {
      const many = this.prepared<never>(`${INSERT_SPAN} ${new Array<string>(SPAN_BATCH).fill(SPAN_VALUES).join(', ')}`);
      for (; at + SPAN_BATCH * SPAN_COLUMNS <= rows.length; at += SPAN_BATCH * SPAN_COLUMNS) many.run(rows.slice(at, at + SPAN_BATCH * SPAN_COLUMNS));
    }
    if (at < rows.length) {
      const one = this.prepared<never>(`${INSERT_SPAN} ${SPAN_VALUES}`);
      for (; at < rows.length; at += SPAN_COLUMNS) one.run(rows.slice(at, at + SPAN_COLUMNS));
    }
    rows.length = 0;
  }

  private markEnriched(itemId: string, p: Producer): void {
    this.prepared<never>(
      `INSERT INTO item_enrichments (item_id, producer_id, producer_version) VALUES (?, ?, ?)
       ON CONFLICT(item_id, producer_id) DO UPDATE SET producer_version = excluded.producer_version`,
    ).run(itemId, p.id, p.version);
  }

  async *iterateAnnotations(filter: { layer: Layer; producerId?: string; sourceId?: string }): AsyncGenerator<AnnotationWithItem> {
    let extra = '';
    const params: unknown[] = [];
    if (filter.producerId !== undefined) {
      extra += ' AND a.producer_id = ?';
      params.push(filter.producerId);
    }
    if (filter.sourceId !== undefined) {
      extra += ' AND i.source_id = ?';
      params.push(filter.sourceId);
    }
    // Keyset pages by annotation id, as iterateSignatures does by rowid.
    const sql = `SELECT a.*, i.source_id AS item_source_id, i.published_at AS item_published_at
      FROM annotations a JOIN items i ON i.id = a.item_id
      WHERE a.layer = ? AND a.id > ?${extra}
      ORDER BY a.id LIMIT ?`;
    let after = 0;
    for (;;) {
      const page = await this.task(() =>
        this.prepared<AnnotationRow & { item_source_id: string; item_published_at: string | null }>(sql).all(
          filter.layer,
          after,
          ...params,
          PAGE_SIZE,
        ),
      );
      if (page.length === 0) return;
      for (const r of page) yield { annotation: annotationFromRow(r), sourceId: r.item_source_id, publishedAt: r.item_published_at };
      after = page[page.length - 1]?.id ?? after;
    }
  }

  getAnnotation(id: number): Promise<Annotation | null> {
    return this.task(() => {
      const row = this.prepared<AnnotationRow>('SELECT * FROM annotations WHERE id = ?').get(id);
      return row ? annotationFromRow(row) : null;
    });
  }

  reviewAnnotation(id: number, review: { reviewer: string; at: string; status: 'accepted' | 'rejected' }): Promise<Annotation | null> {
    return this.task(() => {
      this.prepared<never>('UPDATE annotations SET reviewer = ?, reviewed_at = ?, review_status = ? WHERE id = ?').run(
        review.reviewer,
        review.at,
        review.status,
        id,
      );
      const row = this.prepared<AnnotationRow>('SELECT * FROM annotations WHERE id = ?').get(id);
      return row ? annotationFromRow(row) : null;
    });
  }

  addReviewedAnnotation(a: Annotation & { review: { reviewer: string; at: string; status: 'added' } }): Promise<Annotation> {
    return this.task(() => {
      if (!this.prepared<{ one: number }>('SELECT 1 AS one FROM items WHERE id = ?').get(a.itemId)) {
        throw createError(ERRORS.NOT_FOUND, `no item ${a.itemId}`, a.itemId);
      }
      const info = this.s.insertAnnotation.run(annotationParams(a));
      const row = this.prepared<AnnotationRow>('SELECT * FROM annotations WHERE id = ?').get(Number(info.lastInsertRowid));
      if (!row) throw createError(ERRORS.STORE, `the added span of ${a.itemId} was not stored`, a.itemId);
      return annotationFromRow(row);
    });
  }

  reviewCounts(layer: Layer): Promise<Array<{ label: string; accepted: number; rejected: number; added: number }>> {
    return this.task(() =>
      this.prepared<{ label: string; accepted: number; rejected: number; added: number }>(
        `SELECT label,
           sum(review_status = 'accepted') AS accepted,
           sum(review_status = 'rejected') AS rejected,
           sum(review_status = 'added') AS added
         FROM annotations WHERE layer = ? AND review_status IS NOT NULL GROUP BY label ORDER BY label`,
      ).all(layer),
    );
  }

  applyEnrichment(rows: EnrichmentWrite[]): Promise<void> {
    return this.task(() => {
      const s = this.s;
      const exists = this.prepared<{ one: number }>('SELECT 1 AS one FROM items WHERE id = ?');
      const patchItem = this.prepared<never>(
        `UPDATE items SET
           language = coalesce(@language, language),
           language_confidence = coalesce(@language_confidence, language_confidence),
           published_at = CASE WHEN @set_date THEN @published_at ELSE published_at END,
           date_precision = CASE WHEN @set_date THEN @date_precision ELSE date_precision END
         WHERE id = @id`,
      );
      this.db
        .transaction(() => {
          this.spanRows.length = 0;
          // Spans are written after every delete of the batch (in bulk); an item listed twice
          // keeps its last row's spans, as one row after the other would.
          const last = new Map(rows.map((r, i) => [r.itemId, i]));
          const keep: EnrichmentWrite[] = [];
          for (const [i, row] of rows.entries()) {
            if (!exists.get(row.itemId)) continue;
            if (last.get(row.itemId) === i) keep.push(row);
            const p = row.patch;
            if (p && Object.keys(p).length > 0) {
              patchItem.run({
                id: row.itemId,
                language: p.language ?? null,
                language_confidence: p.languageConfidence ?? null,
                set_date: p.publishedAt !== undefined ? 1 : 0,
                published_at: p.publishedAt ?? null,
                date_precision: p.publishedAt ? (p.datePrecision ?? null) : null,
              });
            }
            for (const producer of row.producers) {
              s.deleteProducerAnnotations.run(row.itemId, producer.id);
              this.markEnriched(row.itemId, producer);
            }
          }
          const reviewed = new Set(keep.map((r) => r.itemId));
          for (const row of keep) for (const a of row.annotations) this.insertMachineSpan(a, reviewed);
          this.flushSpans();
        })
        .immediate();
    });
  }

  enrichedItems(producer: Producer): Promise<Set<string>> {
    return this.task(() => {
      const ids = this.db
        .prepare<[string, string], string>('SELECT item_id FROM item_enrichments WHERE producer_id = ? AND producer_version = ?')
        .pluck()
        .all(producer.id, producer.version);
      return new Set(ids);
    });
  }

  replaceProducerAnnotations(producerId: string, annotations: Annotation[]): Promise<void> {
    return this.task(() => {
      const exists = this.prepared<{ one: number }>('SELECT 1 AS one FROM items WHERE id = ?');
      this.db
        .transaction(() => {
          this.spanRows.length = 0;
          this.prepared<never>('DELETE FROM annotations WHERE producer_id = ? AND reviewer IS NULL').run(producerId);
          // What is left of the producer's spans was reviewed: the same span found again is not added twice.
          const reviewed = new Set(
            this.db.prepare<[string], string>('SELECT DISTINCT item_id FROM annotations WHERE producer_id = ?').pluck().all(producerId),
          );
          for (const a of annotations) {
            if (a.producer.id !== producerId) {
              throw createError(ERRORS.STORE, `annotation producer ${a.producer.id} is not ${producerId}`, producerId);
            }
            if (exists.get(a.itemId)) this.insertMachineSpan(a, reviewed);
          }
          this.flushSpans();
        })
        .immediate();
    });
  }

  lineCounts(sourceId: string, hashes: string[]): Promise<Map<string, number>> {
    return this.task(() => {
      const out = new Map<string, number>();
      for (const h of hashes) out.set(h, 0);
      if (hashes.length === 0) return out;
      for (const r of this.s.lineCounts.iterate(sourceId, JSON.stringify(hashes))) out.set(r.line_hash, r.docs);
      return out;
    });
  }

  addLineCounts(sourceId: string, hashes: string[]): Promise<void> {
    // A line repeated inside one document still counts that document once.
    return this.task(() => this.addLinesTx(sourceId, new Set(hashes)));
  }

  async *exportRecords(): AsyncGenerator<CorpusRecord> {
    // Keyset pages, as iterateItems: no statement stays open across a yield.
    const page = <R>(sql: string, ...params: unknown[]): Promise<R[]> => this.task(() => this.prepared<R>(sql).all(...params));
    for (const s of await this.listSourceRecords()) yield { type: 'source', source: s };
    for (const cap of await page<CaptureRow>('SELECT * FROM captures ORDER BY received_at, id')) {
      const seqs = await page<{ seq: number }>('SELECT seq FROM capture_chunks WHERE capture_id = ? ORDER BY seq', cap.id);
      for (const { seq } of seqs) {
        const [b] = await page<{ bytes: Buffer }>('SELECT bytes FROM capture_chunks WHERE capture_id = ? AND seq = ?', cap.id, seq);
        yield { type: 'chunk', captureId: cap.id, seq, bytes: b?.bytes ?? Buffer.alloc(0) };
      }
      yield { type: 'capture', capture: captureFromRow(cap) };
    }
    // Chunks of captures never finished (a killed ingest) travel too: a rerun there completes them.
    const orphans = await page<{ capture_id: string; seq: number }>(
      'SELECT capture_id, seq FROM capture_chunks k WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.id = k.capture_id) ORDER BY capture_id, seq',
    );
    for (const o of orphans) {
      const [b] = await page<{ bytes: Buffer }>('SELECT bytes FROM capture_chunks WHERE capture_id = ? AND seq = ?', o.capture_id, o.seq);
      yield { type: 'chunk', captureId: o.capture_id, seq: o.seq, bytes: b?.bytes ?? Buffer.alloc(0) };
    }
    let afterDoc = '';
    for (;;) {
      const docs = await page<DocumentRow>('SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT 100', afterDoc);
      if (docs.length === 0) break;
      for (const d of docs) yield { type: 'document', document: documentFromRow(d) };
      afterDoc = docs[docs.length - 1]?.id ?? afterDoc;
    }
    let after = 0;
    for (;;) {
      const rows = await page<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?`, after, PAGE_SIZE);
      if (rows.length === 0) break;
      for (const r of rows) yield { type: 'item', item: itemFromRow(r), rowid: r.rowid };
      after = rows[rows.length - 1]?.rowid ?? after;
    }
    let afterSpan = 0;
    for (;;) {
      const rows = await page<AnnotationRow>('SELECT * FROM annotations WHERE id > ? ORDER BY id LIMIT ?', afterSpan, PAGE_SIZE * 4);
      if (rows.length === 0) break;
      for (const r of rows) yield { type: 'annotation', annotation: annotationFromRow(r) };
      afterSpan = rows[rows.length - 1]?.id ?? afterSpan;
    }
    let mark: [string, string] = ['', ''];
    for (;;) {
      const rows = await page<{ item_id: string; producer_id: string; producer_version: string }>(
        'SELECT item_id, producer_id, producer_version FROM item_enrichments WHERE (item_id, producer_id) > (?, ?) ORDER BY item_id, producer_id LIMIT ?',
        mark[0],
        mark[1],
        PAGE_SIZE * 4,
      );
      if (rows.length === 0) break;
      for (const r of rows) yield { type: 'enrichment', itemId: r.item_id, producer: { id: r.producer_id, version: r.producer_version } };
      const last = rows[rows.length - 1];
      if (last) mark = [last.item_id, last.producer_id];
    }
    let afterSig = '';
    for (;;) {
      const rows = await page<{ item_id: string; signature: Buffer }>('SELECT item_id, signature FROM item_signatures WHERE item_id > ? ORDER BY item_id LIMIT ?', afterSig, PAGE_SIZE * 4);
      if (rows.length === 0) break;
      for (const r of rows) yield { type: 'signature', itemId: r.item_id, signature: r.signature };
      afterSig = rows[rows.length - 1]?.item_id ?? afterSig;
    }
    const lines = await page<{ source_id: string; line_hash: string; docs: number }>('SELECT * FROM source_lines ORDER BY source_id, line_hash');
    for (const l of lines) yield { type: 'lines', sourceId: l.source_id, lineHash: l.line_hash, docs: l.docs };
  }

  importRecords(records: CorpusRecord[]): Promise<void> {
    return this.task(() => {
      const itemCols = ITEM_UPDATE_COLUMNS.join(', ');
      this.db
        .transaction(() => {
          for (const r of records) {
            switch (r.type) {
              case 'source': {
                const x = r.source;
                this.prepared<never>(
                  'INSERT OR IGNORE INTO sources (id, name, kind, url, language_hint, date_order, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                ).run(x.id, x.name, x.kind, x.url, x.languageHint, x.dateOrder, x.notes, x.createdAt);
                break;
              }
              case 'chunk':
                this.s.insertChunk.run(r.captureId, r.seq, r.bytes);
                break;
              case 'capture': {
                const c = r.capture;
                this.s.insertCapture.run({
                  id: c.id,
                  size: c.size,
                  origin: c.origin,
                  source_id: c.sourceId,
                  received_at: c.receivedAt,
                  media_type: c.mediaType,
                  headers: c.headers ? JSON.stringify(c.headers) : null,
                });
                break;
              }
              case 'document': {
                const d = r.document;
                this.prepared<never>(
                  `INSERT OR IGNORE INTO documents (id, capture_id, source_id, origin_key, format, charset, title, text, metadata, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                ).run(d.id, d.captureId, d.sourceId, d.originKey, d.format, d.charset, d.title, d.text, JSON.stringify(d.metadata ?? {}), d.createdAt);
                break;
              }
              case 'item': {
                const p = itemParams(r.item) as unknown as Record<string, unknown>;
                this.prepared<never>(
                  `INSERT OR IGNORE INTO items (rowid, id, ${itemCols}) VALUES (?, ?, ${ITEM_UPDATE_COLUMNS.map(() => '?').join(', ')})`,
                ).run(r.rowid, p.id, ...ITEM_UPDATE_COLUMNS.map((c) => p[c]));
                break;
              }
              case 'annotation': {
                const p = annotationParams(r.annotation);
                this.prepared<never>(
                  `INSERT OR IGNORE INTO annotations (id, item_id, layer, label, start_cp, end_cp, value, confidence, producer_id,
                     producer_version, reviewer, reviewed_at, review_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
                ).run(r.annotation.id ?? null, p.item_id, p.layer, p.label, p.start_cp, p.end_cp, p.value, p.confidence, p.producer_id, p.producer_version, p.reviewer, p.reviewed_at, p.review_status);
                break;
              }
              case 'enrichment':
                this.markEnriched(r.itemId, r.producer);
                break;
              case 'signature':
                this.prepared<never>('INSERT OR REPLACE INTO item_signatures (item_id, signature) VALUES (?, ?)').run(r.itemId, Buffer.from(r.signature));
                break;
              case 'lines':
                this.prepared<never>(
                  'INSERT INTO source_lines (source_id, line_hash, docs) VALUES (?, ?, ?) ON CONFLICT(source_id, line_hash) DO UPDATE SET docs = excluded.docs',
                ).run(r.sourceId, r.lineHash, r.docs);
                break;
            }
          }
        })
        .immediate();
    });
  }

  stats(): Promise<StoreStats> {
    return this.task(() => {
      const count = (table: string): number =>
        this.prepared<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
      const bytes = this.prepared<{ n: number | null }>('SELECT sum(size) AS n FROM captures').get()?.n ?? 0;
      return {
        sources: count('sources'),
        captures: count('captures'),
        captureBytes: bytes,
        documents: count('documents'),
        items: count('items'),
        annotations: count('annotations'),
        annotationsByLayer: histogram(
          this.prepared<{ key: string; n: number }>(
            'SELECT layer AS key, count(*) AS n FROM annotations GROUP BY layer',
          ).all(),
        ),
        languages: histogram(
          this.prepared<{ key: string; n: number }>(
            'SELECT language AS key, count(*) AS n FROM items GROUP BY language',
          ).all(),
        ),
      };
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    try {
      try {
        // Keeps planner statistics fresh for the next session; cheap when nothing changed.
        this.db.pragma('optimize');
      } catch {
        // Statistics are an optimisation; failing to refresh them must not keep the file open.
      }
      this.db.close();
      this.closed = true;
      this.cache.clear();
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function checkPath(path: string): void {
  if (path.trim() === '') {
    throw createError(ERRORS.CONFIG, 'The store path is empty; give a file path such as ./narrascope.db', path);
  }
  const full = resolve(path);
  const dir = dirname(full);
  let dirIsDirectory: boolean;
  try {
    dirIsDirectory = statSync(dir).isDirectory();
  } catch {
    throw createError(
      ERRORS.CONFIG,
      `Cannot create the store ${path}: the directory ${dir} does not exist; create it or choose another path`,
      path,
    );
  }
  if (!dirIsDirectory) {
    throw createError(ERRORS.CONFIG, `Cannot create the store ${path}: ${dir} is not a directory`, path);
  }
  const st = statSync(full, { throwIfNoEntry: false });
  if (st?.isDirectory()) {
    throw createError(
      ERRORS.CONFIG,
      `The store path ${path} is a directory; give a file path such as ${join(path, 'narrascope.db')}`,
      path,
    );
  }
}

/** Open (creating and migrating as needed) a SQLite store at `path`; ":memory:" for a private one. */
export function openSqliteStore(path: string): Promise<SqliteStore> {
  try {
    if (path !== ':memory:') checkPath(path);
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (err) {
      throw createError(ERRORS.CONFIG, `Cannot open the store ${path}: ${messageOf(err)}`, path);
    }
    try {
      // The first statement reads the header: a file that is not SQLite fails here. Larger pages
      // suit long texts and capture chunks (fewer overflow pages; ~30% faster ingest measured);
      // the setting only takes effect on a new, empty database.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('cache_size = -65536');
      // SQLite's lower() folds ASCII only; names and authors are often Cyrillic.
      db.function('ns_fold', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').toLowerCase() : null));
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version === 0) {
        const tables = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get();
        if ((tables?.n ?? 0) > 0) {
          throw createError(
            ERRORS.CONFIG,
            `${path} is a SQLite database but not a narrascope store; choose another path`,
            path,
          );
        }
      }
      migrate(db, path);
    } catch (err) {
      db.close();
      if (isSqliteError(err, 'SQLITE_NOTADB')) {
        throw createError(ERRORS.CONFIG, `${path} is not a SQLite database; choose another store path`, path);
      }
      if (err instanceof NarrascopeError) throw err;
      throw createError(ERRORS.STORE, `Cannot open the store ${path}: ${messageOf(err)}`, path);
    }
    return Promise.resolve(new SqliteStore(db, path));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
