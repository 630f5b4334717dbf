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
export const TIMESERIES_BY = ['source', 'language', 'technique', 'narrative', 'entity', ...LAYERS.map((l) => `layer:${l}`)] as const;
export const INTERVALS = ['day', 'week', 'month'] as const;

export const timeseriesQuery = params(
  {
    ...itemFilterParams,
    by: {
      type: 'string',
      enum: [...TIMESERIES_BY],
      default: 'source',
      description:
        'group items by source or language; count items per technique, narrative or entity (an item counts once per label and interval; rejected spans left out); or count a layer\'s annotations by label (layer:…)',
    },
    interval: { type: 'string', enum: [...INTERVALS], default: 'month', description: 'bucket width; weeks start on Monday and are named by that date' },
    top: { type: 'integer', minimum: 1, maximum: 500, description: 'only the largest series (total still counts all); by=entity keeps 50 unless told' },
  },
  [],
);

export const EXPORT_FORMATS = ['jsonl', 'csv', 'webannotation', 'gexf'] as const;

export const exportQuery = params(
  {
    ...itemFilterParams,
    format: {
      type: 'string',
      enum: [...EXPORT_FORMATS],
      default: 'jsonl',
      description: 'JSON Lines (one item a line), CSV (one item a row), W3C Web Annotation JSON-LD (one annotation a span) or GEXF 1.3 (the entity co-occurrence network of /api/entities/network, for Gephi)',
    },
    annotations: { type: 'boolean', default: false, description: 'JSON Lines only: include each item\'s annotations' },
    layer: { type: 'string', enum: [...LAYERS], description: 'Web Annotation only: only spans of this layer' },
    limit: { type: 'integer', minimum: 1, maximum: 2000, description: 'GEXF only: the entities found in most items (default 100)' },
    min: { type: 'integer', minimum: 1, maximum: 100_000, description: 'GEXF only: the fewest items an edge needs (default 2)' },
    type: { type: 'string', enum: ['PER', 'ORG', 'LOC', 'MISC'], description: 'GEXF only: entities of this type only' },
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
  user: {
    type: 'object',
    description: 'the signed-in user, when the store has accounts',
    additionalProperties: false,
    required: ['username', 'displayName', 'role'],
    properties: { username: { type: 'string' }, displayName: { type: ['string', 'null'] }, role: { type: 'string', enum: ['admin', 'analyst', 'viewer'] } },
  },
}, undefined, ['user']);

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

// ---------------------------------------------------------------------------------------------
// Reviews and the analysis layers (entities, techniques, narratives)

const nullableNum = (description?: string): JsonSchema => ({ type: ['number', 'null'], ...(description ? { description } : {}) });
const ENTITY_TYPE_ENUM = ['PER', 'ORG', 'LOC', 'MISC'];
const entityType: JsonSchema = { type: 'string', enum: ENTITY_TYPE_ENUM, description: 'only entities of this type: PER, ORG, LOC or MISC' };

export const annotationIdParams = params({ id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the span id (as GET /api/items/{id} gives it)' } }, ['id']);

export const reviewBody = params({ status: { type: 'string', enum: ['accepted', 'rejected'], description: 'the reviewer\'s decision on the span' } }, ['status']);

export const newSpanBody = params(
  {
    layer: { type: 'string', enum: [...LAYERS] },
    label: { type: 'string', minLength: 1, maxLength: 200, description: 'the label: PER/ORG/LOC/MISC for entities, the technique name, the narrative id, …' },
    start: { type: 'integer', minimum: 0, description: 'code point offset in the item text' },
    end: { type: 'integer', minimum: 1, description: 'code point offset in the item text, exclusive; at most the text length' },
    value: { type: ['string', 'null'], maxLength: 2000, description: 'the normalised value (canonical key, cue, speaker), or null' },
  },
  ['layer', 'label', 'start', 'end'],
);

/** Documented header parameters of the review routes (checked by the handlers: see routes). */
export const reviewerHeader = params({
  'X-Reviewer': { type: 'string', minLength: 1, maxLength: 80, description: 'who reviews: 1–80 printable characters; "anonymous" when absent' },
});

export const reviewedAnnotationResponse = {
  ...annotationSchema,
  properties: { ...(annotationSchema.properties as Record<string, JsonSchema>), item: str('the id of the item the span is on') },
  required: [...(annotationSchema.required as string[]), 'item'],
};

export const reviewSummaryQuery = params({ layer: { type: 'string', enum: [...LAYERS], default: 'technique', description: 'the layer whose reviews to count' } });

const reviewCountsSchema = {
  accepted: int('spans a reviewer accepted'),
  rejected: int('spans a reviewer rejected'),
  added: int('spans a reviewer added by hand'),
  precision: nullableNum('accepted / (accepted + rejected); null before any such review'),
};

export const reviewSummaryResponse = obj({
  layer: str(),
  labels: { type: 'array', items: obj({ label: str(), ...reviewCountsSchema }) },
  total: obj(reviewCountsSchema),
});

const itemRef = obj({
  id: str(),
  title: nullableStr(),
  source: str('the source name'),
  publishedAt: nullableStr(),
  language: str(),
  excerpt: str('the start of the text, on one line'),
});

const entityCountSchema = obj({
  id: str('TYPE:key: the id to ask /api/entities/{key} with'),
  key: str('the canonical key shared by spellings, transliterations and case forms'),
  type: str('PER, ORG, LOC or MISC'),
  name: str('the most frequent surface form in the texts'),
  aliases: { type: 'array', items: str(), description: 'every surface form seen, most frequent first' },
  mentions: int('spans (rejected ones left out)'),
  items: int('items with at least one mention'),
});

export const entitiesQuery = params({ ...itemFilterParams, type: entityType, limit: limit(50, 500), offset });

export const entitiesResponse = obj({ ...page, entities: { type: 'array', items: entityCountSchema } });

export const entityParams = params(
  { key: { type: 'string', minLength: 1, maxLength: 300, description: 'the entity id (TYPE:key, as listed), or a bare canonical key when only one type has it' } },
  ['key'],
);

export const entityQuery = params({ ...itemFilterParams, limit: limit(50, 500), offset });

export const entityResponse = obj({
  ...page,
  entity: entityCountSchema,
  mentions: {
    type: 'array',
    description: 'in time order, undated last',
    items: obj({
      id: int('the span id'),
      item: itemRef,
      start: int('code point offset in the item text'),
      end: int('code point offset in the item text, exclusive'),
      text: str('the mention as written'),
      review: nullableStr('accepted or added when a reviewer judged it'),
    }),
  },
});

export const matrixQuery = params({ ...itemFilterParams, type: entityType, limit: limit(20, 200) });

export const matrixResponse = obj({
  entities: { type: 'array', items: entityCountSchema, description: 'the rows: the entities found in most items' },
  techniques: { type: 'array', items: obj({ technique: str(), items: int('items where the technique co-occurs with a listed entity') }), description: 'the columns' },
  counts: { type: 'array', items: { type: 'array', items: int() }, description: 'counts[row][column]: items that name the entity and carry a span of the technique' },
});

export const networkQuery = params({
  ...itemFilterParams,
  type: entityType,
  limit: { type: 'integer', minimum: 1, maximum: 2000, default: 100, description: 'the entities found in most items (1–2000)' },
  min: { type: 'integer', minimum: 1, maximum: 100_000, default: 2, description: 'the fewest items that name both ends of an edge' },
});

export const networkResponse = obj({
  nodes: { type: 'array', items: obj({ id: str('the entity id'), label: str('its name'), type: str(), weight: int('items that name it') }) },
  edges: { type: 'array', items: obj({ source: str(), target: str(), weight: int('items that name both') }), description: 'undirected, heaviest first' },
});

export const techniquesQuery = params({ ...itemFilterParams });

export const techniquesResponse = obj({
  total: int('techniques listed'),
  techniques: {
    type: 'array',
    items: obj({ technique: str(), spans: int('spans (rejected ones left out)'), items: int('items with at least one span'), ...reviewCountsSchema }),
  },
});

export const narrativesQuery = params({ ...itemFilterParams });

export const narrativesResponse = obj({
  total: int('narratives with at least one span'),
  narratives: {
    type: 'array',
    items: obj({
      id: str('the narrative id of the codebook'),
      items: int('items matched'),
      spans: int('sentences matched'),
      firstDate: nullableStr('the earliest publication date of a matched item'),
      lastDate: nullableStr('the latest publication date of a matched item'),
    }),
  },
});

export const narrativeItemsQuery = params({ ...itemFilterParams, limit: limit(50, 500), offset });

export const narrativeItemsResponse = obj({
  ...page,
  narrative: str(),
  items: {
    type: 'array',
    description: 'in time order, undated last',
    items: obj({
      item: itemRef,
      spans: {
        type: 'array',
        items: obj({ id: int(), start: int(), end: int(), text: str('the matched sentence'), query: nullableStr('the codebook query that matched') }),
      },
    }),
  },
});
