// Running watches: each run asks its collector (src/collect/kinds/) what to fetch, fetches through
// safeFetch behind robots.txt, per-host rate limits with backoff and conditional requests, keeps
// every answer as a capture, and ingests the records it found. A run is idempotent: the same
// answers again add no capture and no item, and an interrupted run only repeats work. Safe to call
// from a queue worker: everything it needs is in the store.
import { lookup as dnsLookup } from 'node:dns/promises';
import { createError, ERRORS, NarrascopeError } from '../core/errors.js';
import { addressRefusal } from '../collect/address.js';
import type { Format } from '../core/types.js';
import { parseHtml } from '../ingest/html.js';
import type { ParsedDocument } from '../ingest/types.js';
import { DEFAULT_USER_AGENT, safeFetch } from '../collect/fetch.js';
import type { FetchedResponse, LookupFn, SafeFetchOptions } from '../collect/fetch.js';
import { COLLECTORS } from '../collect/kinds/index.js';
import type { CollectContext, CollectedPage, CollectedRecord, GetOptions } from '../collect/kinds/types.js';
import { isoOrNull } from '../collect/kinds/types.js';
import { HostRateLimiter } from '../collect/ratelimit.js';
import { RobotsCache } from '../collect/robots.js';
import type { HttpValidator, SeenEntry, Watch, WatchRun, WatchStore } from '../collect/watches.js';
import { isDue, openWatchStore } from '../collect/watches.js';
import type { Store } from '../store/store.js';
import { ingestBuffers, type BufferInput } from './ingest.js';

export interface CollectOptions {
  /** Fetch private, loopback and link-local addresses too (--allow-private). */
  allowPrivate?: boolean;
  /** Per request, all hops. Default 30 s. */
  timeoutMs?: number;
  /** Largest answer. Default 20 MiB. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Minimum time between two requests to one host. Default 1 s (robots.txt Crawl-delay raises it). */
  minIntervalMs?: number;
  /** A 429/503 whose backoff is at most this long is waited out and retried once; longer fails the request. Default 60 s. */
  maxRetryWaitMs?: number;
  /** Overrides of the watch's own bounds. */
  maxPages?: number;
  maxPageFetches?: number;
  enrichers?: readonly string[];
  /** Shared between runs of one process, so limits and robots.txt hold across watches. */
  robots?: RobotsCache;
  limiter?: HostRateLimiter;
  watches?: WatchStore;
  /** Checked before each request: true stops the run after the request in flight (shutdown). */
  shouldStop?: () => boolean;
  lookup?: LookupFn;
  now?: () => Date;
}

export interface CollectFailure {
  url: string;
  reason: string;
}

/** What one run of one watch did. */
export interface WatchReport {
  watchId: string;
  url: string;
  kind: string;
  source: string;
  ok: boolean;
  /** True when shutdown stopped the run early (not recorded as a failure). */
  interrupted: boolean;
  startedAt: string;
  finishedAt: string;
  requests: number;
  notModified: number;
  /** Status of the run's first answer. */
  httpStatus: number | null;
  captures: { added: number; unchanged: number };
  items: { added: number; updated: number; removed: number };
  failures: CollectFailure[];
  error: string | null;
}

export const DEFAULT_MAX_PAGES = 5;
export const DEFAULT_MAX_PAGE_FETCHES = 25;
const RECORD_FORMAT = 'narrascope.collected/1';

class Stopped extends Error {
  constructor() {
    super('interrupted by shutdown');
  }
}

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A message that names the URL, once. */
const withUrl = (url: string, reason: string): string => (reason.includes(url) ? reason : `${url}: ${reason}`);

/** The source kind a watch's items go to. */
const SOURCE_KIND: Record<Watch['kind'], string> = { feed: 'feed', wordpress: 'site', sitemap: 'site', page: 'site', lemmy: 'forum', telegram: 'channel' };

function mediaTypeOf(res: FetchedResponse): string | null {
  return (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() || null;
}

function formatOf(res: FetchedResponse): Format {
  const t = mediaTypeOf(res) ?? '';
  if (t.includes('json')) return 'jsonl';
  if (t.includes('xml') || t.includes('rss') || t.includes('atom')) return 'feed';
  if (t.includes('html')) return 'html';
  return 'text';
}

/** The answer's evidence, kept with its capture: headers, status, final URL and redirects. */
function evidence(res: FetchedResponse, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...res.headers,
    ':status': String(res.status),
    ':url': res.url,
    ...(res.redirects.length > 0 ? { ':redirects': res.redirects.join(' ') } : {}),
    ...extra,
  };
}

/** Bytes of a record: canonical JSON of what was read, so the same content gives the same capture. */
export function recordBytes(kind: string, r: CollectedRecord): Buffer {
  return Buffer.from(JSON.stringify({ record: RECORD_FORMAT, kind, key: r.key, url: r.url, title: r.title, items: r.items }), 'utf8');
}

/** Parse record bytes back into a document. */
export function parseRecord(text: string, format: Format): ParsedDocument {
  const json = JSON.parse(text) as { record?: string; title?: string | null; items?: ParsedDocument['items'] };
  if (json.record !== RECORD_FORMAT || !Array.isArray(json.items)) throw createError(ERRORS.INPUT_MALFORMED, 'not a narrascope collected record');
  return { format, title: json.title ?? null, sourceHint: null, items: json.items, warnings: [], metadata: { collected: true } };
}

const emptyDocument = (format: Format): ParsedDocument => ({ format, title: null, sourceHint: null, items: [], warnings: [], metadata: { response: true } });

/** Run one watch now. Never throws for collection problems: they are in the report and the run log. */
export async function runWatch(store: Store, watchOrId: Watch | string, opts: CollectOptions = {}): Promise<WatchReport> {
  const ws = opts.watches ?? (await openWatchStore(store));
  const now = opts.now ?? (() => new Date());
  let watch: Watch | null;
  if (typeof watchOrId === 'string') {
    watch = await ws.get(watchOrId);
    if (!watch) throw createError(ERRORS.NOT_FOUND, `no watch ${watchOrId}`, watchOrId);
  } else watch = watchOrId;
  const w = watch;
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const fetchOptions: SafeFetchOptions = {
    allowPrivate: opts.allowPrivate ?? false,
    userAgent,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.maxRedirects !== undefined ? { maxRedirects: opts.maxRedirects } : {}),
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
  };
  const robots = opts.robots ?? new RobotsCache({ userAgent, fetchOptions });
  const limiter = opts.limiter ?? new HostRateLimiter({ minIntervalMs: opts.minIntervalMs ?? 1000 });
  const maxRetryWaitMs = opts.maxRetryWaitMs ?? 60_000;

  const report: WatchReport = {
    watchId: w.id, url: w.url, kind: w.kind, source: w.source, ok: false, interrupted: false,
    startedAt: now().toISOString(), finishedAt: '', requests: 0, notModified: 0, httpStatus: null,
    captures: { added: 0, unchanged: 0 }, items: { added: 0, updated: 0, removed: 0 }, failures: [], error: null,
  };
  const state = await ws.loadState(w.id);
  // The collector works on a copy: a failed run must not move the cursor past what it stored.
  const cursor = structuredClone(state.cursor);
  const validators = new Map<string, HttpValidator>();
  const raw: FetchedResponse[] = [];
  const records: CollectedRecord[] = [];
  const pages: CollectedPage[] = [];

  // robots.txt is asked first, and an unreachable one reads as "disallow all": a refused address
  // must be named as such before that, not as a robots.txt refusal. safeFetch checks again (and
  // pins the address), so this only shapes the message.
  const hostChecks = new Map<string, Promise<void>>();
  const checkHost = (url: string): Promise<void> => {
    if (opts.allowPrivate) return Promise.resolve();
    const u = new URL(url);
    let p = hostChecks.get(u.hostname);
    if (!p) {
      p = (async () => {
        const host = u.hostname.replace(/^\[|\]$/g, '');
        const literal = addressRefusal(host) !== 'not an IP address';
        let addresses: string[];
        try {
          addresses = literal ? [host] : (await (opts.lookup ?? ((h: string) => dnsLookup(h, { all: true, verbatim: true })))(host)).map((a) => a.address);
        } catch {
          return; // safeFetch reports the DNS failure itself
        }
        for (const a of addresses) {
          const why = addressRefusal(a);
          if (why !== null) throw createError(ERRORS.INPUT_UNREADABLE, `${url}: refused: ${a}${literal ? '' : ` (${host})`} is ${why} (use --allow-private)`, url);
        }
      })();
      hostChecks.set(u.hostname, p);
    }
    return p;
  };

  const get = async (url: string, g: GetOptions = {}): Promise<FetchedResponse | null> => {
    if (opts.shouldStop?.()) throw new Stopped();
    await checkHost(url);
    if (!(await robots.isAllowed(url))) {
      if (robots.basis(url) === 'unreachable') {
        throw createError(ERRORS.INPUT_UNREADABLE, `${url}: not fetched: ${new URL(url).origin}/robots.txt could not be read (an error or 5xx means "crawl nothing"); trying again later`, url);
      }
      throw createError(ERRORS.INPUT_UNREADABLE, `${url}: refused: robots.txt disallows it for ${userAgent.split('/')[0] ?? 'narrascope'}`, url);
    }
    limiter.setCrawlDelay(url, await robots.crawlDelay(url));
    const held = g.conditional ? state.http.get(url) : undefined;
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(url);
      const res = await safeFetch(url, {
        ...fetchOptions,
        ...(g.accept ? { accept: g.accept } : {}),
        ...(held?.etag ? { etag: held.etag } : {}),
        ...(held?.lastModified ? { lastModified: held.lastModified } : {}),
      });
      report.requests++;
      report.httpStatus ??= res.status;
      const delay = limiter.report(url, res.status, res.headers);
      if (res.status === 429 || res.status === 503) {
        const wait = limiter.waitMs(url);
        if (attempt === 1 && wait <= maxRetryWaitMs && !opts.shouldStop?.()) continue;
        const after = res.headers['retry-after'];
        throw createError(
          ERRORS.INPUT_UNREADABLE,
          `${url}: HTTP ${res.status} ${res.status === 429 ? 'Too Many Requests' : 'Service Unavailable'}${after ? ` (Retry-After: ${after})` : ''}; backing off ${Math.round(Math.max(delay, wait) / 1000)} s`,
          url,
        );
      }
      if (res.notModified) {
        report.notModified++;
        return null;
      }
      if (res.status < 200 || res.status >= 300) {
        throw createError(ERRORS.INPUT_UNREADABLE, `${url}: HTTP ${res.status}${res.redirects.length > 0 ? ` (after redirects to ${res.redirects.join(' → ')})` : ''}`, url);
      }
      if (g.conditional && (res.headers.etag || res.headers['last-modified'])) {
        validators.set(url, { etag: res.headers.etag ?? null, lastModified: res.headers['last-modified'] ?? null });
      }
      raw.push(res);
      return res;
    }
  };

  const ctx: CollectContext = {
    url: w.url,
    get,
    emit: (r) => records.push(r),
    emitPage: (p) => pages.push(p),
    fail: (url, reason) => report.failures.push({ url, reason: withUrl(url, reason) }),
    cursor,
    known: (keys) => ws.known(w.id, keys),
    maxPages: opts.maxPages ?? w.options.maxPages ?? DEFAULT_MAX_PAGES,
    maxPageFetches: opts.maxPageFetches ?? w.options.maxPageFetches ?? DEFAULT_MAX_PAGE_FETCHES,
  };

  let completed = false;
  try {
    await COLLECTORS[w.kind].collect(ctx);
    completed = true;
  } catch (err) {
    if (err instanceof Stopped) report.interrupted = true;
    else report.failures.unshift({ url: err instanceof NarrascopeError && err.input ? err.input : w.url, reason: withUrl(w.url, reasonOf(err)) });
  }

  // Keep what was fetched, even from a run that failed half-way: every answer is evidence.
  const seen: SeenEntry[] = [];
  const pageResponses = new Set(pages.map((p) => p.response));
  const host = new URL(w.url).origin;
  const buffers: BufferInput[] = [];
  const display = new Map<string, SeenEntry>();
  for (const res of raw) {
    if (pageResponses.has(res) || res.body.length === 0) continue;
    const format = formatOf(res);
    buffers.push({
      display: res.url, origin: res.url, originKey: `response:${res.url}`, bytes: res.body, format,
      parse: () => emptyDocument(format), receivedAt: res.fetchedAt, mediaType: mediaTypeOf(res), headers: evidence(res),
    });
  }
  for (const r of records) {
    const name = `${r.url ?? w.url} (${r.key})`;
    buffers.push({
      display: name, origin: r.response.url, originKey: `${host}#${r.key}`, bytes: recordBytes(w.kind, r), format: r.format,
      parse: (text) => parseRecord(text, r.format), receivedAt: r.response.fetchedAt, mediaType: 'application/json',
      headers: evidence(r.response, { ':response-sha256': r.response.sha256 }),
    });
    display.set(name, { key: r.key, publishedAt: r.publishedAt, marker: r.marker ?? null });
  }
  for (const p of pages) {
    const entry: SeenEntry = { key: p.key, publishedAt: null, marker: p.marker ?? null };
    buffers.push({
      display: p.response.url, origin: p.response.url, originKey: p.key, bytes: p.response.body, format: 'html',
      parse: (text) => {
        const doc = parseHtml(text, { inputName: p.response.url });
        entry.publishedAt = isoOrNull(doc.items[0]?.rawDate);
        return doc;
      },
      receivedAt: p.response.fetchedAt, mediaType: mediaTypeOf(p.response), headers: evidence(p.response),
    });
    display.set(p.response.url, entry);
  }
  if (buffers.length > 0) {
    const ing = await ingestBuffers(store, {
      source: w.source, sourceKind: SOURCE_KIND[w.kind], sourceUrl: w.url, buffers,
      ...(opts.enrichers ? { enrichers: opts.enrichers } : {}),
    });
    report.captures = ing.captures;
    report.items = ing.items;
    const failed = new Set(ing.failures.map((f) => f.input));
    for (const f of ing.failures) report.failures.push({ url: f.input, reason: withUrl(f.input, f.reason) });
    for (const [name, entry] of display) if (!failed.has(name)) seen.push(entry);
  }
  await ws.recordSeen(w.id, seen, now().toISOString());

  // Cursor and validators move only when everything was read: otherwise the next run would get
  // 304 Not Modified for an answer whose follow-up requests failed, and never retry them.
  if (completed && report.failures.length === 0) {
    for (const [url, v] of validators) state.http.set(url, v);
    await ws.saveState(w.id, { cursor, http: state.http });
  }
  report.ok = !report.interrupted && report.failures.length === 0;
  report.error = report.failures[0]?.reason ?? (report.interrupted ? 'interrupted by shutdown' : null);
  report.finishedAt = now().toISOString();
  if (!report.interrupted) {
    const run: WatchRun = {
      watchId: w.id, startedAt: report.startedAt, finishedAt: report.finishedAt, ok: report.ok, error: report.error,
      httpStatus: report.httpStatus, requests: report.requests, notModified: report.notModified,
      capturesAdded: report.captures.added, itemsAdded: report.items.added,
    };
    await ws.recordRun(run);
  }
  return report;
}

export interface RunManyOptions extends CollectOptions {
  /** Run these (ids or URLs) whatever their schedule; default: the due ones. */
  ids?: string[];
  /** Run every enabled watch whatever its schedule. */
  all?: boolean;
  onReport?: (r: WatchReport) => void;
}

/** Run the due watches (or the named ones, or all) one after another; a failing one never stops the rest. */
export async function runDueWatches(store: Store, opts: RunManyOptions = {}): Promise<WatchReport[]> {
  const ws = opts.watches ?? (await openWatchStore(store));
  const userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
  const shared: CollectOptions = {
    ...opts,
    watches: ws,
    robots: opts.robots ?? new RobotsCache({ userAgent, fetchOptions: { allowPrivate: opts.allowPrivate ?? false, userAgent, ...(opts.lookup ? { lookup: opts.lookup } : {}), ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) } }),
    limiter: opts.limiter ?? new HostRateLimiter({ minIntervalMs: opts.minIntervalMs ?? 1000 }),
  };
  let watches: Watch[];
  if (opts.ids && opts.ids.length > 0) {
    watches = [];
    for (const id of opts.ids) {
      const w = await ws.get(id);
      if (!w) throw createError(ERRORS.USAGE, `no watch ${id}; \`narrascope watch list\` shows them`, id);
      watches.push(w);
    }
  } else {
    const all = (await ws.list()).filter((w) => w.enabled);
    watches = [];
    const now = (opts.now ?? (() => new Date()))();
    for (const w of all) if (opts.all || (await isDue(ws, w, now))) watches.push(w);
  }
  const reports: WatchReport[] = [];
  for (const w of watches) {
    if (opts.shouldStop?.()) break;
    let r: WatchReport;
    try {
      r = await runWatch(store, w, shared);
    } catch (err) {
      // A store error for one watch: report it and go on with the others.
      const at = new Date().toISOString();
      r = {
        watchId: w.id, url: w.url, kind: w.kind, source: w.source, ok: false, interrupted: false, startedAt: at, finishedAt: at,
        requests: 0, notModified: 0, httpStatus: null, captures: { added: 0, unchanged: 0 }, items: { added: 0, updated: 0, removed: 0 },
        failures: [{ url: w.url, reason: withUrl(w.url, reasonOf(err)) }], error: withUrl(w.url, reasonOf(err)),
      };
    }
    reports.push(r);
    opts.onReport?.(r);
  }
  return reports;
}
