// WatchStore on the SQLite store's own connection (tables from migration 7).
import type Database from 'better-sqlite3';
import { createError, ERRORS } from '../core/errors.js';
import type { WatchKind } from './kinds/types.js';
import type { HttpValidator, NewWatch, SeenEntry, Watch, WatchRun, WatchState, WatchStore } from './watches.js';
import { watchId } from './watches.js';

interface WatchRow {
  id: string;
  url: string;
  kind: string;
  every_seconds: number;
  source: string;
  options: string;
  created_at: string;
  enabled: number;
}

interface RunRow {
  watch_id: string;
  started_at: string;
  finished_at: string;
  ok: number;
  error: string | null;
  http_status: number | null;
  requests: number;
  not_modified: number;
  captures_added: number;
  items_added: number;
}

const toWatch = (r: WatchRow): Watch => ({
  id: r.id,
  url: r.url,
  kind: r.kind as WatchKind,
  everySeconds: r.every_seconds,
  source: r.source,
  options: JSON.parse(r.options) as Watch['options'],
  createdAt: r.created_at,
  enabled: r.enabled === 1,
});

const toRun = (r: RunRow): WatchRun => ({
  watchId: r.watch_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  ok: r.ok === 1,
  error: r.error,
  httpStatus: r.http_status,
  requests: r.requests,
  notModified: r.not_modified,
  capturesAdded: r.captures_added,
  itemsAdded: r.items_added,
});

/** Watches in a SQLite corpus file. */
export class SqliteWatchStore implements WatchStore {
  constructor(private readonly db: Database.Database) {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watches'").get();
    if (!has) throw createError(ERRORS.CONFIG, 'this store has no watch tables (schema older than version 7); open it with this narrascope to migrate it');
  }

  add(input: NewWatch): Promise<{ watch: Watch; created: boolean }> {
    const id = watchId(input.kind, input.url);
    const info = this.db
      .prepare('INSERT INTO watches (id, url, kind, every_seconds, source, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(id, input.url, input.kind, input.everySeconds, input.source, JSON.stringify(input.options ?? {}), new Date().toISOString());
    const row = this.db.prepare('SELECT * FROM watches WHERE kind = ? AND url = ?').get(input.kind, input.url) as WatchRow;
    return Promise.resolve({ watch: toWatch(row), created: info.changes > 0 });
  }

  list(): Promise<Watch[]> {
    return Promise.resolve((this.db.prepare('SELECT * FROM watches ORDER BY created_at, id').all() as WatchRow[]).map(toWatch));
  }

  get(idOrUrl: string): Promise<Watch | null> {
    const exact = this.db.prepare('SELECT * FROM watches WHERE id = ? OR url = ? ORDER BY id LIMIT 1').get(idOrUrl, idOrUrl) as WatchRow | undefined;
    if (exact) return Promise.resolve(toWatch(exact));
    const prefixed = this.db.prepare("SELECT * FROM watches WHERE id LIKE ? || '%' ESCAPE '\\' LIMIT 2").all(idOrUrl.replace(/[%_\\]/g, '\\$&')) as WatchRow[];
    return Promise.resolve(prefixed.length === 1 && prefixed[0] ? toWatch(prefixed[0]) : null);
  }

  remove(id: string): Promise<boolean> {
    const tx = this.db.transaction(() => {
      for (const t of ['watch_http_state', 'watch_items', 'watch_runs']) this.db.prepare(`DELETE FROM ${t} WHERE watch_id = ?`).run(id);
      return this.db.prepare('DELETE FROM watches WHERE id = ?').run(id).changes > 0;
    });
    return Promise.resolve(tx());
  }

  setEnabled(id: string, enabled: boolean): Promise<void> {
    this.db.prepare('UPDATE watches SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id);
    return Promise.resolve();
  }

  loadState(id: string): Promise<WatchState> {
    const row = this.db.prepare('SELECT cursor FROM watches WHERE id = ?').get(id) as { cursor: string } | undefined;
    const http = new Map<string, HttpValidator>();
    const rows = this.db.prepare('SELECT url, etag, last_modified FROM watch_http_state WHERE watch_id = ?').all(id) as Array<{ url: string; etag: string | null; last_modified: string | null }>;
    for (const r of rows) http.set(r.url, { etag: r.etag, lastModified: r.last_modified });
    return Promise.resolve({ cursor: row ? (JSON.parse(row.cursor) as Record<string, unknown>) : {}, http });
  }

  saveState(id: string, state: WatchState): Promise<void> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare('UPDATE watches SET cursor = ? WHERE id = ?').run(JSON.stringify(state.cursor), id);
      const up = this.db.prepare(
        'INSERT INTO watch_http_state (watch_id, url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (watch_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at',
      );
      for (const [url, v] of state.http) up.run(id, url, v.etag, v.lastModified, now);
    })();
    return Promise.resolve();
  }

  known(id: string, keys: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT key, marker FROM watch_items WHERE watch_id = ? AND key IN (${chunk.map(() => '?').join(',')})`)
        .all(id, ...chunk) as Array<{ key: string; marker: string | null }>;
      for (const r of rows) out.set(r.key, r.marker);
    }
    return Promise.resolve(out);
  }

  recordSeen(id: string, entries: SeenEntry[], at: string): Promise<void> {
    const up = this.db.prepare(
      'INSERT INTO watch_items (watch_id, key, published_at, marker, seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (watch_id, key) DO UPDATE SET published_at = COALESCE(excluded.published_at, watch_items.published_at), marker = excluded.marker',
    );
    this.db.transaction(() => {
      for (const e of entries) up.run(id, e.key, e.publishedAt, e.marker, at);
    })();
    return Promise.resolve();
  }

  itemDates(id: string, limit: number): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT published_at FROM watch_items WHERE watch_id = ? AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT ?')
      .all(id, limit) as Array<{ published_at: string }>;
    return Promise.resolve(rows.map((r) => r.published_at).reverse());
  }

  seenCount(id: string): Promise<number> {
    return Promise.resolve((this.db.prepare('SELECT count(*) AS n FROM watch_items WHERE watch_id = ?').get(id) as { n: number }).n);
  }

  recordRun(run: WatchRun): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO watch_runs (watch_id, started_at, finished_at, ok, error, http_status, requests, not_modified, captures_added, items_added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(run.watchId, run.startedAt, run.finishedAt, run.ok ? 1 : 0, run.error, run.httpStatus, run.requests, run.notModified, run.capturesAdded, run.itemsAdded);
    return Promise.resolve();
  }

  recentRuns(id: string, limit: number): Promise<WatchRun[]> {
    const rows = this.db.prepare('SELECT * FROM watch_runs WHERE watch_id = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(id, limit) as RunRow[];
    return Promise.resolve(rows.map(toRun));
  }

  lastRun(id: string, ok: boolean): Promise<WatchRun | null> {
    const row = this.db.prepare('SELECT * FROM watch_runs WHERE watch_id = ? AND ok = ? ORDER BY started_at DESC, id DESC LIMIT 1').get(id, ok ? 1 : 0) as RunRow | undefined;
    return Promise.resolve(row ? toRun(row) : null);
  }
}
