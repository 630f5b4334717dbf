// Numbered schema migrations, applied in order. `PRAGMA user_version` records the last one applied,
// and each runs in its own transaction together with the version bump, so a crash mid-migration
// leaves the previous version intact. Never edit a released migration: append a new one.
import type Database from 'better-sqlite3';
import { createError, ERRORS } from '../../core/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'corpus: sources, captures, documents, items, annotations, line counts, full text',
    sql: `
      CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        url TEXT,
        language_hint TEXT,
        date_order TEXT CHECK (date_order IN ('dmy', 'mdy')),
        notes TEXT,
        created_at TEXT NOT NULL
      );

      -- A row exists only once every chunk of the capture is stored (IngestUnit.final).
      CREATE TABLE captures (
        id TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        origin TEXT NOT NULL,
        source_id TEXT NOT NULL REFERENCES sources(id),
        received_at TEXT NOT NULL,
        media_type TEXT
      );
      CREATE INDEX captures_source ON captures(source_id, received_at);

      -- No foreign key to captures: chunks of an unfinished capture are written before its row.
      CREATE TABLE capture_chunks (
        capture_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (capture_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        capture_id TEXT NOT NULL,
        source_id TEXT NOT NULL REFERENCES sources(id),
        origin_key TEXT NOT NULL,
        format TEXT NOT NULL,
        charset TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL
      );
      CREATE INDEX documents_origin ON documents(source_id, origin_key);
      CREATE INDEX documents_capture ON documents(capture_id);

      -- An explicit rowid gives the external-content FTS table a stable integer key.
      CREATE TABLE items (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT NOT NULL REFERENCES sources(id),
        document_id TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        parent_id TEXT,
        ordinal INTEGER NOT NULL,
        title TEXT,
        author TEXT,
        url TEXT,
        published_at TEXT,
        date_precision TEXT CHECK (date_precision IN ('day', 'month', 'year')),
        language TEXT NOT NULL,
        language_confidence REAL NOT NULL,
        text TEXT NOT NULL,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp >= start_cp),
        content_hash TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}'
      );
      -- Serves the source filter and the stable listing order (the rowid rides along in the index).
      CREATE INDEX items_source_order ON items(source_id, document_id, ordinal);
      CREATE INDEX items_document ON items(document_id, ordinal);
      CREATE INDEX items_published ON items(published_at);
      CREATE INDEX items_language ON items(language);
      CREATE INDEX items_content_hash ON items(content_hash);

      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        label TEXT NOT NULL,
        start_cp INTEGER NOT NULL CHECK (start_cp >= 0),
        end_cp INTEGER NOT NULL CHECK (end_cp >= start_cp),
        value TEXT,
        confidence REAL NOT NULL,
        producer_id TEXT NOT NULL,
        producer_version TEXT NOT NULL,
        reviewer TEXT,
        reviewed_at TEXT,
        review_status TEXT CHECK (review_status IN ('accepted', 'rejected', 'added'))
      );
      CREATE INDEX annotations_item_layer ON annotations(item_id, layer);

      CREATE TABLE source_lines (
        source_id TEXT NOT NULL,
        line_hash TEXT NOT NULL,
        docs INTEGER NOT NULL,
        PRIMARY KEY (source_id, line_hash)
      ) WITHOUT ROWID;

      -- External content: the text lives once, in items; triggers keep the index in step.
      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, text,
        content = 'items', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
      END;
      -- Re-ingesting an unchanged item rewrites its row; only a real change should touch the index.
      CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items
      WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO items_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
    `,
  },
  {
    version: 2,
    name: 'full text indexed in bulk: new items wait in fts_pending until syncSearchIndex',
    sql: `
      -- Indexing row by row inside every ingest transaction costs three times what one
      -- INSERT … SELECT over the run's new items does (FTS5 then writes fewer, larger segments).
      -- New rows are queued here in the same transaction as the row itself, so a killed run
      -- leaves its items queued and the next sync indexes them.
      CREATE TABLE fts_pending (rowid INTEGER PRIMARY KEY);

      DROP TRIGGER items_fts_insert;
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT OR IGNORE INTO fts_pending (rowid) VALUES (new.rowid);
      END;

      -- A queued row is not in the index yet: deleting it must not touch the index.
      DROP TRIGGER items_fts_delete;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, text)
          SELECT 'delete', old.rowid, old.title, old.text
          WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE rowid = old.rowid);
        DELETE FROM fts_pending WHERE rowid = old.rowid;
      END;

      DROP TRIGGER items_fts_update;
      CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text ON items
      WHEN (old.title IS NOT new.title OR old.text IS NOT new.text)
        AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE rowid = old.rowid) BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO items_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
      END;
    `,
  },
  {
    version: 3,
    name: 'search: contentless FTS5 over exact and stemmed title and text',
    sql: `
      -- Search matches bare words on their stems (ru, uk, en) and phrases on the words as written,
      -- so the index has both. Stems are computed in JavaScript when pending rows are synced, so
      -- the table holds no content of its own (the text lives once, in items) and deletes by rowid.
      DROP TRIGGER items_fts_insert;
      DROP TRIGGER items_fts_delete;
      DROP TRIGGER items_fts_update;
      DROP TABLE items_fts;
      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, text, title_stems, text_stems,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Everything stored so far is indexed again, with stems, by the next sync.
      INSERT OR IGNORE INTO fts_pending (rowid) SELECT rowid FROM items;

      -- Not INSERT OR IGNORE: an upsert's own conflict clause would override it inside a trigger.
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO fts_pending (rowid) SELECT new.rowid WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE rowid = new.rowid);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        DELETE FROM items_fts WHERE rowid = old.rowid;
        DELETE FROM fts_pending WHERE rowid = old.rowid;
      END;
      -- A changed text or language changes the stems: index the row again at the next sync.
      CREATE TRIGGER items_fts_update AFTER UPDATE OF title, text, language ON items
      WHEN old.title IS NOT new.title OR old.text IS NOT new.text OR old.language IS NOT new.language BEGIN
        DELETE FROM items_fts WHERE rowid = old.rowid;
        INSERT INTO fts_pending (rowid) SELECT new.rowid WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE rowid = new.rowid);
      END;
    `,
  },
  {
    version: 4,
    name: 'duplicates: MinHash signatures kept per item',
    sql: `
      -- A signature is computed once per item text; finding duplicates then needs only the LSH
      -- pass over stored signatures. It goes with its item, and with a change of the item's text.
      CREATE TABLE item_signatures (
        item_id TEXT PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER item_signature_stale AFTER UPDATE OF text ON items WHEN old.text IS NOT new.text BEGIN
        DELETE FROM item_signatures WHERE item_id = old.id;
      END;
    `,
  },
  {
    version: 5,
    name: 'enrichment: which producer, at which version, has enriched each item',
    sql: `
      -- Lets \`enrich\` resume: an item is done for a producer once a row says so at its version.
      -- A producer that finds nothing writes no annotation, so the annotations cannot tell.
      CREATE TABLE item_enrichments (
        item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        producer_id TEXT NOT NULL,
        producer_version TEXT NOT NULL,
        PRIMARY KEY (item_id, producer_id)
      ) WITHOUT ROWID;
      CREATE INDEX item_enrichments_producer ON item_enrichments(producer_id, producer_version);
      CREATE TRIGGER item_enrichments_stale AFTER UPDATE OF text ON items WHEN old.text IS NOT new.text BEGIN
        DELETE FROM item_enrichments WHERE item_id = old.id;
      END;
    `,
  },
  {
    version: 6,
    name: 'captures: response headers of fetched captures',
    sql: `
      -- An HTTP capture's evidence includes what the server said about the bytes (status, ETag,
      -- Last-Modified, content type, redirects): kept as a JSON object beside the hash.
      ALTER TABLE captures ADD COLUMN headers TEXT;
    `,
  },
  {
    version: 7,
    name: 'watches: sources collected on a schedule, their request state, what they collected, their runs',
    sql: `
      CREATE TABLE watches (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        kind TEXT NOT NULL,
        every_seconds INTEGER NOT NULL CHECK (every_seconds > 0),
        source TEXT NOT NULL,
        options TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        -- Kind-specific position between runs (newest post date, last message id …), JSON.
        cursor TEXT NOT NULL DEFAULT '{}',
        UNIQUE (kind, url)
      );
      -- ETag and Last-Modified of the last answer per URL: sent back as a conditional request.
      CREATE TABLE watch_http_state (
        watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (watch_id, url)
      ) WITHOUT ROWID;
      -- Resources a watch collected (posts, messages, pages): what is new, and the source's rhythm.
      CREATE TABLE watch_items (
        watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        published_at TEXT,
        marker TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (watch_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX watch_items_date ON watch_items(watch_id, published_at);
      CREATE TABLE watch_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        error TEXT,
        http_status INTEGER,
        requests INTEGER NOT NULL,
        not_modified INTEGER NOT NULL,
        captures_added INTEGER NOT NULL,
        items_added INTEGER NOT NULL
      );
      CREATE INDEX watch_runs_watch ON watch_runs(watch_id, started_at);
    `,
  },
  {
    version: 8,
    name: 'accounts: users, sessions, API tokens, collections, audit log',
    sql: `
      -- Times are ISO 8601 UTC text. Secrets are never stored: sessions and tokens by SHA-256,
      -- passwords as scrypt PHC strings. No foreign keys to corpus tables: a collection may name a
      -- source that a copy or an import brings later.
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        username_key TEXT NOT NULL UNIQUE,
        display_name TEXT,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        password_hash TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_login_at TEXT
      );
      CREATE TABLE user_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        address TEXT
      ) WITHOUT ROWID;
      CREATE INDEX user_sessions_user ON user_sessions(user_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        created_at TEXT NOT NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_tokens_user ON api_tokens(user_id);
      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        description TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE collection_sources (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        PRIMARY KEY (collection_id, source_id)
      ) WITHOUT ROWID;
      CREATE TABLE collection_members (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
        PRIMARY KEY (collection_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX collection_members_user ON collection_members(user_id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        actor_user_id TEXT,
        token_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL,
        address TEXT
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
      CREATE INDEX audit_log_actor ON audit_log(actor, id);
    `,
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** Apply every migration newer than the database's `user_version`; returns the versions applied. */
export function migrate(
  db: Database.Database,
  location: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  if (current > latest) {
    throw createError(
      ERRORS.CONFIG,
      `The store ${location} has schema version ${current}, newer than this narrascope supports (${latest}); upgrade narrascope`,
      location,
    );
  }
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA takes no bound parameters; the version is an integer from this file.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
