// WatchStore on a PostgreSQL store's pool. The tables come from WATCH_PG_MIGRATION, which the
// PostgreSQL store applies with its own numbered migrations.
import type pg from 'pg';
import { inTransaction } from '../store/postgres/tx.js';
import type { WatchKind } from './kinds/types.js';
import type { HttpValidator, NewWatch, SeenEntry, Watch, WatchRun, WatchState, WatchStore } from './watches.js';
import { watchId } from './watches.js';

/** Migration 7 of the PostgreSQL schema: the watch tables (no references to corpus tables). */
export const WATCH_PG_MIGRATION = {
  version: 7,
  name: 'watches: sources collected on a schedule, their request state, what they collected, their runs',
  sql: `
    CREATE TABLE watches (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      kind TEXT NOT NULL,
      every_seconds INTEGER NOT NULL CHECK (every_seconds > 0),
      source TEXT NOT NULL,
      options JSONB NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      enabled BOOLEAN NOT NULL DEFAULT TRUE,
      cursor JSONB NOT NULL DEFAULT '{}',
      UNIQUE (kind, url)
    );
    CREATE TABLE watch_http_state (
      watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      etag TEXT,
      last_modified TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (watch_id, url)
    );
    CREATE TABLE watch_items (
      watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      published_at TEXT,
      marker TEXT,
      seen_at TEXT NOT NULL,
      PRIMARY KEY (watch_id, key)
    );
    CREATE INDEX watch_items_date ON watch_items(watch_id, published_at);
    CREATE TABLE watch_runs (
      id BIGSERIAL PRIMARY KEY,
      watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
      started_at TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      ok BOOLEAN NOT NULL,
      error TEXT,
      http_status INTEGER,
      requests INTEGER NOT NULL,
      not_modified INTEGER NOT NULL,
      captures_added INTEGER NOT NULL,
      items_added INTEGER NOT NULL
    );
    CREATE INDEX watch_runs_watch ON watch_runs(watch_id, started_at);
  `,
} as const;

interface WatchRow {
  id: string;
  url: string;
  kind: string;
  every_seconds: number;
  source: string;
  options: Watch['options'];
  created_at: string;
  enabled: boolean;
}

interface RunRow {
  watch_id: string;
  started_at: string;
  finished_at: string;
  ok: boolean;
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
  options: r.options,
  createdAt: r.created_at,
  enabled: r.enabled,
});

const toRun = (r: RunRow): WatchRun => ({
  watchId: r.watch_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  ok: r.ok,
  error: r.error,
  httpStatus: r.http_status,
  requests: r.requests,
  notModified: r.not_modified,
  capturesAdded: r.captures_added,
  itemsAdded: r.items_added,
});

/** Watches in a PostgreSQL corpus database. */
export class PostgresWatchStore implements WatchStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(input: NewWatch): Promise<{ watch: Watch; created: boolean }> {
    const id = watchId(input.kind, input.url);
    const ins = await this.pool.query(
      'INSERT INTO watches (id, url, kind, every_seconds, source, options, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [id, input.url, input.kind, input.everySeconds, input.source, JSON.stringify(input.options ?? {}), new Date().toISOString()],
    );
    const { rows } = await this.pool.query<WatchRow>('SELECT * FROM watches WHERE kind = $1 AND url = $2', [input.kind, input.url]);
    const row = rows[0];
    if (!row) throw new Error(`watch ${input.url} vanished while it was added`);
    return { watch: toWatch(row), created: (ins.rowCount ?? 0) > 0 };
  }

  async list(): Promise<Watch[]> {
    return (await this.pool.query<WatchRow>('SELECT * FROM watches ORDER BY created_at, id')).rows.map(toWatch);
  }

  async get(idOrUrl: string): Promise<Watch | null> {
    const exact = await this.pool.query<WatchRow>('SELECT * FROM watches WHERE id = $1 OR url = $1 ORDER BY id LIMIT 1', [idOrUrl]);
    if (exact.rows[0]) return toWatch(exact.rows[0]);
    const prefixed = await this.pool.query<WatchRow>("SELECT * FROM watches WHERE starts_with(id, $1) LIMIT 2", [idOrUrl]);
    return prefixed.rows.length === 1 && prefixed.rows[0] ? toWatch(prefixed.rows[0]) : null;
  }

  async remove(id: string): Promise<boolean> {
    // ON DELETE CASCADE takes the state, the items and the runs with it.
    return ((await this.pool.query('DELETE FROM watches WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async setEnabled(id: string, enabled: boolean): Promise<void> {
    await this.pool.query('UPDATE watches SET enabled = $2 WHERE id = $1', [id, enabled]);
  }

  async loadState(id: string): Promise<WatchState> {
    const c = await this.pool.query<{ cursor: Record<string, unknown> }>('SELECT cursor FROM watches WHERE id = $1', [id]);
    const h = await this.pool.query<{ url: string; etag: string | null; last_modified: string | null }>(
      'SELECT url, etag, last_modified FROM watch_http_state WHERE watch_id = $1',
      [id],
    );
    const http = new Map<string, HttpValidator>();
    for (const r of h.rows) http.set(r.url, { etag: r.etag, lastModified: r.last_modified });
    return { cursor: c.rows[0]?.cursor ?? {}, http };
  }

  async saveState(id: string, state: WatchState): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('UPDATE watches SET cursor = $2 WHERE id = $1', [id, JSON.stringify(state.cursor)]);
      const urls = [...state.http.keys()];
      if (urls.length > 0) {
        await client.query(
          `INSERT INTO watch_http_state (watch_id, url, etag, last_modified, updated_at)
           SELECT $1, u, e, l, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS t(u, e, l)
           ON CONFLICT (watch_id, url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at`,
          [id, urls, urls.map((u) => state.http.get(u)?.etag ?? null), urls.map((u) => state.http.get(u)?.lastModified ?? null), new Date().toISOString()],
        );
      }
    });
  }

  async known(id: string, keys: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (keys.length === 0) return out;
    const { rows } = await this.pool.query<{ key: string; marker: string | null }>(
      'SELECT key, marker FROM watch_items WHERE watch_id = $1 AND key = ANY($2::text[])',
      [id, keys],
    );
    for (const r of rows) out.set(r.key, r.marker);
    return out;
  }

  async recordSeen(id: string, entries: SeenEntry[], at: string): Promise<void> {
    if (entries.length === 0) return;
    // One row per key: a key twice in one statement would make ON CONFLICT fail.
    const byKey = new Map(entries.map((e) => [e.key, e]));
    const list = [...byKey.values()];
    await this.pool.query(
      `INSERT INTO watch_items (watch_id, key, published_at, marker, seen_at)
       SELECT $1, k, p, m, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS t(k, p, m)
       ON CONFLICT (watch_id, key) DO UPDATE SET published_at = COALESCE(excluded.published_at, watch_items.published_at), marker = excluded.marker`,
      [id, list.map((e) => e.key), list.map((e) => e.publishedAt), list.map((e) => e.marker), at],
    );
  }

  async itemDates(id: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ published_at: string }>(
      'SELECT published_at FROM watch_items WHERE watch_id = $1 AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT $2',
      [id, limit],
    );
    return rows.map((r) => r.published_at).reverse();
  }

  async seenCount(id: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM watch_items WHERE watch_id = $1', [id]);
    return Number(rows[0]?.n ?? 0);
  }

  async recordRun(run: WatchRun): Promise<void> {
    await this.pool.query(
      'INSERT INTO watch_runs (watch_id, started_at, finished_at, ok, error, http_status, requests, not_modified, captures_added, items_added) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [run.watchId, run.startedAt, run.finishedAt, run.ok, run.error, run.httpStatus, run.requests, run.notModified, run.capturesAdded, run.itemsAdded],
    );
  }

  async recentRuns(id: string, limit: number): Promise<WatchRun[]> {
    const { rows } = await this.pool.query<RunRow>('SELECT * FROM watch_runs WHERE watch_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [id, limit]);
    return rows.map(toRun);
  }

  async lastRun(id: string, ok: boolean): Promise<WatchRun | null> {
    const { rows } = await this.pool.query<RunRow>('SELECT * FROM watch_runs WHERE watch_id = $1 AND ok = $2 ORDER BY started_at DESC, id DESC LIMIT 1', [id, ok]);
    return rows[0] ? toRun(rows[0]) : null;
  }
}
