// Watches: URLs collected on a schedule. The types, the storage interface both backends implement
// (watchstore-sqlite.ts, watchstore-postgres.ts), and collection health: last success, failures,
// and gaps where the source went quiet or fetching failed.
import { createError, ERRORS } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import type { Store } from '../store/store.js';
import type { WatchKind } from './kinds/types.js';
import { WATCH_KINDS } from './kinds/types.js';

export { WATCH_KINDS, type WatchKind };

/** Per-watch bounds, stored with the watch. */
export interface WatchOptions {
  /** Listing pages fetched per run (WordPress, Lemmy, Telegram). */
  maxPages?: number;
  /** Single pages fetched per run (sitemap entries). */
  maxPageFetches?: number;
}

export interface Watch {
  id: string;
  url: string;
  kind: WatchKind;
  everySeconds: number;
  /** Name of the source the collected items go to. */
  source: string;
  options: WatchOptions;
  createdAt: string;
  enabled: boolean;
}

export interface NewWatch {
  url: string;
  kind: WatchKind;
  everySeconds: number;
  source: string;
  options?: WatchOptions;
}

/** What the server said about the copy we hold of one URL: sent back as a conditional request. */
export interface HttpValidator {
  etag: string | null;
  lastModified: string | null;
}

export interface WatchState {
  cursor: Record<string, unknown>;
  http: Map<string, HttpValidator>;
}

/** One row of the run log. */
export interface WatchRun {
  watchId: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  httpStatus: number | null;
  requests: number;
  notModified: number;
  capturesAdded: number;
  itemsAdded: number;
}

/** A resource collected by a watch: its key, publication date and change marker. */
export interface SeenEntry {
  key: string;
  publishedAt: string | null;
  marker: string | null;
}

/** Storage of watches, their request state, what they collected, and their runs. */
export interface WatchStore {
  /** Add a watch; the same kind and URL again returns the existing one (created: false). */
  add(input: NewWatch): Promise<{ watch: Watch; created: boolean }>;
  list(): Promise<Watch[]>;
  /** By id (or a unique id prefix), or by URL. */
  get(idOrUrl: string): Promise<Watch | null>;
  remove(id: string): Promise<boolean>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  loadState(id: string): Promise<WatchState>;
  saveState(id: string, state: WatchState): Promise<void>;
  /** Of these keys, those the watch collected, with their markers. */
  known(id: string, keys: string[]): Promise<Map<string, string | null>>;
  recordSeen(id: string, entries: SeenEntry[], at: string): Promise<void>;
  /** Publication dates of the newest `limit` collected resources, oldest first. */
  itemDates(id: string, limit: number): Promise<string[]>;
  seenCount(id: string): Promise<number>;
  recordRun(run: WatchRun): Promise<void>;
  /** The newest `limit` runs, newest first. */
  recentRuns(id: string, limit: number): Promise<WatchRun[]>;
  /** The newest run that succeeded (ok) or failed (!ok). */
  lastRun(id: string, ok: boolean): Promise<WatchRun | null>;
}

/** The watch store of a corpus store, in the same database. */
export async function openWatchStore(store: Store): Promise<WatchStore> {
  const handle = store.handle;
  if (handle.kind === 'sqlite') {
    const { SqliteWatchStore } = await import('./watchstore-sqlite.js');
    return new SqliteWatchStore(handle.db);
  }
  const { PostgresWatchStore } = await import('./watchstore-postgres.js');
  return new PostgresWatchStore(handle.pool);
}

/** A watch's id: short and stable for its kind and URL, so adding it twice finds the first. */
export function watchId(kind: WatchKind, url: string): string {
  return sha256(`${kind} ${url}`).slice(0, 10);
}

/** Parse "90s", "15m", "2h", "1d", "1h30m" or plain seconds into seconds (at least 10). */
export function parseEvery(value: string): number {
  const v = value.trim().toLowerCase();
  let seconds = 0;
  if (/^\d+$/.test(v)) seconds = Number(v);
  else {
    const re = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/gy;
    let m: RegExpExecArray | null;
    let consumed = 0;
    while ((m = re.exec(v)) !== null) {
      const n = Number(m[1]);
      const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd' | 'w'];
      seconds += n * unit;
      consumed = re.lastIndex;
    }
    if (consumed !== v.length || v === '') throw createError(ERRORS.USAGE, `expected an interval such as 30s, 15m, 2h or 1d, got "${value}"`, value);
  }
  return Math.round(seconds);
}

/** "15m", "2h", "1d 6h": an interval for people. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${s % 3600 >= 60 ? ` ${Math.round((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${s % 86400 >= 3600 ? ` ${Math.round((s % 86400) / 3600)}h` : ''}`;
}

export interface Gap {
  /** quiet: the source published nothing for much longer than usual; failing: fetching failed. */
  kind: 'quiet' | 'failing';
  from: string;
  /** null: still going on. */
  to: string | null;
  seconds: number;
  /** The source's usual interval between items (quiet gaps). */
  usualSeconds?: number;
  error?: string;
}

export interface WatchHealth {
  status: 'never run' | 'ok' | 'failing' | 'quiet' | 'disabled';
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextDueAt: string;
  items: number;
  lastItemAt: string | null;
  /** Median interval between the source's items. */
  usualIntervalSeconds: number | null;
  gaps: Gap[];
}

/** Fewest dated items before a rhythm is trusted. */
const MIN_DATES_FOR_RHYTHM = 6;
/** A quiet gap is longer than this many usual intervals … */
const QUIET_FACTOR = 5;
/** … and at least this long (a source posting every minute is not "quiet" after five). */
const QUIET_MIN_SECONDS = 12 * 3600;

/**
 * Gaps in a source: intervals between its item dates far longer than its usual rhythm (median
 * interval × 5, at least 12 h), the open interval since its last item when that is as long, and
 * periods of consecutive failed runs. Newest first.
 */
export function findGaps(dates: string[], runs: WatchRun[], now: Date): { gaps: Gap[]; usualSeconds: number | null } {
  const gaps: Gap[] = [];
  const times = dates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t) && t <= now.getTime() + 86_400_000).sort((a, b) => a - b);
  let usual: number | null = null;
  if (times.length >= MIN_DATES_FOR_RHYTHM) {
    const intervals = times.slice(1).map((t, i) => (t - (times[i] ?? t)) / 1000).filter((s) => s > 0);
    const sorted = [...intervals].sort((a, b) => a - b);
    usual = sorted.length > 0 ? (sorted[Math.floor(sorted.length / 2)] ?? null) : null;
    if (usual !== null) {
      const threshold = Math.max(usual * QUIET_FACTOR, QUIET_MIN_SECONDS);
      for (let i = 1; i < times.length; i++) {
        const a = times[i - 1] ?? 0;
        const b = times[i] ?? 0;
        if ((b - a) / 1000 > threshold) {
          gaps.push({ kind: 'quiet', from: new Date(a).toISOString(), to: new Date(b).toISOString(), seconds: Math.round((b - a) / 1000), usualSeconds: Math.round(usual) });
        }
      }
      const last = times[times.length - 1] ?? now.getTime();
      const open = (now.getTime() - last) / 1000;
      if (open > threshold) gaps.push({ kind: 'quiet', from: new Date(last).toISOString(), to: null, seconds: Math.round(open), usualSeconds: Math.round(usual) });
    }
  }
  // Runs come newest first; walk them oldest first and close each failing stretch at the next success.
  let failingSince: WatchRun | null = null;
  let lastError: string | null = null;
  for (const run of [...runs].reverse()) {
    if (!run.ok) {
      failingSince ??= run;
      lastError = run.error;
    } else if (failingSince) {
      const s = (Date.parse(run.startedAt) - Date.parse(failingSince.startedAt)) / 1000;
      gaps.push({ kind: 'failing', from: failingSince.startedAt, to: run.startedAt, seconds: Math.round(s), ...(lastError ? { error: lastError } : {}) });
      failingSince = null;
    }
  }
  if (failingSince) {
    gaps.push({ kind: 'failing', from: failingSince.startedAt, to: null, seconds: Math.round((now.getTime() - Date.parse(failingSince.startedAt)) / 1000), ...(lastError ? { error: lastError } : {}) });
  }
  gaps.sort((a, b) => (b.to ?? '9999').localeCompare(a.to ?? '9999') || b.from.localeCompare(a.from));
  return { gaps: gaps.slice(0, 10), usualSeconds: usual === null ? null : Math.round(usual) };
}

/** Health of one watch from its run log and the dates of what it collected. */
export async function watchHealth(ws: WatchStore, watch: Watch, now = new Date()): Promise<WatchHealth> {
  const runs = await ws.recentRuns(watch.id, 200);
  const [lastOk, lastFailed, dates, items] = await Promise.all([
    ws.lastRun(watch.id, true),
    ws.lastRun(watch.id, false),
    ws.itemDates(watch.id, 1000),
    ws.seenCount(watch.id),
  ]);
  let consecutive = 0;
  for (const r of runs) {
    if (r.ok) break;
    consecutive++;
  }
  const { gaps, usualSeconds } = findGaps(dates, runs, now);
  const last = runs[0] ?? null;
  const nextDue = last ? new Date(Date.parse(last.startedAt) + watch.everySeconds * 1000) : new Date(watch.createdAt);
  let status: WatchHealth['status'] = 'ok';
  if (!watch.enabled) status = 'disabled';
  else if (!last) status = 'never run';
  else if (!last.ok) status = 'failing';
  else if (gaps.some((g) => g.kind === 'quiet' && g.to === null)) status = 'quiet';
  return {
    status,
    lastRunAt: last?.startedAt ?? null,
    lastSuccessAt: lastOk?.startedAt ?? null,
    lastFailureAt: lastFailed?.startedAt ?? null,
    lastError: lastFailed?.error ?? null,
    consecutiveFailures: consecutive,
    nextDueAt: nextDue.toISOString(),
    items,
    lastItemAt: dates[dates.length - 1] ?? null,
    usualIntervalSeconds: usualSeconds,
    gaps,
  };
}

/** Whether the watch's interval has elapsed since its last run. */
export async function isDue(ws: WatchStore, watch: Watch, now = new Date()): Promise<boolean> {
  if (!watch.enabled) return false;
  const [last] = await ws.recentRuns(watch.id, 1);
  return !last || Date.parse(last.startedAt) + watch.everySeconds * 1000 <= now.getTime();
}

/** A source name for a watch: host, plus the community, user or channel it names. */
export function defaultSourceName(url: string, kind: WatchKind): string {
  const u = new URL(url);
  const host = u.host.replace(/^www\./, '');
  if (kind === 'telegram') {
    const m = /^\/(?:s\/)?([A-Za-z0-9_]+)/.exec(u.pathname);
    return m?.[1] ? `t.me/${m[1]}` : host;
  }
  if (kind === 'lemmy') {
    const m = /^\/(c|u)\/([^/?#]+)/.exec(u.pathname);
    if (m?.[1] && m[2]) return `${host}/${m[1]}/${decodeURIComponent(m[2])}`;
  }
  return host;
}

export const isWatchKind = (v: string): v is WatchKind => (WATCH_KINDS as readonly string[]).includes(v);
