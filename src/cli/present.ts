// Presenters: the one place where stored records become the JSON and CSV that users and other
// tools rely on (items --json, export, show --json). Offsets are code points, end exclusive.
import type { Annotation, Item, Source } from '../core/types.js';

export interface ItemJson {
  id: string;
  source: string;
  kind: string;
  title: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  datePrecision: string | null;
  language: string;
  languageConfidence: number;
  text: string;
  document: string;
  offsets: { start: number; end: number };
  contentHash: string;
  parentId: string | null;
  metadata: Record<string, unknown>;
}

export interface AnnotationJson {
  layer: string;
  label: string;
  start: number;
  end: number;
  value: string | null;
  confidence: number;
  producer: string;
  review: Annotation['review'];
}

/** An item as JSON, with its source named rather than numbered. */
export function presentItem(item: Item, sources: Map<string, Source>): ItemJson {
  return {
    id: item.id,
    source: sources.get(item.sourceId)?.name ?? item.sourceId,
    kind: item.kind,
    title: item.title,
    author: item.author,
    url: item.url,
    publishedAt: item.publishedAt,
    datePrecision: item.datePrecision,
    language: item.language,
    languageConfidence: round(item.languageConfidence),
    text: item.text,
    document: item.documentId,
    offsets: { start: item.start, end: item.end },
    contentHash: item.contentHash,
    parentId: item.parentId,
    metadata: item.metadata,
  };
}

/** An annotation as JSON; the producer is "id@version" so it reads the same in CSV. */
export function presentAnnotation(a: Annotation): AnnotationJson {
  return {
    layer: a.layer,
    label: a.label,
    start: a.start,
    end: a.end,
    value: a.value,
    confidence: round(a.confidence),
    producer: `${a.producer.id}@${a.producer.version}`,
    review: a.review ?? null,
  };
}

/** Columns of `export --format csv`: the same fields as the JSON, offsets flattened. */
export const CSV_COLUMNS = [
  'id',
  'source',
  'kind',
  'title',
  'author',
  'url',
  'publishedAt',
  'datePrecision',
  'language',
  'languageConfidence',
  'text',
  'document',
  'start',
  'end',
  'contentHash',
  'parentId',
] as const;

/** One CSV row (RFC 4180 quoting) for an item. */
export function itemCsvRow(j: ItemJson): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: j.id,
    source: j.source,
    kind: j.kind,
    title: j.title,
    author: j.author,
    url: j.url,
    publishedAt: j.publishedAt,
    datePrecision: j.datePrecision,
    language: j.language,
    languageConfidence: j.languageConfidence,
    text: j.text,
    document: j.document,
    start: j.offsets.start,
    end: j.offsets.end,
    contentHash: j.contentHash,
    parentId: j.parentId,
  };
  return CSV_COLUMNS.map((c) => csvField(values[c])).join(',');
}

/** Quote a CSV field when it holds a delimiter, quote or line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
