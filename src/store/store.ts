// The one Store interface. Every backend (SQLite now, PostgreSQL later) passes the shared
// conformance suite in store.case.ts. Methods are async so that network backends fit the same shape.
import type { Annotation, Capture, DateOrder, DatePrecision, DocumentRecord, Item, Layer, Producer, Source } from '../core/types.js';
import type { MatchMode, SearchFilters } from '../search/compile.js';
import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * The backend connection, for modules that keep tables of their own beside the corpus (watches,
 * accounts, the job queue): they switch on `kind` and write SQL for each backend.
 */
export type StoreHandle = { kind: 'sqlite'; db: Database.Database } | { kind: 'postgres'; pool: pg.Pool };

/** A compiled search (see search/compile.ts) with paging and presentation options. */
export interface SearchRequest {
  match: string | null;
  mode: MatchMode;
  filters: SearchFilters;
  limit: number;
  offset: number;
  /** One hit per group of items with the same folded text (the first published). */
  collapseDuplicates?: boolean;
  facets?: boolean;
}

export interface SearchHit {
  item: Item;
  /** Higher is better (BM25, sign flipped); 0 when the query has no words. */
  score: number;
  /** Items with the same folded text, this one included. */
  copies: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Counts over every matching item, by source name, language and month (YYYY-MM). */
  facets: { source: Record<string, number>; language: Record<string, number>; month: Record<string, number> } | null;
}

/** What a caller knows about a source before it is stored. */
export interface SourceInput {
  name: string;
  kind: string;
  url?: string | null;
  languageHint?: string | null;
  dateOrder?: DateOrder | null;
  notes?: string | null;
}

/** One document with its items and their annotations, replacing what its origin held before. */
export interface DocumentWrite {
  document: DocumentRecord;
  items: Item[];
  /** Annotations for the items above, replacing each item's annotations from the same producers. */
  annotations: Annotation[];
  /** Enrichers that ran on every item above (recorded so that `enrich` does not run them again). */
  enrichedBy?: Producer[];
}

/** Item fields an enrichment may change. */
export interface ItemFieldsPatch {
  language?: string;
  languageConfidence?: number;
  publishedAt?: string | null;
  datePrecision?: DatePrecision | null;
}

/**
 * What enrichers produced for one stored item: each producer's machine annotations on the item are
 * replaced by the ones given (none is a valid answer), and the producers are recorded as done.
 */
export interface EnrichmentWrite {
  itemId: string;
  producers: Producer[];
  annotations: Annotation[];
  patch?: ItemFieldsPatch;
}

/** An annotation with the fields of its item that listings and counts need. */
export interface AnnotationWithItem {
  annotation: Annotation;
  sourceId: string;
  publishedAt: string | null;
}

/**
 * One atomic write of ingest work. Large captures are written in several units (one per part);
 * the capture row is written only with the unit marked `final`, so a capture that has a row is
 * complete, and a run killed before that repeats the capture without duplicating anything.
 */
export interface IngestUnit {
  capture: Capture;
  /** Raw bytes of the capture, in order; `seq` numbers chunks from 0 across units. */
  chunks: Array<{ seq: number; bytes: Uint8Array }>;
  documents: DocumentWrite[];
  final: boolean;
  /**
   * Line keys seen in this unit's documents, counted for boilerplate detection in the same
   * transaction (so a kill never leaves a stored capture with its lines uncounted).
   */
  lineKeys?: { sourceId: string; keys: string[] };
}

export interface IngestCounts {
  itemsAdded: number;
  itemsUpdated: number;
  itemsRemoved: number;
}

export interface ItemFilter {
  sourceId?: string;
  language?: string;
  /** Inclusive ISO date bounds compared with publishedAt. */
  from?: string;
  to?: string;
  documentId?: string;
  limit?: number;
  offset?: number;
}

export interface SourceSummary extends Source {
  items: number;
  captures: number;
  languages: Record<string, number>;
  firstDate: string | null;
  lastDate: string | null;
}

export interface StoreStats {
  sources: number;
  captures: number;
  captureBytes: number;
  documents: number;
  items: number;
  annotations: number;
  annotationsByLayer: Record<string, number>;
  languages: Record<string, number>;
}

/**
 * One stored record, as `copy` moves it between stores: every table of the corpus, ids kept.
 * Exported in an order that can be imported as it comes (sources, chunks before their capture,
 * documents, items, then what hangs on items).
 */
export type CorpusRecord =
  | { type: 'source'; source: Source }
  | { type: 'chunk'; captureId: string; seq: number; bytes: Uint8Array }
  | { type: 'capture'; capture: Capture }
  | { type: 'document'; document: DocumentRecord }
  /** rowid: the item's insertion rank, the tie-breaker of listings, kept so orderings match. */
  | { type: 'item'; item: Item; rowid: number }
  | { type: 'annotation'; annotation: Annotation }
  | { type: 'enrichment'; itemId: string; producer: Producer }
  | { type: 'signature'; itemId: string; signature: Uint8Array }
  | { type: 'lines'; sourceId: string; lineHash: string; docs: number };

export interface Store {
  /** Backend id ("sqlite", "postgres") and where it lives, for messages. */
  readonly kind: string;
  readonly location: string;
  /** The connection itself (see StoreHandle). */
  readonly handle: StoreHandle;

  /** Create the source if its name is new; return the stored record. */
  upsertSource(input: SourceInput): Promise<Source>;
  getSource(idOrName: string): Promise<Source | null>;
  /** Sources with their item counts, languages and date range (reads every item: for listings). */
  listSources(): Promise<SourceSummary[]>;
  /** The source records alone, cheap at any corpus size (for naming sources in results). */
  listSourceRecords(): Promise<Source[]>;
  setSourceDateOrder(sourceId: string, order: DateOrder | null): Promise<void>;

  /** The stored capture with these bytes, if any. */
  findCapture(sha256: string): Promise<Capture | null>;
  /** The raw bytes of a stored capture, concatenated in order. */
  readCaptureBytes(sha256: string): Promise<Uint8Array | null>;
  listCaptures(sourceId?: string): Promise<Capture[]>;

  /** Write one unit of ingest atomically (see IngestUnit). */
  writeIngest(unit: IngestUnit): Promise<IngestCounts>;
  /**
   * Write several units in one transaction: all or none. Fewer, larger transactions let the
   * full-text index flush fewer segments; a killed run simply repeats the whole batch.
   */
  writeIngestBatch(units: IngestUnit[]): Promise<IngestCounts>;

  /**
   * Bring the full-text index up to date with every stored item; returns how many items were
   * indexed. Ingest calls it when a run ends (and before it starts, to finish a killed run).
   */
  syncSearchIndex(): Promise<number>;
  /** Run a compiled search over the indexed items (sync first to include the latest ingest). */
  search(req: SearchRequest): Promise<SearchResult>;

  /**
   * Every item with its capture time and its stored MinHash signature (null when none yet),
   * streamed in a stable order, for duplicate detection.
   */
  iterateSignatures(): AsyncIterable<{ item: Item; capturedAt: string; signature: Uint8Array | null }>;
  /** Keep signatures computed for items (replacing any stored one). */
  putSignatures(rows: Array<{ itemId: string; signature: Uint8Array }>): Promise<void>;

  getDocument(id: string): Promise<DocumentRecord | null>;
  getItem(id: string): Promise<Item | null>;
  listItems(filter?: ItemFilter): Promise<Item[]>;
  countItems(filter?: ItemFilter): Promise<number>;
  /** Every item matching the filter, streamed in a stable order (source, document, ordinal). */
  iterateItems(filter?: ItemFilter): AsyncIterable<Item>;
  listAnnotations(itemId: string, layer?: string): Promise<Annotation[]>;
  /** Every annotation of a layer (optionally of one producer or source), streamed by item. */
  iterateAnnotations(filter: { layer: Layer; producerId?: string; sourceId?: string }): AsyncIterable<AnnotationWithItem>;

  getAnnotation(id: number): Promise<Annotation | null>;
  /**
   * Record a person's decision on a stored span ('accepted' or 'rejected'); a reviewed span is kept
   * when its producer runs again. Returns the updated span, or null when no span has this id.
   */
  reviewAnnotation(id: number, review: { reviewer: string; at: string; status: 'accepted' | 'rejected' }): Promise<Annotation | null>;
  /** Store a span a person added (review status 'added'); returns it with its id. */
  addReviewedAnnotation(a: Annotation & { review: { reviewer: string; at: string; status: 'added' } }): Promise<Annotation>;
  /** Reviewed spans of a layer counted per label: the basis of per-technique precision. */
  reviewCounts(layer: Layer): Promise<Array<{ label: string; accepted: number; rejected: number; added: number }>>;

  /** Apply enrichment results atomically (see EnrichmentWrite); items gone since are skipped. */
  applyEnrichment(rows: EnrichmentWrite[]): Promise<void>;
  /** Ids of items the producer has enriched at exactly this version. */
  enrichedItems(producer: Producer): Promise<Set<string>>;
  /**
   * Replace, in one transaction, every machine annotation of a producer across the corpus:
   * corpus-wide analyses (shared passages) recompute their spans as a whole. Reviewed spans stay.
   */
  replaceProducerAnnotations(producerId: string, annotations: Annotation[]): Promise<void>;

  /** How many documents of the source contain each of these line hashes (boilerplate detection). */
  lineCounts(sourceId: string, hashes: string[]): Promise<Map<string, number>>;
  /** Record that one more document of the source contains each of these line hashes. */
  addLineCounts(sourceId: string, hashes: string[]): Promise<void>;

  /** Every record of the corpus, streamed in import order (see CorpusRecord), for `copy`. */
  exportRecords(): AsyncIterable<CorpusRecord>;
  /**
   * Write records exported from another store in one transaction, keeping their ids; a record
   * already present is left as it is, so a copy interrupted and run again completes without
   * duplicates. The full-text index catches up at the next syncSearchIndex.
   */
  importRecords(records: CorpusRecord[]): Promise<void>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
