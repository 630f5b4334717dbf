// The team store: PostgreSQL through node-postgres. It passes the same conformance suite as the
// SQLite store (store.case.ts) and answers searches from an index built by the same analyser (see
// fts.ts). Writes are one transaction each, written in bulk (unnest arrays, not a row per round
// trip); transactions that lose a deadlock or meet a server restart are retried, so several
// workers can write at once and an ingest survives a PostgreSQL restart.
import pg from 'pg';
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
import { itemFilterSql } from '../sqlite/filter.js';
import {
  annotationFromRow,
  annotationParams,
  captureFromRow,
  documentFromRow,
  ITEM_COLUMNS,
  itemFromRow,
  itemParams,
  sourceFromRow,
  type AnnotationRow,
  type CaptureRow,
  type DocumentRow,
  type ItemRow,
  type SourceRow,
} from '../sqlite/rows.js';
import { bm25, searchVectors, translatePgMatch, type MatchPhrase } from './fts.js';
import { migratePg } from './migrations.js';
import { inTransaction, isTransientPgError } from './tx.js';

const PAGE_SIZE = 500;
/** Rows per bulk statement: bounded parameter arrays, few round trips. */
const BULK = 2_000;
const SYNC_BATCH = 500;
/** Searches with at most this many matches are ranked exactly as SQLite ranks them (see runSearch). */
const EXACT_RANK_LIMIT = 5_000;

// 64-bit counts and ids come back as strings by default; every one of ours fits a double.
const toNumber = (v: string): number => Number(v);
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20 || oid === 1700) return toNumber;
    const parser: unknown = format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
    return parser;
  }) as typeof pg.types.getTypeParser,
};

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The URL with its password masked, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** Collects query parameters and hands out their $n placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** Renumber `?` placeholders (the SQLite filter SQL) as $n from `first`. */
function dollar(sql: string, first: number): string {
  let n = first;
  return sql.replace(/\?/g, () => `$${n++}`);
}

function histogram(rows: Array<{ key: string | null; n: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.key ?? ''] = r.n;
  return out;
}

function chunked<T>(list: readonly T[], size = BULK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type Q = pg.PoolClient | pg.Pool;

const ITEM_WRITE_COLUMNS = [
  'id',
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
const ITEM_TYPES = ['text', 'text', 'text', 'text', 'text', 'int4', 'text', 'text', 'text', 'text', 'text', 'text', 'float8', 'text', 'int4', 'int4', 'text', 'text'];

const SPAN_COLUMNS = ['item_id', 'layer', 'label', 'start_cp', 'end_cp', 'value', 'confidence', 'producer_id', 'producer_version', 'reviewer', 'reviewed_at', 'review_status'] as const;
const SPAN_TYPES = ['text', 'text', 'text', 'int4', 'int4', 'text', 'float8', 'text', 'text', 'text', 'text', 'text'];

function spanKey(itemId: string, layer: string, producer: string, label: string, start: number, end: number): string {
  return JSON.stringify([itemId, layer, producer, label, start, end]);
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly handle: StoreHandle;
  private closed = false;

  constructor(
    readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.handle = { kind: 'postgres', pool };
  }

  private check(): void {
    if (this.closed) throw createError(ERRORS.STORE, `The store ${this.location} is closed`, this.location);
  }

  /** Run with retries on transient failures (the whole function is repeated: it must be idempotent). */
  private async retrying<T>(fn: () => Promise<T>): Promise<T> {
    this.check();
    let delay = 100;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (!isTransientPgError(err) || Date.now() > deadline || this.closed) throw this.wrap(err);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  private wrap(err: unknown): Error {
    if (err instanceof NarrascopeError) return err;
    if (isTransientPgError(err)) {
      const e = createError(ERRORS.STORE, `The PostgreSQL store ${this.location} is unreachable: ${messageOf(err)}`, this.location);
      e.cause = err;
      return e;
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  private async q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], on: Q = this.pool): Promise<R[]> {
    if (on === this.pool) return this.retrying(async () => (await this.pool.query<R>(sql, params)).rows);
    return (await on.query<R>(sql, params)).rows;
  }

  /** One transaction, repeated whole on a lost deadlock or a dropped connection. */
  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.retrying(() => inTransaction(this.pool, fn));
  }

  // ---- sources ----

  async upsertSource(input: SourceInput): Promise<Source> {
    const rows = await this.q<SourceRow>(
      `INSERT INTO sources (id, name, kind, url, language_hint, date_order, notes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (name) DO UPDATE SET url = coalesce(sources.url, excluded.url),
         language_hint = coalesce(sources.language_hint, excluded.language_hint),
         date_order = coalesce(sources.date_order, excluded.date_order), notes = coalesce(sources.notes, excluded.notes)
       RETURNING *`,
      [stableId('source', input.name), input.name, input.kind, input.url ?? null, input.languageHint ?? null, input.dateOrder ?? null, input.notes ?? null, new Date().toISOString()],
    );
    const row = rows[0];
    if (!row) throw createError(ERRORS.STORE, `Source ${input.name} was not stored`, input.name);
    return sourceFromRow(row);
  }

  async getSource(idOrName: string): Promise<Source | null> {
    // An id wins over a name, so a source named like another's id stays reachable by id.
    const rows = await this.q<SourceRow>('SELECT * FROM sources WHERE id = $1 OR name = $1 ORDER BY (id = $1) DESC LIMIT 1', [idOrName]);
    return rows[0] ? sourceFromRow(rows[0]) : null;
  }

  async listSourceRecords(): Promise<Source[]> {
    return (await this.q<SourceRow>('SELECT * FROM sources ORDER BY name')).map(sourceFromRow);
  }

  async listSources(): Promise<SourceSummary[]> {
    const sources = await this.q<SourceRow>('SELECT * FROM sources ORDER BY name');
    const groups = await this.q<{ source_id: string; language: string; n: number; first: string | null; last: string | null }>(
      `SELECT source_id, language, count(*) AS n, min(published_at) AS first, max(published_at) AS last
       FROM items GROUP BY source_id, language ORDER BY source_id, language`,
    );
    const captures = await this.q<{ source_id: string; n: number }>('SELECT source_id, count(*) AS n FROM captures GROUP BY source_id');
    const captureCount = new Map(captures.map((c) => [c.source_id, c.n]));
    const summaries = new Map<string, SourceSummary>();
    for (const row of sources) {
      summaries.set(row.id, { ...sourceFromRow(row), items: 0, captures: captureCount.get(row.id) ?? 0, languages: {}, firstDate: null, lastDate: null });
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
  }

  async setSourceDateOrder(sourceId: string, order: DateOrder | null): Promise<void> {
    const rows = await this.q<{ id: string }>('UPDATE sources SET date_order = $1 WHERE id = $2 RETURNING id', [order, sourceId]);
    if (rows.length === 0) throw createError(ERRORS.NOT_FOUND, `No source with id ${sourceId}`, sourceId);
  }

  // ---- captures ----

  async findCapture(sha256: string): Promise<Capture | null> {
    const rows = await this.q<CaptureRow>('SELECT * FROM captures WHERE id = $1', [sha256]);
    return rows[0] ? captureFromRow(rows[0]) : null;
  }

  async readCaptureBytes(sha256: string): Promise<Uint8Array | null> {
    const capture = await this.findCapture(sha256);
    if (!capture) return null;
    const chunks = await this.q<{ bytes: Buffer }>('SELECT bytes FROM capture_chunks WHERE capture_id = $1 ORDER BY seq', [sha256]);
    const bytes = Buffer.concat(chunks.map((c) => c.bytes));
    // Evidence must be exact: refuse to hand back a capture with a chunk missing.
    if (bytes.byteLength !== capture.size) {
      throw createError(
        ERRORS.STORE,
        `The stored bytes of capture ${sha256} (${capture.origin}) are incomplete: ${bytes.byteLength} of ${capture.size} bytes`,
        capture.origin,
      );
    }
    return bytes;
  }

  async listCaptures(sourceId?: string): Promise<Capture[]> {
    const rows =
      sourceId === undefined
        ? await this.q<CaptureRow>('SELECT * FROM captures ORDER BY received_at, id')
        : await this.q<CaptureRow>('SELECT * FROM captures WHERE source_id = $1 ORDER BY received_at, id', [sourceId]);
    return rows.map(captureFromRow);
  }

  // ---- ingest ----

  async writeIngest(unit: IngestUnit): Promise<IngestCounts> {
    try {
      return await this.tx((c) => this.applyIngest(c, unit));
    } catch (err) {
      if (err instanceof NarrascopeError) throw err;
      const e = createError(ERRORS.STORE, `Could not store ${unit.capture.origin}: ${messageOf(err)}`, unit.capture.origin);
      e.cause = err;
      throw e;
    }
  }

  async writeIngestBatch(units: IngestUnit[]): Promise<IngestCounts> {
    try {
      return await this.tx(async (c) => {
        const total: IngestCounts = { itemsAdded: 0, itemsUpdated: 0, itemsRemoved: 0 };
        for (const unit of units) {
          const n = await this.applyIngest(c, unit);
          total.itemsAdded += n.itemsAdded;
          total.itemsUpdated += n.itemsUpdated;
          total.itemsRemoved += n.itemsRemoved;
        }
        return total;
      });
    } catch (err) {
      if (err instanceof NarrascopeError) throw err;
      const origins = units.map((u) => u.capture.origin);
      const e = createError(
        ERRORS.STORE,
        `Could not store ${origins.length} input(s) (${origins.slice(0, 3).join(', ')}${origins.length > 3 ? ', …' : ''}): ${messageOf(err)}`,
        origins[0],
      );
      e.cause = err;
      throw e;
    }
  }

  /** Same replacement rules as SqliteStore.applyIngest (see there), in bulk statements. */
  private async applyIngest(c: pg.PoolClient, unit: IngestUnit): Promise<IngestCounts> {
    const counts: IngestCounts = { itemsAdded: 0, itemsUpdated: 0, itemsRemoved: 0 };
    const existing = new Set<string>();
    const captureId = unit.capture.id;
    if (unit.chunks.length > 0) {
      await c.query(
        'INSERT INTO capture_chunks (capture_id, seq, bytes) SELECT $1, * FROM unnest($2::int4[], $3::bytea[]) ON CONFLICT DO NOTHING',
        [captureId, unit.chunks.map((k) => k.seq), unit.chunks.map((k) => Buffer.from(k.bytes.buffer, k.bytes.byteOffset, k.bytes.byteLength))],
      );
    }
    for (const write of unit.documents) {
      const doc = write.document;
      const keep = new Set(write.items.map((i) => i.id));
      const before = await c.query<{ id: string }>('SELECT id FROM items WHERE document_id = $1', [doc.id]);
      const gone = before.rows.map((r) => r.id).filter((id) => !keep.has(id));
      if (gone.length > 0) counts.itemsRemoved += (await c.query('DELETE FROM items WHERE id = ANY($1::text[])', [gone])).rowCount ?? 0;
      await c.query(
        `INSERT INTO documents (id, capture_id, source_id, origin_key, format, charset, title, text, metadata, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET capture_id = excluded.capture_id, source_id = excluded.source_id,
           origin_key = excluded.origin_key, format = excluded.format, charset = excluded.charset,
           title = excluded.title, text = excluded.text, metadata = excluded.metadata, created_at = excluded.created_at`,
        [doc.id, doc.captureId, doc.sourceId, doc.originKey, doc.format, doc.charset, doc.title, doc.text, JSON.stringify(doc.metadata ?? {}), doc.createdAt],
      );
      // Items with the same id twice in one write: later rows are written after earlier ones, as
      // one upsert after the other would.
      let group: Item[] = [];
      const seen = new Set<string>();
      const groups: Item[][] = [];
      for (const item of write.items) {
        if (seen.has(item.id) || group.length >= BULK) {
          groups.push(group);
          group = [];
          seen.clear();
        }
        seen.add(item.id);
        group.push(item);
      }
      if (group.length > 0) groups.push(group);
      for (const items of groups) {
        const ids = items.map((i) => i.id);
        const old = await c.query<{ id: string; text: string }>('SELECT id, text FROM items WHERE id = ANY($1::text[])', [ids]);
        const oldText = new Map(old.rows.map((r) => [r.id, r.text]));
        await this.upsertItems(c, items);
        const changed: string[] = [];
        for (const item of items) {
          const prev = oldText.get(item.id);
          if (prev === undefined) {
            counts.itemsAdded++;
          } else {
            existing.add(item.id);
            counts.itemsUpdated++;
            // Machine spans point into the old text; a human review stays for the reviewer to judge.
            if (prev !== item.text) changed.push(item.id);
          }
        }
        if (changed.length > 0) await c.query('DELETE FROM annotations WHERE item_id = ANY($1::text[]) AND reviewer IS NULL', [changed]);
        if (write.enrichedBy && write.enrichedBy.length > 0) await this.markEnriched(c, ids.flatMap((id) => (write.enrichedBy ?? []).map((p) => ({ itemId: id, producer: p }))));
      }
    }

    // Replace per item and producer across the whole unit (see SqliteStore.applyIngest).
    const pairs = new Map<string, [string, string]>();
    const fresh: Annotation[] = [];
    for (const write of unit.documents) {
      for (const a of write.annotations) {
        pairs.set(`${a.itemId}\u0000${a.producer.id}`, [a.itemId, a.producer.id]);
        fresh.push(a);
      }
    }
    for (const part of chunked([...pairs.values()])) {
      await c.query(
        `DELETE FROM annotations a USING unnest($1::text[], $2::text[]) AS d(item_id, producer_id)
         WHERE a.item_id = d.item_id AND a.producer_id = d.producer_id AND a.reviewer IS NULL`,
        [part.map((p) => p[0]), part.map((p) => p[1])],
      );
    }
    await this.insertMachineSpans(c, fresh, existing);

    if (unit.lineKeys) await this.addLines(c, unit.lineKeys.sourceId, unit.lineKeys.keys);

    if (unit.final) {
      const origins = await c.query<{ source_id: string; origin_key: string }>('SELECT DISTINCT source_id, origin_key FROM documents WHERE capture_id = $1', [captureId]);
      for (const origin of origins.rows) {
        const earlier = await c.query<{ id: string }>('SELECT id FROM documents WHERE source_id = $1 AND origin_key = $2 AND capture_id <> $3', [
          origin.source_id,
          origin.origin_key,
          captureId,
        ]);
        for (const { id } of earlier.rows) {
          counts.itemsRemoved += (await c.query('DELETE FROM items WHERE document_id = $1', [id])).rowCount ?? 0;
          await c.query('DELETE FROM documents WHERE id = $1', [id]);
        }
      }
      const cap = unit.capture;
      await c.query(
        `INSERT INTO captures (id, size, origin, source_id, received_at, media_type, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING`,
        [cap.id, cap.size, cap.origin, cap.sourceId, cap.receivedAt, cap.mediaType, cap.headers ? JSON.stringify(cap.headers) : null],
      );
    }
    return counts;
  }

  /** Upsert items in one statement; rows that did not change are not rewritten (no re-index). */
  private async upsertItems(c: pg.PoolClient, items: Item[]): Promise<void> {
    const columns = ITEM_WRITE_COLUMNS.map((): unknown[] => []);
    for (const item of items) {
      const p = itemParams(item) as unknown as Record<string, unknown>;
      ITEM_WRITE_COLUMNS.forEach((col, i) => columns[i]?.push(p[col]));
    }
    const updates = ITEM_WRITE_COLUMNS.filter((col) => col !== 'id');
    await c.query(
      `INSERT INTO items (${ITEM_WRITE_COLUMNS.join(', ')})
       SELECT * FROM unnest(${ITEM_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.map((col) => `${col} = excluded.${col}`).join(', ')}
       WHERE (${updates.map((col) => `items.${col}`).join(', ')}) IS DISTINCT FROM (${updates.map((col) => `excluded.${col}`).join(', ')})`,
      columns,
    );
  }

  private async markEnriched(c: pg.PoolClient, rows: Array<{ itemId: string; producer: Producer }>): Promise<void> {
    // One row per item and producer in a statement (ON CONFLICT may not touch a row twice).
    const last = new Map<string, { itemId: string; producer: Producer }>();
    for (const r of rows) last.set(`${r.itemId}\u0000${r.producer.id}`, r);
    for (const part of chunked([...last.values()])) {
      await c.query(
        `INSERT INTO item_enrichments (item_id, producer_id, producer_version)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
         ON CONFLICT (item_id, producer_id) DO UPDATE SET producer_version = excluded.producer_version`,
        [part.map((r) => r.itemId), part.map((r) => r.producer.id), part.map((r) => r.producer.version)],
      );
    }
  }

  /**
   * Insert spans; a machine span is skipped when a person already reviewed the same span of the
   * same producer (only items in `mayHaveReviews` are checked: new items have no reviews).
   */
  private async insertMachineSpans(c: pg.PoolClient, spans: Annotation[], mayHaveReviews: ReadonlySet<string>): Promise<void> {
    if (spans.length === 0) return;
    const check = [...new Set(spans.filter((a) => !a.review && mayHaveReviews.has(a.itemId)).map((a) => a.itemId))];
    const reviewed = new Set<string>();
    for (const part of chunked(check)) {
      const rows = await c.query<{ item_id: string; layer: string; producer_id: string; label: string; start_cp: number; end_cp: number }>(
        'SELECT item_id, layer, producer_id, label, start_cp, end_cp FROM annotations WHERE item_id = ANY($1::text[]) AND reviewer IS NOT NULL',
        [part],
      );
      for (const r of rows.rows) reviewed.add(spanKey(r.item_id, r.layer, r.producer_id, r.label, r.start_cp, r.end_cp));
    }
    const keep = spans.filter((a) => a.review || !reviewed.has(spanKey(a.itemId, a.layer, a.producer.id, a.label, a.start, a.end)));
    for (const part of chunked(keep)) {
      const columns = SPAN_COLUMNS.map((): unknown[] => []);
      for (const a of part) {
        const p = annotationParams(a) as unknown as Record<string, unknown>;
        SPAN_COLUMNS.forEach((col, i) => columns[i]?.push(p[col]));
      }
      await c.query(
        `INSERT INTO annotations (${SPAN_COLUMNS.join(', ')}) SELECT * FROM unnest(${SPAN_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
        columns,
      );
    }
  }

  private async addLines(c: pg.PoolClient, sourceId: string, keys: Iterable<string>): Promise<void> {
    // Sorted, so that two writers touching the same lines lock them in the same order.
    const unique = [...new Set(keys)].sort();
    for (const part of chunked(unique)) {
      await c.query(
        `INSERT INTO source_lines (source_id, line_hash, docs) SELECT $1, h, 1 FROM unnest($2::text[]) AS h
         ON CONFLICT (source_id, line_hash) DO UPDATE SET docs = source_lines.docs + 1`,
        [sourceId, part],
      );
    }
  }

  // ---- search ----

  async syncSearchIndex(): Promise<number> {
    let total = 0;
    // Keyset through the queue: rows deleted by earlier batches stay in the index as dead tuples
    // until vacuum, and reading from the start every time cost O(n²) over a large backlog.
    let after = 0;
    for (;;) {
      const n = await this.tx(async (c) => {
        // SKIP LOCKED: several workers sync at once without waiting on each other's rows.
        const rows = await c.query<{ rowid: number; ticket: number; title: string | null; text: string; language: string }>(
          `SELECT p.rowid, p.ticket, i.title, i.text, i.language FROM fts_pending p JOIN items i ON i.rowid = p.rowid
           WHERE p.rowid > $1 ORDER BY p.rowid LIMIT ${SYNC_BATCH} FOR UPDATE OF p SKIP LOCKED`,
          [after],
        );
        if (rows.rows.length === 0) return 0;
        const ids: number[] = [];
        const exact: string[] = [];
        const stems: string[] = [];
        const ntok: number[] = [];
        for (const r of rows.rows) {
          const v = searchVectors(r.title, r.text, r.language);
          ids.push(r.rowid);
          exact.push(v.exact);
          stems.push(v.stems);
          ntok.push(v.ntok);
        }
        // Delete, then insert (no upsert): the statement triggers keep fts_stats exact.
        await c.query('DELETE FROM item_search WHERE rowid = ANY($1::int8[])', [ids]);
        await c.query('INSERT INTO item_search (rowid, exact, stems, ntok) SELECT * FROM unnest($1::int8[], $2::tsvector[], $3::tsvector[], $4::int4[])', [
          ids,
          exact,
          stems,
          ntok,
        ]);
        // A row queued again since it was read keeps its newer ticket and stays queued.
        await c.query('DELETE FROM fts_pending p USING unnest($1::int8[], $2::int8[]) AS d(rowid, ticket) WHERE p.rowid = d.rowid AND p.ticket = d.ticket', [
          ids,
          rows.rows.map((r) => r.ticket),
        ]);
        // Moved only after the commit: a batch retried whole must not skip its own rows.
        return { n: rows.rows.length, last: rows.rows[rows.rows.length - 1]?.rowid ?? after };
      });
      if (n === 0) return total;
      total += n.n;
      after = n.last;
    }
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    return this.retrying(() => this.runSearch(req));
  }

  private async runSearch(req: SearchRequest): Promise<SearchResult> {
    const f = req.filters;
    const p = new Params();
    // The same conditions select the matches and count a hit's copies.
    const filterSql = (a: string, p: Params): string[] => {
      const sql: string[] = [];
      const fold = (v: string): string => v.normalize('NFC').toLowerCase();
      const sourceIds = (names: string[]): string =>
        `SELECT id FROM sources WHERE ${names.map((n) => `(id = ${p.add(n)} OR lower(normalize(name, NFC)) = ${p.add(fold(n))})`).join(' OR ')}`;
      if (f.sources.length > 0) sql.push(`${a}.source_id IN (${sourceIds(f.sources)})`);
      if (f.excludeSources.length > 0) sql.push(`${a}.source_id NOT IN (${sourceIds(f.excludeSources)})`);
      if (f.languages.length > 0) sql.push(`${a}.language = ANY(${p.add(f.languages)}::text[])`);
      if (f.excludeLanguages.length > 0) sql.push(`NOT (${a}.language = ANY(${p.add(f.excludeLanguages)}::text[]))`);
      if (f.authors.length > 0) sql.push(`lower(normalize(${a}.author, NFC)) = ANY(${p.add(f.authors.map(fold))}::text[])`);
      if (f.excludeAuthors.length > 0) sql.push(`(${a}.author IS NULL OR NOT (lower(normalize(${a}.author, NFC)) = ANY(${p.add(f.excludeAuthors.map(fold))}::text[])))`);
      if (f.from) sql.push(`${a}.published_at >= ${p.add(f.from)}`);
      if (f.toExclusive) sql.push(`${a}.published_at < ${p.add(f.toExclusive)}`);
      for (const an of f.annotations ?? []) {
        const cond: string[] = [];
        if (an.layer === 'technique') {
          cond.push(
            `replace(replace(replace(replace(lower(x.label), ' ', '_'), ',', '_'), '-', '_'), '__', '_') LIKE ${p.add(`${an.label.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)} ESCAPE '\\'`,
          );
        } else if (an.layer === 'narrative') {
          cond.push(`lower(normalize(x.label, NFC)) = ${p.add(fold(an.label))}`);
        } else {
          if (an.label) cond.push(`x.label = ${p.add(an.label)}`);
          if (an.keys.length > 0) cond.push(`(${an.keys.map((k) => `x.value = ${p.add(k)} OR x.value LIKE '% ' || ${p.add(k)}`).join(' OR ')})`);
        }
        const exists = `EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = ${a}.id AND x.layer = ${p.add(an.layer)}${cond.map((x) => ` AND ${x}`).join('')}
          AND (x.review_status IS NULL OR x.review_status <> 'rejected'))`;
        sql.push(an.negated ? `NOT ${exists}` : exists);
      }
      return sql;
    };
    const include = req.mode === 'include' && req.match !== null;
    const exclude = req.mode === 'exclude' && req.match !== null;
    const collapse = req.collapseDuplicates === true;
    const where = filterSql('i', p);
    let from = 'items i';
    let translated: ReturnType<typeof translatePgMatch> | null = null;
    if (include || exclude) {
      const m = translatePgMatch(req.match ?? '', p.values.length + 1);
      translated = m;
      for (const v of m.params) p.add(v);
      if (include) {
        from = 'item_search s JOIN items i ON i.rowid = s.rowid';
        where.unshift(m.sql);
      } else {
        where.push(`NOT EXISTS (SELECT 1 FROM item_search s WHERE s.rowid = i.rowid AND ${m.sql})`);
      }
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const keptWith = (score: string): string => {
      const matched = `m AS MATERIALIZED (SELECT i.rowid AS rowid, ${score} AS score, i.published_at AS published_at, i.content_hash AS content_hash,
        i.source_id AS source_id, i.language AS language FROM ${from} ${whereSql})`;
      return collapse
        ? `WITH ${matched}, w AS MATERIALIZED (SELECT *, count(*) OVER (PARTITION BY content_hash) AS copies,
            row_number() OVER (PARTITION BY content_hash ORDER BY published_at IS NULL, published_at, rowid) AS nth FROM m),
            hits AS (SELECT * FROM w WHERE nth = 1)`
        : `WITH ${matched}, hits AS (SELECT *, NULL::int8 AS copies FROM m)`;
    };
    const kept = keptWith('0::float8');
    const baseParams = [...p.values];
    const n = baseParams.length;
    type PageRow = { rowid: number; score: number; copies: number | null; total: number };
    let pageRows: PageRow[];
    let total: number;
    // A plain word search needs no item column: match, count and rank in the search table alone.
    const plain = include && where.length === 1 && !collapse;
    if (include && translated) {
      // Up to EXACT_RANK_LIMIT matches are ranked by FTS5's own BM25 (bm25 in fts.ts), so both
      // stores order them alike; beyond that, ts_rank in SQL (same weights: title twice the body).
      const probe = plain
        ? await this.pool.query<PageRow>(
            `SELECT s.rowid, 0::float8 AS score, NULL::int8 AS copies, count(*) OVER () AS total FROM item_search s WHERE ${translated.sql} LIMIT $${n + 1}`,
            [...baseParams, EXACT_RANK_LIMIT + 1],
          )
        : await this.pool.query<PageRow>(
            `${kept} SELECT rowid, 0::float8 AS score, copies, (SELECT count(*) FROM hits) AS total FROM hits LIMIT $${n + 1}`,
            [...baseParams, EXACT_RANK_LIMIT + 1],
          );
      total = probe.rows[0]?.total ?? 0;
      if (total <= EXACT_RANK_LIMIT) {
        const scores = await this.bm25Scores(translated.phrases, probe.rows.map((r) => r.rowid));
        pageRows = probe.rows
          .map((r) => ({ ...r, score: scores.get(r.rowid) ?? 0 }))
          .sort((a, b) => b.score - a.score || a.rowid - b.rowid)
          .slice(req.offset, req.offset + req.limit);
      } else {
        const ranks: string[] = [];
        const rankParams: string[] = [];
        for (const [col, q] of [['stems', translated.rank.stems], ['exact', translated.rank.exact]] as const) {
          if (!q) continue;
          rankParams.push(q);
          ranks.push(`ts_rank('{0.5,0.5,0.5,1.0}', s.${col}, $${n + rankParams.length}::tsquery, 1)`);
        }
        const score = ranks.length > 0 ? `(${ranks.join(' + ')})::float8` : '0::float8';
        const k = n + rankParams.length;
        const page = plain
          ? await this.pool.query<PageRow>(
              `SELECT s.rowid, ${score} AS score, NULL::int8 AS copies, 0 AS total FROM item_search s WHERE ${translated.sql}
               ORDER BY score DESC, rowid LIMIT $${k + 1} OFFSET $${k + 2}`,
              [...baseParams, ...rankParams, req.limit, req.offset],
            )
          : await this.pool.query<PageRow>(
              `${keptWith(score)} SELECT rowid, score, copies, 0 AS total FROM hits ORDER BY score DESC, rowid LIMIT $${k + 1} OFFSET $${k + 2}`,
              [...baseParams, ...rankParams, req.limit, req.offset],
            );
        pageRows = page.rows;
      }
    } else {
      const page = await this.pool.query<PageRow>(
        `${kept} SELECT rowid, score, copies, (SELECT count(*) FROM hits) AS total FROM hits ORDER BY published_at DESC NULLS LAST, rowid LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...baseParams, req.limit, req.offset],
      );
      pageRows = page.rows;
      total = page.rows[0]?.total ?? 0;
      if (page.rows.length === 0 && req.offset > 0) {
        total = (await this.pool.query<{ n: number }>(`${kept} SELECT count(*) AS n FROM hits`, baseParams)).rows[0]?.n ?? 0;
      }
    }
    const page = { rows: pageRows };
    const rows = new Map<number, ItemRow>();
    if (page.rows.length > 0) {
      const r = await this.pool.query<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE rowid = ANY($1::int8[])`, [page.rows.map((x) => x.rowid)]);
      for (const row of r.rows) rows.set(row.rowid, row);
    }
    // Copies of a hit when no window counted them: items with its content hash that match too.
    const copies = new Map<string, number>();
    if (!collapse && rows.size > 0) {
      // The filters again over alias c, and the match over those candidates, in one statement.
      const cp = new Params();
      const cFilters = filterSql('c', cp);
      const hashParam = cp.add([...new Set([...rows.values()].map((r) => r.content_hash))]);
      let matchCol = 'TRUE AS matches';
      if (include || exclude) {
        const m = translatePgMatch(req.match ?? '', cp.values.length + 1);
        for (const v of m.params) cp.add(v);
        matchCol = `EXISTS (SELECT 1 FROM item_search s WHERE s.rowid = c.rowid AND ${m.sql}) AS matches`;
      }
      const candidates = await this.pool.query<{ rowid: number; content_hash: string; matches: boolean }>(
        `SELECT c.rowid, c.content_hash, ${matchCol} FROM items c WHERE c.content_hash = ANY(${hashParam}::text[])${cFilters.map((x) => ` AND ${x}`).join('')}`,
        cp.values,
      );
      for (const r of candidates.rows) {
        const ok = rows.has(r.rowid) || (include ? r.matches : exclude ? !r.matches : true);
        if (ok) copies.set(r.content_hash, (copies.get(r.content_hash) ?? 0) + 1);
      }
    }
    const hits: SearchResult['hits'] = [];
    for (const x of page.rows) {
      const r = rows.get(x.rowid);
      if (r) hits.push({ item: itemFromRow(r), score: Math.round(x.score * 1000) / 1000, copies: x.copies ?? copies.get(r.content_hash) ?? 1 });
    }
    let facetCounts: SearchResult['facets'] = null;
    if (req.facets === true) {
      facetCounts = { source: {}, language: {}, month: {} };
      const sql = `${kept}
        SELECT 'source' AS facet, (SELECT name FROM sources WHERE sources.id = source_id) AS k, count(*) AS n FROM hits GROUP BY source_id
        UNION ALL SELECT 'language', language, count(*) FROM hits GROUP BY language
        UNION ALL SELECT 'month', substr(published_at, 1, 7), count(*) FROM hits GROUP BY 2
        ORDER BY facet, n DESC, k`;
      for (const r of (await this.pool.query<{ facet: 'source' | 'language' | 'month'; k: string | null; n: number }>(sql, baseParams)).rows) {
        facetCounts[r.facet][r.k ?? 'unknown'] = r.n;
      }
    }
    return { total, hits, facets: facetCounts };
  }

  /** FTS5's BM25 for the given rows (see bm25 in fts.ts), from their stored vectors. */
  private async bm25Scores(phrases: MatchPhrase[], rowids: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (rowids.length === 0) return out;
    const stats = (await this.pool.query<{ nrow: number; ntok: number }>('SELECT nrow, ntok FROM fts_stats WHERE id = 1')).rows[0];
    const counted = new Map<string, number>();
    const hits: number[] = [];
    for (const ph of phrases) {
      if (ph.query === null) {
        hits.push(0);
        continue;
      }
      const key = `${ph.column} ${ph.query}`;
      let nHit = counted.get(key);
      if (nHit === undefined) {
        nHit = (await this.pool.query<{ n: number }>(`SELECT count(*) AS n FROM item_search s WHERE s.${ph.column} @@ $1::tsquery`, [ph.query])).rows[0]?.n ?? 0;
        counted.set(key, nHit);
      }
      hits.push(nHit);
    }
    const corpus = { rows: Math.max(1, stats?.nrow ?? 1), tokens: stats?.ntok ?? 0, hits };
    // Only the query's words leave the server: unnest() the vectors in SQL and keep their
    // lexemes (and those a prefix covers), instead of shipping and parsing whole vectors.
    // A NEAR group needs both columns: whether its phrases occur anywhere in the row counts too.
    const want = { exact: { words: new Set<string>(), prefixes: new Set<string>() }, stems: { words: new Set<string>(), prefixes: new Set<string>() } };
    for (const ph of phrases) {
      for (const col of ph.near ? (['exact', 'stems'] as const) : [ph.column]) {
        ph.words.forEach((w, i) => (ph.prefix && i === ph.words.length - 1 ? want[col].prefixes : want[col].words).add(w));
      }
    }
    const vectors = new Map<number, { exact: Map<string, Array<{ pos: number; title: boolean }>>; stems: Map<string, Array<{ pos: number; title: boolean }>>; ntok: number }>();
    for (const part of chunked(rowids, 2_000)) {
      const sizes = await this.pool.query<{ rowid: number; ntok: number }>('SELECT rowid, ntok FROM item_search WHERE rowid = ANY($1::int8[])', [part]);
      for (const r of sizes.rows) vectors.set(r.rowid, { exact: new Map(), stems: new Map(), ntok: r.ntok });
      for (const col of ['exact', 'stems'] as const) {
        const w = want[col];
        if (w.words.size === 0 && w.prefixes.size === 0) continue;
        const rows = await this.pool.query<{ rowid: number; lexeme: string; positions: number[]; weights: string[] }>(
          `SELECT s.rowid, u.lexeme, u.positions, u.weights FROM item_search s CROSS JOIN LATERAL unnest(s.${col}) u
           WHERE s.rowid = ANY($1::int8[]) AND (u.lexeme = ANY($2::text[]) OR u.lexeme ^@ ANY($3::text[]))`,
          [part, [...w.words], [...w.prefixes]],
        );
        for (const r of rows.rows) {
          const v = vectors.get(r.rowid);
          if (!v) continue;
          v[col].set(
            r.lexeme,
            r.positions.map((pos, i) => ({ pos, title: r.weights[i] === 'A' })),
          );
        }
      }
    }
    for (const [rowid, v] of vectors) out.set(rowid, bm25(phrases, corpus, { exact: v.exact, stems: v.stems }, v.ntok));
    return out;
  }

  // ---- items ----

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const rows = await this.q<DocumentRow>('SELECT * FROM documents WHERE id = $1', [id]);
    return rows[0] ? documentFromRow(rows[0]) : null;
  }

  async getItem(id: string): Promise<Item | null> {
    const rows = await this.q<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = $1`, [id]);
    return rows[0] ? itemFromRow(rows[0]) : null;
  }

  async listItems(filter: ItemFilter = {}): Promise<Item[]> {
    const { where, params } = itemFilterSql(filter);
    const n = params.length;
    const rows = await this.q<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM items ${dollar(where, 1)} ORDER BY source_id, document_id, ordinal, rowid LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, filter.limit ?? null, filter.offset ?? 0],
    );
    return rows.map(itemFromRow);
  }

  async countItems(filter: ItemFilter = {}): Promise<number> {
    const { where, params } = itemFilterSql(filter);
    const rows = await this.q<{ n: number }>(`SELECT count(*) AS n FROM items ${dollar(where, 1)}`, params);
    return rows[0]?.n ?? 0;
  }

  async *iterateItems(filter: ItemFilter = {}): AsyncGenerator<Item> {
    const { where, params } = itemFilterSql(filter);
    const n = params.length;
    const firstSql = `SELECT ${ITEM_COLUMNS} FROM items ${dollar(where, 1)} ORDER BY source_id, document_id, ordinal, rowid LIMIT $${n + 1} OFFSET $${n + 2}`;
    const after = `(source_id, document_id, ordinal, rowid) > ($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4})`;
    const nextSql = `SELECT ${ITEM_COLUMNS} FROM items ${where ? `${dollar(where, 1)} AND ${after}` : `WHERE ${after}`}
      ORDER BY source_id, document_id, ordinal, rowid LIMIT $${n + 5}`;
    let remaining = filter.limit ?? Number.POSITIVE_INFINITY;
    let last: ItemRow | undefined;
    while (remaining > 0) {
      const size = Math.min(PAGE_SIZE, remaining);
      const page = last
        ? await this.q<ItemRow>(nextSql, [...params, last.source_id, last.document_id, last.ordinal, last.rowid, size])
        : await this.q<ItemRow>(firstSql, [...params, size, filter.offset ?? 0]);
      for (const row of page) yield itemFromRow(row);
      last = page[page.length - 1];
      if (page.length < size || !last) return;
      remaining -= page.length;
    }
  }

  async *iterateSignatures(): AsyncGenerator<{ item: Item; capturedAt: string; signature: Uint8Array | null }> {
    const cols = ITEM_COLUMNS.split(', ').map((x) => `i.${x}`).join(', ');
    const sql = `SELECT ${cols}, d.created_at AS captured_at, s.signature AS signature
      FROM items i JOIN documents d ON d.id = i.document_id LEFT JOIN item_signatures s ON s.item_id = i.id
      WHERE i.rowid > $1 ORDER BY i.rowid LIMIT $2`;
    let after = 0;
    for (;;) {
      const page = await this.q<ItemRow & { captured_at: string; signature: Buffer | null }>(sql, [after, PAGE_SIZE]);
      if (page.length === 0) return;
      for (const r of page) yield { item: itemFromRow(r), capturedAt: r.captured_at, signature: r.signature };
      after = page[page.length - 1]?.rowid ?? after;
    }
  }

  async putSignatures(rows: Array<{ itemId: string; signature: Uint8Array }>): Promise<void> {
    const last = new Map(rows.map((r) => [r.itemId, r.signature]));
    await this.tx(async (c) => {
      for (const part of chunked([...last.entries()])) {
        // Items deleted since the signatures were computed are skipped, as SQLite's foreign key would refuse them.
        await c.query(
          `INSERT INTO item_signatures (item_id, signature)
           SELECT d.item_id, d.signature FROM unnest($1::text[], $2::bytea[]) AS d(item_id, signature) JOIN items i ON i.id = d.item_id
           ON CONFLICT (item_id) DO UPDATE SET signature = excluded.signature`,
          [part.map((e) => e[0]), part.map((e) => Buffer.from(e[1].buffer, e[1].byteOffset, e[1].byteLength))],
        );
      }
    });
  }

  // ---- annotations ----

  async listAnnotations(itemId: string, layer?: string): Promise<Annotation[]> {
    const rows =
      layer === undefined
        ? await this.q<AnnotationRow>('SELECT * FROM annotations WHERE item_id = $1 ORDER BY start_cp, end_cp, id', [itemId])
        : await this.q<AnnotationRow>('SELECT * FROM annotations WHERE item_id = $1 AND layer = $2 ORDER BY start_cp, end_cp, id', [itemId, layer]);
    return rows.map(annotationFromRow);
  }

  async *iterateAnnotations(filter: { layer: Layer; producerId?: string; sourceId?: string }): AsyncGenerator<AnnotationWithItem> {
    const params: unknown[] = [filter.layer];
    let extra = '';
    if (filter.producerId !== undefined) {
      params.push(filter.producerId);
      extra += ` AND a.producer_id = $${params.length}`;
    }
    if (filter.sourceId !== undefined) {
      params.push(filter.sourceId);
      extra += ` AND i.source_id = $${params.length}`;
    }
    const sql = `SELECT a.*, i.source_id AS item_source_id, i.published_at AS item_published_at
      FROM annotations a JOIN items i ON i.id = a.item_id
      WHERE a.layer = $1 AND a.id > $${params.length + 1}${extra} ORDER BY a.id LIMIT $${params.length + 2}`;
    let after = 0;
    for (;;) {
      const page = await this.q<AnnotationRow & { item_source_id: string; item_published_at: string | null }>(sql, [...params, after, PAGE_SIZE]);
      if (page.length === 0) return;
      for (const r of page) yield { annotation: annotationFromRow(r), sourceId: r.item_source_id, publishedAt: r.item_published_at };
      after = page[page.length - 1]?.id ?? after;
    }
  }

  async getAnnotation(id: number): Promise<Annotation | null> {
    const rows = await this.q<AnnotationRow>('SELECT * FROM annotations WHERE id = $1', [id]);
    return rows[0] ? annotationFromRow(rows[0]) : null;
  }

  async reviewAnnotation(id: number, review: { reviewer: string; at: string; status: 'accepted' | 'rejected' }): Promise<Annotation | null> {
    const rows = await this.q<AnnotationRow>('UPDATE annotations SET reviewer = $1, reviewed_at = $2, review_status = $3 WHERE id = $4 RETURNING *', [
      review.reviewer,
      review.at,
      review.status,
      id,
    ]);
    return rows[0] ? annotationFromRow(rows[0]) : null;
  }

  async addReviewedAnnotation(a: Annotation & { review: { reviewer: string; at: string; status: 'added' } }): Promise<Annotation> {
    const exists = await this.q<{ one: number }>('SELECT 1 AS one FROM items WHERE id = $1', [a.itemId]);
    if (exists.length === 0) throw createError(ERRORS.NOT_FOUND, `no item ${a.itemId}`, a.itemId);
    const p = annotationParams(a) as unknown as Record<string, unknown>;
    const rows = await this.q<AnnotationRow>(
      `INSERT INTO annotations (${SPAN_COLUMNS.join(', ')}) VALUES (${SPAN_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      SPAN_COLUMNS.map((col) => p[col]),
    );
    const row = rows[0];
    if (!row) throw createError(ERRORS.STORE, `the added span of ${a.itemId} was not stored`, a.itemId);
    return annotationFromRow(row);
  }

  async reviewCounts(layer: Layer): Promise<Array<{ label: string; accepted: number; rejected: number; added: number }>> {
    return this.q<{ label: string; accepted: number; rejected: number; added: number }>(
      `SELECT label,
         count(*) FILTER (WHERE review_status = 'accepted')::int AS accepted,
         count(*) FILTER (WHERE review_status = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE review_status = 'added')::int AS added
       FROM annotations WHERE layer = $1 AND review_status IS NOT NULL GROUP BY label ORDER BY label`,
      [layer],
    );
  }

  async applyEnrichment(rows: EnrichmentWrite[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx(async (c) => {
      const ids = [...new Set(rows.map((r) => r.itemId))];
      const present = new Set<string>();
      for (const part of chunked(ids)) {
        for (const r of (await c.query<{ id: string }>('SELECT id FROM items WHERE id = ANY($1::text[])', [part])).rows) present.add(r.id);
      }
      // An item listed twice keeps its last row's spans, as one row after the other would.
      const last = new Map(rows.map((r, i) => [r.itemId, i]));
      const keep: EnrichmentWrite[] = [];
      const deletes: Array<[string, string]> = [];
      const marks: Array<{ itemId: string; producer: Producer }> = [];
      for (const [i, row] of rows.entries()) {
        if (!present.has(row.itemId)) continue;
        if (last.get(row.itemId) === i) keep.push(row);
        const patch = row.patch;
        if (patch && Object.keys(patch).length > 0) {
          const setDate = patch.publishedAt !== undefined;
          await c.query(
            `UPDATE items SET language = coalesce($2, language), language_confidence = coalesce($3, language_confidence),
               published_at = CASE WHEN $4 THEN $5 ELSE published_at END, date_precision = CASE WHEN $4 THEN $6 ELSE date_precision END
             WHERE id = $1`,
            [row.itemId, patch.language ?? null, patch.languageConfidence ?? null, setDate, patch.publishedAt ?? null, patch.publishedAt ? (patch.datePrecision ?? null) : null],
          );
        }
        for (const producer of row.producers) {
          deletes.push([row.itemId, producer.id]);
          marks.push({ itemId: row.itemId, producer });
        }
      }
      for (const part of chunked(deletes)) {
        await c.query(
          `DELETE FROM annotations a USING unnest($1::text[], $2::text[]) AS d(item_id, producer_id)
           WHERE a.item_id = d.item_id AND a.producer_id = d.producer_id AND a.reviewer IS NULL`,
          [part.map((d) => d[0]), part.map((d) => d[1])],
        );
      }
      await this.markEnriched(c, marks);
      await this.insertMachineSpans(c, keep.flatMap((r) => r.annotations), new Set(keep.map((r) => r.itemId)));
    });
  }

  async enrichedItems(producer: Producer): Promise<Set<string>> {
    const rows = await this.q<{ item_id: string }>('SELECT item_id FROM item_enrichments WHERE producer_id = $1 AND producer_version = $2', [producer.id, producer.version]);
    return new Set(rows.map((r) => r.item_id));
  }

  async replaceProducerAnnotations(producerId: string, annotations: Annotation[]): Promise<void> {
    for (const a of annotations) {
      if (a.producer.id !== producerId) throw createError(ERRORS.STORE, `annotation producer ${a.producer.id} is not ${producerId}`, producerId);
    }
    await this.tx(async (c) => {
      await c.query('DELETE FROM annotations WHERE producer_id = $1 AND reviewer IS NULL', [producerId]);
      // What is left of the producer's spans was reviewed: the same span found again is not added twice.
      const reviewed = new Set((await c.query<{ item_id: string }>('SELECT DISTINCT item_id FROM annotations WHERE producer_id = $1', [producerId])).rows.map((r) => r.item_id));
      const ids = [...new Set(annotations.map((a) => a.itemId))];
      const present = new Set<string>();
      for (const part of chunked(ids)) {
        for (const r of (await c.query<{ id: string }>('SELECT id FROM items WHERE id = ANY($1::text[])', [part])).rows) present.add(r.id);
      }
      await this.insertMachineSpans(c, annotations.filter((a) => present.has(a.itemId)), reviewed);
    });
  }

  // ---- line counts ----

  async lineCounts(sourceId: string, hashes: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const h of hashes) out.set(h, 0);
    if (hashes.length === 0) return out;
    for (const part of chunked([...new Set(hashes)])) {
      const rows = await this.q<{ line_hash: string; docs: number }>('SELECT line_hash, docs FROM source_lines WHERE source_id = $1 AND line_hash = ANY($2::text[])', [sourceId, part]);
      for (const r of rows) out.set(r.line_hash, r.docs);
    }
    return out;
  }

  async addLineCounts(sourceId: string, hashes: string[]): Promise<void> {
    await this.tx((c) => this.addLines(c, sourceId, hashes));
  }

  // ---- copy ----

  async *exportRecords(): AsyncGenerator<CorpusRecord> {
    for (const s of await this.listSourceRecords()) yield { type: 'source', source: s };
    const captures = await this.q<CaptureRow>('SELECT * FROM captures ORDER BY received_at, id');
    for (const cap of captures) {
      const seqs = await this.q<{ seq: number }>('SELECT seq FROM capture_chunks WHERE capture_id = $1 ORDER BY seq', [cap.id]);
      for (const { seq } of seqs) {
        const b = await this.q<{ bytes: Buffer }>('SELECT bytes FROM capture_chunks WHERE capture_id = $1 AND seq = $2', [cap.id, seq]);
        yield { type: 'chunk', captureId: cap.id, seq, bytes: b[0]?.bytes ?? Buffer.alloc(0) };
      }
      yield { type: 'capture', capture: captureFromRow(cap) };
    }
    // Chunks of captures never finished (a killed ingest) travel too: a rerun there completes them.
    const orphans = await this.q<{ capture_id: string; seq: number }>(
      'SELECT capture_id, seq FROM capture_chunks k WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.id = k.capture_id) ORDER BY capture_id, seq',
    );
    for (const o of orphans) {
      const b = await this.q<{ bytes: Buffer }>('SELECT bytes FROM capture_chunks WHERE capture_id = $1 AND seq = $2', [o.capture_id, o.seq]);
      yield { type: 'chunk', captureId: o.capture_id, seq: o.seq, bytes: b[0]?.bytes ?? Buffer.alloc(0) };
    }
    let afterDoc = '';
    for (;;) {
      const docs = await this.q<DocumentRow>('SELECT * FROM documents WHERE id > $1 ORDER BY id LIMIT 100', [afterDoc]);
      if (docs.length === 0) break;
      for (const d of docs) yield { type: 'document', document: documentFromRow(d) };
      afterDoc = docs[docs.length - 1]?.id ?? afterDoc;
    }
    let after = 0;
    for (;;) {
      const page = await this.q<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE rowid > $1 ORDER BY rowid LIMIT $2`, [after, PAGE_SIZE]);
      if (page.length === 0) break;
      for (const r of page) yield { type: 'item', item: itemFromRow(r), rowid: r.rowid };
      after = page[page.length - 1]?.rowid ?? after;
    }
    let afterSpan = 0;
    for (;;) {
      const page = await this.q<AnnotationRow>('SELECT * FROM annotations WHERE id > $1 ORDER BY id LIMIT $2', [afterSpan, PAGE_SIZE * 4]);
      if (page.length === 0) break;
      for (const r of page) yield { type: 'annotation', annotation: annotationFromRow(r) };
      afterSpan = page[page.length - 1]?.id ?? afterSpan;
    }
    let mark = ['', ''];
    for (;;) {
      const page = await this.q<{ item_id: string; producer_id: string; producer_version: string }>(
        'SELECT item_id, producer_id, producer_version FROM item_enrichments WHERE (item_id, producer_id) > ($1, $2) ORDER BY item_id, producer_id LIMIT $3',
        [mark[0], mark[1], PAGE_SIZE * 4],
      );
      if (page.length === 0) break;
      for (const r of page) yield { type: 'enrichment', itemId: r.item_id, producer: { id: r.producer_id, version: r.producer_version } };
      const lastRow = page[page.length - 1];
      if (lastRow) mark = [lastRow.item_id, lastRow.producer_id];
    }
    let afterSig = '';
    for (;;) {
      const page = await this.q<{ item_id: string; signature: Buffer }>('SELECT item_id, signature FROM item_signatures WHERE item_id > $1 ORDER BY item_id LIMIT $2', [afterSig, PAGE_SIZE * 4]);
      if (page.length === 0) break;
      for (const r of page) yield { type: 'signature', itemId: r.item_id, signature: r.signature };
      afterSig = page[page.length - 1]?.item_id ?? afterSig;
    }
    const lines = await this.q<{ source_id: string; line_hash: string; docs: number }>('SELECT * FROM source_lines ORDER BY source_id, line_hash');
    for (const l of lines) yield { type: 'lines', sourceId: l.source_id, lineHash: l.line_hash, docs: l.docs };
  }

  async importRecords(records: CorpusRecord[]): Promise<void> {
    // Runs of records of one type go in as one statement each (unnest arrays): a corpus of a
    // million items copies in minutes, not the hour that a statement per row takes.
    const runs: CorpusRecord[][] = [];
    for (const r of records) {
      const last = runs[runs.length - 1];
      if (last && last[0]?.type === r.type && last.length < BULK) last.push(r);
      else runs.push([r]);
    }
    await this.tx(async (c) => {
      let maxItemRowid = 0;
      let maxSpanId = 0;
      const insert = async (table: string, columns: string[], types: string[], rows: unknown[][], conflict = 'ON CONFLICT DO NOTHING'): Promise<void> => {
        const arrays = columns.map((_, i) => rows.map((row) => row[i]));
        await c.query(
          `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) ${conflict}`,
          arrays,
        );
      };
      for (const run of runs) {
        switch (run[0]?.type) {
          case 'source':
            await insert(
              'sources',
              ['id', 'name', 'kind', 'url', 'language_hint', 'date_order', 'notes', 'created_at'],
              ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
              run.map((r) => (r.type === 'source' ? [r.source.id, r.source.name, r.source.kind, r.source.url, r.source.languageHint, r.source.dateOrder, r.source.notes, r.source.createdAt] : [])),
            );
            break;
          case 'chunk':
            await insert(
              'capture_chunks',
              ['capture_id', 'seq', 'bytes'],
              ['text', 'int4', 'bytea'],
              run.map((r) => (r.type === 'chunk' ? [r.captureId, r.seq, Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength)] : [])),
            );
            break;
          case 'capture':
            await insert(
              'captures',
              ['id', 'size', 'origin', 'source_id', 'received_at', 'media_type', 'headers'],
              ['text', 'int8', 'text', 'text', 'text', 'text', 'text'],
              run.map((r) =>
                r.type === 'capture'
                  ? [r.capture.id, r.capture.size, r.capture.origin, r.capture.sourceId, r.capture.receivedAt, r.capture.mediaType, r.capture.headers ? JSON.stringify(r.capture.headers) : null]
                  : [],
              ),
            );
            break;
          case 'document':
            await insert(
              'documents',
              ['id', 'capture_id', 'source_id', 'origin_key', 'format', 'charset', 'title', 'text', 'metadata', 'created_at'],
              ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
              run.map((r) => {
                if (r.type !== 'document') return [];
                const d = r.document;
                return [d.id, d.captureId, d.sourceId, d.originKey, d.format, d.charset, d.title, d.text, JSON.stringify(d.metadata ?? {}), d.createdAt];
              }),
            );
            break;
          case 'item':
            await insert(
              'items',
              ['rowid', ...ITEM_WRITE_COLUMNS],
              ['int8', ...ITEM_TYPES],
              run.map((r) => {
                if (r.type !== 'item') return [];
                maxItemRowid = Math.max(maxItemRowid, r.rowid);
                const p = itemParams(r.item) as unknown as Record<string, unknown>;
                return [r.rowid, ...ITEM_WRITE_COLUMNS.map((col) => p[col])];
              }),
            );
            break;
          case 'annotation':
            await insert(
              'annotations',
              ['id', ...SPAN_COLUMNS],
              ['int8', ...SPAN_TYPES],
              run.map((r) => {
                if (r.type !== 'annotation') return [];
                maxSpanId = Math.max(maxSpanId, r.annotation.id ?? 0);
                const p = annotationParams(r.annotation) as unknown as Record<string, unknown>;
                return [r.annotation.id, ...SPAN_COLUMNS.map((col) => p[col])];
              }),
            );
            break;
          case 'enrichment':
            await insert(
              'item_enrichments',
              ['item_id', 'producer_id', 'producer_version'],
              ['text', 'text', 'text'],
              run.map((r) => (r.type === 'enrichment' ? [r.itemId, r.producer.id, r.producer.version] : [])),
              'ON CONFLICT (item_id, producer_id) DO UPDATE SET producer_version = excluded.producer_version',
            );
            break;
          case 'signature':
            await insert(
              'item_signatures',
              ['item_id', 'signature'],
              ['text', 'bytea'],
              run.map((r) => (r.type === 'signature' ? [r.itemId, Buffer.from(r.signature.buffer, r.signature.byteOffset, r.signature.byteLength)] : [])),
              'ON CONFLICT (item_id) DO UPDATE SET signature = excluded.signature',
            );
            break;
          case 'lines':
            await insert(
              'source_lines',
              ['source_id', 'line_hash', 'docs'],
              ['text', 'text', 'int4'],
              run.map((r) => (r.type === 'lines' ? [r.sourceId, r.lineHash, r.docs] : [])),
              'ON CONFLICT (source_id, line_hash) DO UPDATE SET docs = excluded.docs',
            );
            break;
          case undefined:
            break;
        }
      }
      // Explicit ids leave the identity sequences behind: move them past what was imported.
      if (maxItemRowid > 0) await c.query("SELECT setval(pg_get_serial_sequence('items', 'rowid'), greatest($1::int8, (SELECT coalesce(max(rowid), 1) FROM items)))", [maxItemRowid]);
      if (maxSpanId > 0) await c.query("SELECT setval(pg_get_serial_sequence('annotations', 'id'), greatest($1::int8, (SELECT coalesce(max(id), 1) FROM annotations)))", [maxSpanId]);
    });
  }

  async stats(): Promise<StoreStats> {
    const count = async (table: string): Promise<number> => (await this.q<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? 0;
    const bytes = (await this.q<{ n: number | null }>('SELECT sum(size) AS n FROM captures'))[0]?.n ?? 0;
    return {
      sources: await count('sources'),
      captures: await count('captures'),
      captureBytes: bytes,
      documents: await count('documents'),
      items: await count('items'),
      annotations: await count('annotations'),
      annotationsByLayer: histogram(await this.q<{ key: string; n: number }>('SELECT layer AS key, count(*) AS n FROM annotations GROUP BY layer')),
      languages: histogram(await this.q<{ key: string; n: number }>('SELECT language AS key, count(*) AS n FROM items GROUP BY language')),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Open (creating and migrating as needed) the PostgreSQL store at a postgres:// URL. */
export async function openPostgresStore(url: string, opts: { max?: number } = {}): Promise<PostgresStore> {
  const location = redactUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? Number(process.env.NARRASCOPE_PG_POOL ?? 4),
    types: TYPES,
    connectionTimeoutMillis: 10_000,
    application_name: 'narrascope',
  });
  // A connection dropped by a restarting server emits 'error' on the pool (idle) or on the client
  // (checked out, between queries); without a listener that crashes the process. The query in
  // flight fails on its own and the transaction is retried, so the events themselves need no action.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    const code = (err as { code?: string }).code;
    const hint =
      code === '3D000'
        ? 'the database does not exist; create it first (createdb)'
        : code === '28P01' || code === '28000'
          ? 'the server refused the user or password'
          : code === 'ECONNREFUSED'
            ? 'nothing listens there; is PostgreSQL running?'
            : messageOf(err);
    throw createError(ERRORS.CONFIG, `Cannot open the PostgreSQL store ${location}: ${hint}`, location);
  }
  try {
    await migratePg(pool, location);
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof NarrascopeError) throw err;
    throw createError(ERRORS.STORE, `Cannot prepare the PostgreSQL store ${location}: ${messageOf(err)}`, location);
  }
  return new PostgresStore(pool, location);
}
