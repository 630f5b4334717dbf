// The data model shared by every stage (see ../shared/design/PRODUCT.md, "Concepts").
// All offsets are Unicode code points, end exclusive, in every record that leaves the process.

/** How precisely a publication date is known. */
export type DatePrecision = 'day' | 'month' | 'year';

/** Order of day and month in numeric dates such as 4.3.2024. */
export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** Input formats the ingest stage understands. */
export const FORMATS = ['text', 'markdown', 'html', 'feed', 'jsonl', 'csv', 'telegram'] as const;
export type Format = (typeof FORMATS)[number];

/** Segmentation modes for text dumps. */
export const SEGMENT_MODES = ['auto', 'headlines', 'paragraphs', 'none'] as const;
export type SegmentMode = (typeof SEGMENT_MODES)[number];

/** Where text comes from: a blog, forum, feed, channel, folder of files. */
export interface Source {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  languageHint: string | null;
  /** Day/month order inferred from the source's unambiguous dates, or set by the user. */
  dateOrder: DateOrder | null;
  notes: string | null;
  createdAt: string;
}

/** The exact bytes received, kept unchanged: the chain of custody. `id` is the SHA-256 hex. */
export interface Capture {
  id: string;
  sha256: string;
  size: number;
  /** File path (as given, resolved) or URL the bytes came from. */
  origin: string;
  sourceId: string;
  receivedAt: string;
  mediaType: string | null;
  /**
   * Response headers (names lower-cased) for captures fetched over HTTP, with the status under
   * ":status": part of the chain of custody. Null or absent for files.
   */
  headers?: Record<string, string> | null;
}

/** Decoded, normalised and cleaned text of a capture; items are slices of `text`. */
export interface DocumentRecord {
  id: string;
  captureId: string;
  sourceId: string;
  /** Stable key of the origin within the source (path relative to input root, URL, or "stdin"). */
  originKey: string;
  format: Format;
  charset: string;
  title: string | null;
  text: string;
  /** Format-specific metadata (feed title, page URL, removed line counts, offset map back to the raw text). */
  metadata: Record<string, unknown>;
  createdAt: string;
}

export type ItemKind = 'post' | 'comment' | 'message' | 'entry' | 'row' | 'page';

/** One post, article, comment or message segmented from a document. */
export interface Item {
  /** Stable id: same source, origin and content give the same id on every run. */
  id: string;
  sourceId: string;
  documentId: string;
  kind: ItemKind;
  /** Id of the item this one answers (a comment's post), when known. */
  parentId: string | null;
  ordinal: number;
  title: string | null;
  author: string | null;
  url: string | null;
  /** ISO date text: YYYY-MM-DD, YYYY-MM or YYYY. */
  publishedAt: string | null;
  datePrecision: DatePrecision | null;
  language: string;
  languageConfidence: number;
  text: string;
  /** Offsets of the item's text within the document text (code points, end exclusive). */
  start: number;
  end: number;
  /** SHA-256 hex of the item's text folded for matching (case, quotes, dashes, whitespace). */
  contentHash: string;
  metadata: Record<string, unknown>;
}

/** Who made an annotation: an enricher with its version, or a person. */
export interface Producer {
  id: string;
  version: string;
}

export const LAYERS = ['language', 'date', 'entity', 'quote', 'technique', 'narrative', 'reuse'] as const;
export type Layer = (typeof LAYERS)[number];

/** A stand-off span on an item's text (code points, end exclusive). */
export interface Annotation {
  id?: number;
  itemId: string;
  layer: Layer;
  label: string;
  start: number;
  end: number;
  value: string | null;
  confidence: number;
  producer: Producer;
  /** Reviewer decision when a person made or judged it. */
  review?: { reviewer: string; at: string; status: 'accepted' | 'rejected' | 'added' } | null;
}

/** An annotation before it is attached to a stored item. */
export type SpanDraft = Omit<Annotation, 'itemId' | 'id' | 'review'>;
