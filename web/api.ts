// Talking to /api: JSON in, problems (RFC 9457) turned into errors with their detail, and the CSRF
// token from /api/session sent with every change.

/** An answer that was a problem document (or not JSON at all). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly problem: Record<string, unknown> | null,
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

async function parse<T>(r: Response): Promise<T> {
  const type = r.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) {
    const p = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
    throw new ApiError(r.status, typeof p?.title === 'string' ? p.title : r.statusText, typeof p?.detail === 'string' ? p.detail : String(body).slice(0, 200), p);
  }
  return body as T;
}

/** GET a JSON resource under /api. */
export async function getJson<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return parse<T>(await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

let session: Promise<{ csrfToken: string; csrfHeader: string }> | null = null;

/** The session's CSRF token (asked once per page). */
function csrf(): Promise<{ csrfToken: string; csrfHeader: string }> {
  session ??= getJson<{ csrfToken: string; csrfHeader: string }>('/api/session');
  return session;
}

/** POST JSON with the CSRF token; resolves to the JSON answer. */
export async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const { csrfToken, csrfHeader } = await csrf();
  const r = await fetch(new URL(path, location.origin), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', [csrfHeader]: csrfToken, ...headers },
    body: JSON.stringify(body),
  });
  return parse<T>(r);
}

/** A URL under /api with query parameters, for export links. */
export function apiUrl(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

// ------------------------------------------------------------------------------------------------
// Shapes of the answers (see src/server/schemas.ts)

export interface Range {
  start: number;
  end: number;
}

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
  offsets: Range;
  contentHash: string;
  parentId: string | null;
  metadata: Record<string, unknown>;
}

export interface Review {
  reviewer: string;
  at: string;
  status: string;
}

export interface AnnotationJson {
  id: number | null;
  layer: string;
  label: string;
  start: number;
  end: number;
  text: string;
  value: string | null;
  confidence: number;
  producer: string;
  review: Review | null;
}

export interface ItemResponse {
  item: ItemJson;
  annotations: Record<string, AnnotationJson[]>;
  provenance: {
    source: { id: string; name: string; kind: string; url: string | null };
    document: { id: string; originKey: string; format: string; charset: string; title: string | null; start: number; end: number } | null;
    capture: { sha256: string; size: number; origin: string; receivedAt: string; mediaType: string | null } | null;
    producers: string[];
  };
}

export interface SearchHit {
  id: string;
  title: string | null;
  source: string;
  language: string;
  publishedAt: string | null;
  url: string | null;
  author: string | null;
  score: number;
  copies: number;
  snippet: { text: string; highlights: Range[]; clippedStart: boolean; clippedEnd: boolean };
  matches: Range[];
}

export interface SearchResponse {
  total: number;
  limit: number;
  offset: number;
  next: string | null;
  prev: string | null;
  query: string;
  hits: SearchHit[];
  facets: { source: Record<string, number>; language: Record<string, number>; month: Record<string, number> } | null;
}

export interface SourceSummary {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  items: number;
  captures: number;
  languages: Record<string, number>;
  firstDate: string | null;
  lastDate: string | null;
  dateOrder: string | null;
}

export interface Series {
  by: string;
  interval: string;
  buckets: string[];
  series: Array<{ key: string; total: number; counts: number[] }>;
  total: number;
  undated: number;
  imprecise: number;
}

export interface Occurrence {
  item: string;
  source: string;
  title: string | null;
  publishedAt: string | null;
  start: number;
  end: number;
  words: number;
  first: boolean;
  text?: string;
}

export interface Passage {
  id: string;
  text: string;
  words: number;
  sources: number;
  firstSeen: { item: string; source: string; publishedAt: string | null } | null;
  occurrences: Occurrence[];
}

export interface ClusterMember {
  id: string;
  source: string | null;
  title: string | null;
  publishedAt: string | null;
  similarity: number;
  exact: boolean;
}

export interface Cluster {
  id: string;
  size: number;
  firstSeen: ClusterMember;
  reposts: ClusterMember[];
}
