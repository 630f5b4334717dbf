// What a collector kind sees of a run: a polite fetcher (robots, rate limits, conditional requests,
// raw responses kept as captures), a place to emit records, its cursor, and the run's bounds.
import type { ParsedItem } from '../../ingest/types.js';
import { createError, ERRORS } from '../../core/errors.js';
import type { FetchedResponse } from '../fetch.js';
import { decode } from '../../text/decode.js';

export const WATCH_KINDS = ['feed', 'wordpress', 'sitemap', 'page', 'lemmy', 'telegram'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

export interface GetOptions {
  accept?: string;
  /** Send If-None-Match / If-Modified-Since from the last answer for this URL, and remember the new ones. */
  conditional?: boolean;
}

/** A logical resource (a post with its comments, a feed entry, a message) found in one or more responses. */
export interface CollectedRecord {
  /** Stable within the watch: "post:123", "message:channel/45", a page URL. */
  key: string;
  url: string | null;
  title: string | null;
  items: ParsedItem[];
  /** The response the record was read from (its URL, headers and time become the capture's). */
  response: FetchedResponse;
  /** Publication date of the resource (ISO), for the source's rhythm; null when unknown. */
  publishedAt: string | null;
  format: 'feed' | 'jsonl' | 'telegram';
  /** What to compare on the next run to tell whether the resource changed (a comment count, a lastmod). */
  marker?: string;
}

/** A whole HTML page to ingest as it came (its own capture, parsed by the HTML parser). */
export interface CollectedPage {
  key: string;
  response: FetchedResponse;
  marker?: string;
}

export interface CollectContext {
  /** The watched URL. */
  url: string;
  /**
   * GET through robots.txt, the host's rate limit and backoff; the raw answer is kept as a capture.
   * Resolves to null for 304 Not Modified; throws NarrascopeError for refusals, errors and non-2xx.
   */
  get(url: string, opts?: GetOptions): Promise<FetchedResponse | null>;
  emit(record: CollectedRecord): void;
  emitPage(page: CollectedPage): void;
  /** Report a request that failed while the run goes on (a post's comments, one page of a sitemap). */
  fail(url: string, reason: string): void;
  /** Kind-specific state kept between runs (JSON). */
  cursor: Record<string, unknown>;
  /** Of these keys, the ones already collected by this watch, with their stored date/marker. */
  known(keys: string[]): Promise<Map<string, string | null>>;
  /** Pages of a listing fetched per run (bounds the first run). */
  maxPages: number;
  /** Single pages (sitemap entries) fetched per run. */
  maxPageFetches: number;
}

export interface Collector {
  kind: WatchKind;
  collect(ctx: CollectContext): Promise<void>;
}

/** ISO string of a date the source states, or null when it cannot be read. */
export function isoOrNull(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** JSON.parse that names the URL when the answer is not JSON. */
export function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw createError(ERRORS.INPUT_MALFORMED, `${url}: malformed JSON (${err instanceof Error ? err.message : String(err)})`, url);
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The answer's text, decoded by its Content-Type charset when it names one, else sniffed. */
export function responseText(res: FetchedResponse): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(res.headers['content-type'] ?? '')?.[1];
  if (charset) {
    try {
      return decode(res.body, { charset }).text;
    } catch {
      // An unknown label: sniff instead, as browsers do.
    }
  }
  return decode(res.body).text;
}
