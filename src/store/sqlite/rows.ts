// Row shapes as SQLite returns them, and their mapping to and from the shared records.
// JSON columns hold objects as text; dates are ISO text; booleans never occur.
import type {
  Annotation,
  Capture,
  DateOrder,
  DatePrecision,
  DocumentRecord,
  Format,
  Item,
  ItemKind,
  Layer,
  Source,
} from '../../core/types.js';

export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  language_hint: string | null;
  date_order: string | null;
  notes: string | null;
  created_at: string;
}

export interface CaptureRow {
  id: string;
  size: number;
  origin: string;
  source_id: string;
  received_at: string;
  media_type: string | null;
  /** JSON object of response headers, or null. */
  headers: string | null;
}

export interface DocumentRow {
  id: string;
  capture_id: string;
  source_id: string;
  origin_key: string;
  format: string;
  charset: string;
  title: string | null;
  text: string;
  metadata: string;
  created_at: string;
}

export interface ItemRow {
  rowid: number;
  id: string;
  source_id: string;
  document_id: string;
  kind: string;
  parent_id: string | null;
  ordinal: number;
  title: string | null;
  author: string | null;
  url: string | null;
  published_at: string | null;
  date_precision: string | null;
  language: string;
  language_confidence: number;
  text: string;
  start_cp: number;
  end_cp: number;
  content_hash: string;
  metadata: string;
}

export interface AnnotationRow {
  id: number;
  item_id: string;
  layer: string;
  label: string;
  start_cp: number;
  end_cp: number;
  value: string | null;
  confidence: number;
  producer_id: string;
  producer_version: string;
  reviewer: string | null;
  reviewed_at: string | null;
  review_status: string | null;
}

/** Parameters of the item upsert, named as the columns. */
export type ItemParams = Omit<ItemRow, 'rowid'>;

/** Parameters of the annotation insert, named as the columns. */
export type AnnotationParams = Omit<AnnotationRow, 'id'>;

export const ITEM_COLUMNS =
  'rowid, id, source_id, document_id, kind, parent_id, ordinal, title, author, url, published_at, ' +
  'date_precision, language, language_confidence, text, start_cp, end_cp, content_hash, metadata';

/** Parse a JSON object column; anything that is not an object comes back under `value`. */
export function parseJsonObject(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  return { value: parsed };
}

export function sourceFromRow(r: SourceRow): Source {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    url: r.url,
    languageHint: r.language_hint,
    dateOrder: r.date_order as DateOrder | null,
    notes: r.notes,
    createdAt: r.created_at,
  };
}

export function captureFromRow(r: CaptureRow): Capture {
  return {
    id: r.id,
    sha256: r.id,
    size: r.size,
    origin: r.origin,
    sourceId: r.source_id,
    receivedAt: r.received_at,
    mediaType: r.media_type,
    headers: r.headers === null ? null : (parseJsonObject(r.headers) as Record<string, string>),
  };
}

export function documentFromRow(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    captureId: r.capture_id,
    sourceId: r.source_id,
    originKey: r.origin_key,
    format: r.format as Format,
    charset: r.charset,
    title: r.title,
    text: r.text,
    metadata: parseJsonObject(r.metadata),
    createdAt: r.created_at,
  };
}

export function itemFromRow(r: ItemRow): Item {
  return {
    id: r.id,
    sourceId: r.source_id,
    documentId: r.document_id,
    kind: r.kind as ItemKind,
    parentId: r.parent_id,
    ordinal: r.ordinal,
    title: r.title,
    author: r.author,
    url: r.url,
    publishedAt: r.published_at,
    datePrecision: r.date_precision as DatePrecision | null,
    language: r.language,
    languageConfidence: r.language_confidence,
    text: r.text,
    start: r.start_cp,
    end: r.end_cp,
    contentHash: r.content_hash,
    metadata: parseJsonObject(r.metadata),
  };
}

export function itemParams(item: Item): ItemParams {
  return {
    id: item.id,
    source_id: item.sourceId,
    document_id: item.documentId,
    kind: item.kind,
    parent_id: item.parentId,
    ordinal: item.ordinal,
    title: item.title,
    author: item.author,
    url: item.url,
    published_at: item.publishedAt,
    date_precision: item.datePrecision,
    language: item.language,
    language_confidence: item.languageConfidence,
    text: item.text,
    start_cp: item.start,
    end_cp: item.end,
    content_hash: item.contentHash,
    metadata: JSON.stringify(item.metadata ?? {}),
  };
}

export function annotationFromRow(r: AnnotationRow): Annotation {
  return {
    id: r.id,
    itemId: r.item_id,
    layer: r.layer as Layer,
    label: r.label,
    start: r.start_cp,
    end: r.end_cp,
    value: r.value,
    confidence: r.confidence,
    producer: { id: r.producer_id, version: r.producer_version },
    review:
      r.reviewer === null
        ? null
        : {
            reviewer: r.reviewer,
            at: r.reviewed_at ?? '',
            status: (r.review_status ?? 'accepted') as 'accepted' | 'rejected' | 'added',
          },
  };
}

export function annotationParams(a: Annotation): AnnotationParams {
  return {
    item_id: a.itemId,
    layer: a.layer,
    label: a.label,
    start_cp: a.start,
    end_cp: a.end,
    value: a.value,
    confidence: a.confidence,
    producer_id: a.producer.id,
    producer_version: a.producer.version,
    reviewer: a.review?.reviewer ?? null,
    reviewed_at: a.review?.at ?? null,
    review_status: a.review?.status ?? null,
  };
}
