// JSON Schemas of the API: routes validate their inputs and serialise their outputs with these,
// and openapi.ts publishes the very same objects, so the document cannot drift from the code.
// Keywords stay within what both Ajv (draft-07, Fastify's validator) and OpenAPI 3.1 (JSON Schema
// 2020-12) read the same way.
import { LAYERS } from '../core/types.js';

export type JsonSchema = Record<string, unknown>;

const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const nullableStr = (description?: string): JsonSchema => ({ type: ['string', 'null'], ...(description ? { description } : {}) });
const int = (description?: string): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}) });

/** An object whose listed properties are all present. */
function obj(properties: Record<string, JsonSchema>, description?: string, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  };
}

const ISO_DATE = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

// ---------------------------------------------------------------------------------------------
// Parameters

const limit = (def: number, max: number): JsonSchema => ({ type: 'integer', minimum: 1, maximum: max, default: def, description: `page size (1–${max})` });
const offset: JsonSchema = { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0, description: 'how many results to skip' };
const query = (description: string): JsonSchema => ({ type: 'string', maxLength: 2000, description });

/** Filters shared by every route that selects items. */
const itemFilterParams: Record<string, JsonSchema> = {
  q: query('a query in the search language (words, "phrases", AND/OR/NOT, source:, lang:, from:, to:, …)'),
  source: { type: 'string', minLength: 1, maxLength: 200, description: 'only items of this source (name or id)' },
  lang: { type: 'string', pattern: '^([a-z]{2,3})$', description: 'only items in this language (ISO 639-1, "und" for unknown)' },
  from: { type: 'string', pattern: ISO_DATE, description: 'only items published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
  to: { type: 'string', pattern: ISO_DATE, description: 'only items published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)' },
};

function params(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const idParams = params({ id: { type: 'string', minLength: 1, maxLength: 200, description: 'the id' } }, ['id']);

export const itemsQuery = params({ ...itemFilterParams, limit: limit(50, 500), offset });

export const searchQuery = params(
  {
    q: { ...query('the query in the search language'), minLength: 1 },
    limit: limit(20, 100),
    offset,
    collapse: { type: 'boolean', default: false, description: 'one hit per group of items with the same text (the first published)' },
    facets: { type: 'boolean', default: false, description: 'counts of every matching item by source, language and month' },
  },
  ['q'],
);

export const duplicatesQuery = params({
  minSimilarity: { type: 'number', minimum: 0.5, maximum: 1, default: 0.8, description: 'Jaccard similarity over 5-word shingles' },
  limit: limit(50, 500),
  offset,
});

export const passagesQuery = params({
  source: { type: 'string', minLength: 1, maxLength: 200, description: 'only passages with an occurrence in this source (name or id)' },
  limit: limit(50, 500),
  offset,
});

/** Values of `by` in /api/timeseries. */
export const TIMESERIES_BY = ['source', 'language', ...LAYERS.map((l) => `layer:${l}`)] as const;
export const INTERVALS = ['day', 'week', 'month'] as const;

export const timeseriesQuery = params(
  {
    ...itemFilterParams,
    by: { type: 'string', enum: [...TIMESERIES_BY], default: 'source', description: 'group items by source or language, or count a layer\'s annotations by label' },
    interval: { type: 'string', enum: [...INTERVALS], default: 'month', description: 'bucket width; weeks start on Monday and are named by that date' },
  },
  [],
);

export const EXPORT_FORMATS = ['jsonl', 'csv', 'webannotation'] as const;

export const exportQuery = params(
  {
    ...itemFilterParams,
    format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl', description: 'JSON Lines (one item a line), CSV (one item a row) or W3C Web Annotation JSON-LD (one annotation a span)' },
    annotations: { type: 'boolean', default: false, description: 'JSON Lines only: include each item\'s annotations' },
    layer: { type: 'string', enum: [...LAYERS], description: 'Web Annotation only: only spans of this layer' },
  },
  [],
);

// ---------------------------------------------------------------------------------------------
// Responses

const page = {
  total: int('how many results there are in all'),
  limit: int(),
  offset: int(),
  next: nullableStr('the next page (a relative URL), or null'),
  prev: nullableStr('the previous page (a relative URL), or null'),
};

const offsets = obj({ start: int(), end: int() }, 'code point offsets, end exclusive');

export const itemSchema = obj({
  id: str(),
  source: str('the source name'),
  kind: str(),
  title: nullableStr(),
  author: nullableStr(),
  url: nullableStr('where the item was published, as scraped: untrusted'),
  publishedAt: nullableStr('YYYY-MM-DD, YYYY-MM or YYYY'),
  datePrecision: nullableStr(),
  language: str(),
  languageConfidence: { type: 'number' },
  text: str('the item text, as plain text'),
  document: str('the id of the document the item is a slice of'),
  offsets: { ...offsets, description: 'where the item lies in its document (code points, end exclusive)' },
  contentHash: str(),
  parentId: nullableStr(),
  metadata: { type: 'object', additionalProperties: true },
});

const annotationSchema = obj({
  id: { type: ['integer', 'null'] },
  layer: str(),
  label: str(),
  start: int('code point offset in the item text'),
  end: int('code point offset in the item text, exclusive'),
  text: str('the annotated stretch of the item text'),
  value: nullableStr(),
  confidence: { type: 'number' },
  producer: str('the code that made the span: "id@version"'),
  review: {
    type: ['object', 'null'],
    properties: { reviewer: str(), at: str(), status: str() },
  },
});

export const healthResponse = obj({ status: { type: 'string', enum: ['ok'] }, version: str() });

export const sessionResponse = obj({
  csrfToken: str('send it back in the X-CSRF-Token header of every request that changes something'),
  csrfHeader: str(),
  authRequired: { type: 'boolean', description: 'whether requests need Authorization: Bearer <token>' },
});

export const sourcesResponse = obj({
  total: int(),
  sources: {
    type: 'array',
    items: obj({
      id: str(),
      name: str(),
      kind: str(),
      url: nullableStr(),
      languageHint: nullableStr(),
      dateOrder: nullableStr(),
      notes: nullableStr(),
      createdAt: str(),
      items: int(),
      captures: int(),
      languages: { type: 'object', additionalProperties: { type: 'integer' } },
      firstDate: nullableStr(),
      lastDate: nullableStr(),
    }),
  },
});

export const itemsResponse = obj({ ...page, items: { type: 'array', items: itemSchema } });

export const itemResponse = obj({
  item: itemSchema,
  annotations: {
    type: 'object',
    description: 'the item\'s spans, by layer, in text order',
    additionalProperties: { type: 'array', items: annotationSchema },
  },
  provenance: obj({
    source: obj({ id: str(), name: str(), kind: str(), url: nullableStr() }),
    document: {
      type: ['object', 'null'],
      properties: { id: str(), originKey: str(), format: str(), charset: str(), title: nullableStr(), start: int(), end: int() },
    },
    capture: {
      type: ['object', 'null'],
      properties: { sha256: str(), size: int(), origin: str(), receivedAt: str(), mediaType: nullableStr() },
    },
    producers: { type: 'array', items: str(), description: 'every producer of the item\'s spans ("id@version")' },
  }),
});

const counts = { type: 'object', additionalProperties: { type: 'integer' } };

export const searchResponse = obj({
  ...page,
  query: str(),
  hits: {
    type: 'array',
    items: obj({
      id: str(),
      title: nullableStr(),
      source: str(),
      language: str(),
      publishedAt: nullableStr(),
      url: nullableStr(),
      author: nullableStr(),
      score: { type: 'number' },
      copies: int('items with the same text, this one included'),
      snippet: obj({
        text: str('a window of the text, whitespace collapsed, as plain text'),
        highlights: { type: 'array', items: offsets, description: 'matches within the snippet text' },
        clippedStart: { type: 'boolean', description: 'the text goes on before the snippet' },
        clippedEnd: { type: 'boolean', description: 'the text goes on after the snippet' },
      }),
      matches: { type: 'array', items: offsets, description: 'matches within the whole item text' },
    }),
  },
  facets: {
    type: ['object', 'null'],
    properties: { source: counts, language: counts, month: counts },
  },
});

const memberSchema = obj({
  id: str(),
  source: nullableStr(),
  title: nullableStr(),
  publishedAt: nullableStr(),
  similarity: { type: 'number', description: 'Jaccard similarity to the first-seen item' },
  exact: { type: 'boolean', description: 'the same text as the first-seen item' },
});

export const duplicatesResponse = obj({
  ...page,
  minSimilarity: { type: 'number' },
  clusters: {
    type: 'array',
    items: obj({ id: str(), size: int(), firstSeen: memberSchema, reposts: { type: 'array', items: memberSchema } }),
  },
});

const occurrenceSchema = obj(
  {
    item: str(),
    source: str(),
    title: nullableStr(),
    publishedAt: nullableStr(),
    start: int('code point offset in the item text'),
    end: int('code point offset in the item text, exclusive'),
    words: int(),
    first: { type: 'boolean', description: 'the first appearance of the passage' },
    text: str('the occurrence as it reads in this item (one passage only)'),
  },
  undefined,
  ['text'],
);

export const passageSchema = obj({
  id: str(),
  text: str('the passage as it first appeared'),
  words: int(),
  sources: int('how many sources it appears in'),
  firstSeen: {
    type: ['object', 'null'],
    properties: { item: str(), source: str(), publishedAt: nullableStr() },
  },
  occurrences: { type: 'array', items: occurrenceSchema, description: 'in time order, first appearance first' },
});

export const passagesResponse = obj({ ...page, passages: { type: 'array', items: passageSchema } });

export const timeseriesResponse = obj({
  by: str(),
  interval: str(),
  buckets: { type: 'array', items: str(), description: 'every interval from the first to the last, gaps included: YYYY-MM-DD (days, weeks by their Monday) or YYYY-MM' },
  series: {
    type: 'array',
    items: obj({ key: str(), total: int(), counts: { type: 'array', items: int(), description: 'one count per bucket' } }),
  },
  total: int('items (or annotations) counted'),
  undated: int('items without a publication date, not counted'),
  imprecise: int('items dated less precisely than the interval (a month for days), not counted'),
});

export const openapiResponse = { type: 'object', additionalProperties: true };

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; invalid queries add parameter, message, position, length and column; invalid parameters add invalidParams',
  properties: {
    type: str('a URN naming the kind of problem'),
    title: str(),
    status: int(),
    detail: str(),
    instance: str('the request path'),
  },
  required: ['type', 'title', 'status', 'detail', 'instance'],
  additionalProperties: true,
};
